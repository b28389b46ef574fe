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

import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.TestingDeltaCommits;
import io.bytestream.writer.Record;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.bytestream.trino.reader.TestingRecordFiles.FILE_SYSTEM;
import static io.bytestream.trino.reader.TestingRecordFiles.NODE_ID;
import static io.bytestream.trino.reader.TestingRecordFiles.T0;
import static io.bytestream.trino.reader.TestingRecordFiles.TABLE;
import static io.bytestream.trino.reader.TestingRecordFiles.VERSION;
import static io.bytestream.trino.reader.TestingRecordFiles.records;
import static io.bytestream.trino.reader.TestingRecordFiles.tableLocation;
import static io.bytestream.trino.reader.TestingRecordFiles.writeDataFile;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

class TestRecordSummaryReader
{
    private static final String SCHEMA = "name: utf8, node_id: utf8";

    @TempDir
    Path directory;

    @Test
    void testOneRowPerLiveRecordWithBadRecordsInTheirRows()
    {
        List<Record> records = new ArrayList<>(records(6));
        records.set(3, new Record(NODE_ID, T0, 103, new byte[] {1, 2, 3}));
        DataFile written = writeDataFile(directory, records);
        DataFile file = new DataFile(written.path(), written.size(), 0, written.partitionValues(), Optional.of(TestingDeltaCommits.inline(1)));
        RecordColumns.Builder columns = RecordColumns.builder("content", Optional.of(VERSION))
                .outer("version", BIGINT)
                .partition("node_id", VARCHAR)
                .path(VARCHAR)
                .fileSize(BIGINT);
        for (RecordSummaryColumn column : RecordSummaryColumn.values()) {
            columns.summary(column);
        }
        // record 5, the largest, is over the limit
        long maxRecordSize = records.get(5).content().length - 1;
        List<List<Object>> rows = new ArrayList<>();
        try (RecordSummaryReader reader = new RecordSummaryReader(FILE_SYSTEM, TABLE, tableLocation(directory), List.of(file), columns.build(), maxRecordSize, ParquetReaderOptions.defaultOptions())) {
            for (Page page = reader.nextPage(); page != null; page = reader.nextPage()) {
                for (int position = 0; position < page.getPositionCount(); position++) {
                    rows.add(row(page, position));
                }
            }
            assertThat(reader.isFinished()).isTrue();
            assertThat(reader.completedBytes()).isPositive();
        }

        assertThat(rows).hasSize(5);
        for (int i : List.of(0, 2, 4)) {
            assertThat(rows.get(i == 0 ? 0 : i - 1)).containsExactly(
                    100L + i, NODE_ID, file.path(), file.size(), (long) records.get(i).content().length, 1L + i % 3, (1L + i % 3) * (10 + i), "none", SCHEMA, null);
        }
        // deleted record 1 has no row; the bad record 3 and the one over the limit have their error
        List<Object> corrupt = rows.get(2);
        assertThat(corrupt.subList(0, 9)).containsExactly(103L, NODE_ID, file.path(), file.size(), 3L, null, null, null, null);
        assertThat((String) corrupt.get(9)).startsWith("Table ops.entries, data file %s, record 3, $node_id=%s, $version=103 has a corrupt Arrow IPC stream".formatted(file.path(), NODE_ID));
        List<Object> tooLarge = rows.get(4);
        assertThat(tooLarge.subList(0, 9)).containsExactly(105L, NODE_ID, file.path(), file.size(), maxRecordSize + 1, null, null, null, null);
        assertThat((String) tooLarge.get(9)).endsWith("more than bytestream.max-record-size (%s bytes)".formatted(maxRecordSize));
    }

    @Test
    void testNoFiles()
    {
        try (RecordSummaryReader reader = new RecordSummaryReader(FILE_SYSTEM, TABLE, tableLocation(directory), List.of(), RecordColumns.builder("content", Optional.empty()).summary(RecordSummaryColumn.ERROR).build(), 1 << 20, ParquetReaderOptions.defaultOptions())) {
            assertThat(reader.nextPage()).isNull();
            assertThat(reader.isFinished()).isTrue();
            assertThat(reader.completedBytes()).isZero();
        }
    }

    private static List<Object> row(Page page, int position)
    {
        List<Object> row = new ArrayList<>();
        for (int channel = 0; channel < page.getChannelCount(); channel++) {
            Block block = page.getBlock(channel);
            if (block.isNull(position)) {
                row.add(null);
            }
            else if (channel == 0 || channel == 3 || (channel >= 4 && channel <= 6)) {
                row.add(BIGINT.getLong(block, position));
            }
            else {
                row.add(VARCHAR.getSlice(block, position).toStringUtf8());
            }
        }
        return row;
    }
}
