/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.bytestream.trino.reader;

import io.bytestream.arrow.StreamBytes;
import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.DeletionVector;
import io.bytestream.trino.delta.TestingDeltaCommits;
import io.bytestream.trino.error.RecordId;
import io.bytestream.writer.Record;
import io.trino.memory.context.AggregatedMemoryContext;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.spi.TrinoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_BAD_DATA_FILE;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_MISSING_DATA_FILE;
import static io.bytestream.trino.reader.TestingRecordFiles.FILE_SYSTEM;
import static io.bytestream.trino.reader.TestingRecordFiles.TABLE;
import static io.bytestream.trino.reader.TestingRecordFiles.VERSION;
import static io.bytestream.trino.reader.TestingRecordFiles.records;
import static io.bytestream.trino.reader.TestingRecordFiles.tableLocation;
import static io.bytestream.trino.reader.TestingRecordFiles.writeDataFile;
import static io.trino.memory.context.AggregatedMemoryContext.newSimpleAggregatedMemoryContext;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.lang.Math.toIntExact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestDataFileRecords
{
    private static final RecordColumns COLUMNS = RecordColumns.builder("content", Optional.of(VERSION)).outer("version", BIGINT).build();

    @TempDir
    Path directory;

    @Test
    void testRecordsInFileOrder()
    {
        List<Record> records = records(9);
        DataFile file = writeDataFile(directory, records);
        AggregatedMemoryContext memory = newSimpleAggregatedMemoryContext();
        try (DataFileRecords fileRecords = open(file, memory)) {
            for (int i = 0; i < records.size(); i++) {
                assertThat(fileRecords.next()).isTrue();
                assertThat(bytes(fileRecords.content().orElseThrow())).isEqualTo(records.get(i).content());
                assertThat(BIGINT.getLong(fileRecords.value(1), 0)).isEqualTo(100 + i);
                assertThat(fileRecords.recordId()).isEqualTo(new RecordId(TABLE, file, i, Optional.of("version"), Optional.of(OptionalLong.of(100 + i))));
            }
            assertThat(fileRecords.next()).isFalse();
            assertThat(fileRecords.next()).isFalse();
            assertThat(fileRecords.readBytes()).isEqualTo(file.size());
        }
        assertThat(memory.getBytes()).isZero();
    }

    @Test
    void testPlainContentVisitedInPlace()
    {
        List<Record> records = records(4);
        DataFile file = writeDataFile(directory, records);
        try (DataFileRecords fileRecords = open(file, newSimpleAggregatedMemoryContext())) {
            List<byte[]> contents = new ArrayList<>();
            assertThat(fileRecords.visitContent((_, content) -> contents.add(content.orElseThrow().read(0, (int) content.get().length()).getBytes()))).isTrue();
            assertThat(contents).containsExactlyElementsOf(records.stream().map(Record::content).toList());
            // a record found this way is named with its version, read on the way to the error
            assertThat(fileRecords.recordId(2).version()).contains(OptionalLong.of(102));
            assertThat(fileRecords.recordId(9).version()).isEmpty();
        }
    }

    @Test
    void testMissingFile()
    {
        DataFile missing = new DataFile(directory.toUri().toString().replace("file:", "local:") + "missing.parquet", 1234, 0, Map.of());
        assertThatThrownBy(() -> open(missing, newSimpleAggregatedMemoryContext()).close())
                .isInstanceOfSatisfying(TrinoException.class, e -> assertThat(e.getErrorCode()).isEqualTo(BYTESTREAM_MISSING_DATA_FILE.toErrorCode()))
                .hasMessage("Table ops.entries: data file %s named by the Delta log does not exist".formatted(missing.path()));
    }

    @Test
    void testDeletedRecordsArePassedOver()
    {
        DataFile file = withRecordsDeleted(writeDataFile(directory, records(6)), 0, 2, 5);
        try (DataFileRecords fileRecords = open(file, newSimpleAggregatedMemoryContext())) {
            List<Long> live = new ArrayList<>();
            while (fileRecords.next()) {
                live.add(fileRecords.recordId().record());
                assertThat(BIGINT.getLong(fileRecords.value(1), 0)).isEqualTo(100 + fileRecords.recordId().record());
            }
            assertThat(live).containsExactly(1L, 3L, 4L);
            List<Long> visited = new ArrayList<>();
            assertThat(fileRecords.visitContent((row, _) -> visited.add(row))).isTrue();
            assertThat(visited).containsExactly(1L, 3L, 4L);
        }
    }

    @Test
    void testContentByRangeWithOuterValuesByRow()
    {
        List<Record> records = records(6);
        DataFile file = withRecordsDeleted(writeDataFile(directory, records), 0, 2, 5);
        try (DataFileRecords fileRecords = open(file, newSimpleAggregatedMemoryContext())) {
            assertThat(fileRecords.readContentByRange()).isTrue();
            assertThat(fileRecords.readsContentByRange()).isTrue();
            List<Long> live = new ArrayList<>();
            while (fileRecords.next()) {
                int record = toIntExact(fileRecords.recordId().record());
                live.add((long) record);
                assertThat(bytes(fileRecords.content().orElseThrow())).isEqualTo(records.get(record).content());
                // the outer values of the same row, from the Parquet reader without the content column
                assertThat(BIGINT.getLong(fileRecords.value(1), 0)).isEqualTo(100 + record);
                assertThat(fileRecords.recordId().version()).contains(OptionalLong.of(100 + record));
            }
            assertThat(live).containsExactly(1L, 3L, 4L);
        }
    }

    @Test
    void testContentByRangeWithoutOuterValues()
    {
        List<Record> records = records(3);
        DataFile file = writeDataFile(directory, records);
        RecordColumns innerOnly = RecordColumns.builder("content", Optional.of(VERSION)).inner("name", VARCHAR).build();
        try (DataFileRecords fileRecords = DataFileRecords.open(FILE_SYSTEM, TABLE, tableLocation(directory), file, innerOnly, ParquetReaderOptions.defaultOptions(), newSimpleAggregatedMemoryContext())) {
            assertThat(fileRecords.readContentByRange()).isTrue();
            for (int i = 0; i < records.size(); i++) {
                assertThat(fileRecords.next()).isTrue();
                assertThat(fileRecords.content().orElseThrow().length()).isEqualTo(records.get(i).content().length);
            }
            // the version is read only on the way to an error
            assertThat(fileRecords.recordId()).isEqualTo(new RecordId(TABLE, file, 2, Optional.of("version"), Optional.of(OptionalLong.of(102))));
            assertThat(fileRecords.next()).isFalse();
        }
    }

    @Test
    void testUnreadableDeletionVector()
    {
        DataFile written = writeDataFile(directory, records(2));
        DataFile file = new DataFile(written.path(), written.size(), 0, written.partitionValues(), Optional.of(new DeletionVector("u", "ab^-aqEH.-t@S}K{vb[*k^", Optional.of(1), 34, 1)));
        assertThatThrownBy(() -> open(file, newSimpleAggregatedMemoryContext()).close())
                .isInstanceOfSatisfying(TrinoException.class, e -> assertThat(e.getErrorCode()).isEqualTo(BYTESTREAM_BAD_DATA_FILE.toErrorCode()))
                .hasMessageStartingWith("Table ops.entries: cannot read the deletion vector of data file %s: ".formatted(file.path()));
    }

    private static DataFile withRecordsDeleted(DataFile written, long... rows)
    {
        return new DataFile(written.path(), written.size(), 0, written.partitionValues(), Optional.of(TestingDeltaCommits.inline(rows)));
    }

    private DataFileRecords open(DataFile file, AggregatedMemoryContext memory)
    {
        return DataFileRecords.open(FILE_SYSTEM, TABLE, tableLocation(directory), file, COLUMNS, ParquetReaderOptions.defaultOptions(), memory);
    }

    private static byte[] bytes(StreamBytes content)
    {
        return content.read(0, toIntExact(content.length())).getBytes();
    }
}
