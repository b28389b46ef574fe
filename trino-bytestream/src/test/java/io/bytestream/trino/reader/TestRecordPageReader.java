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
import io.bytestream.trino.delta.DeletionVector;
import io.bytestream.trino.delta.OuterColumn;
import io.bytestream.trino.delta.TestingDeltaCommits;
import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.Record;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.spi.Page;
import io.trino.spi.TrinoException;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.predicate.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_BAD_RECORD;
import static io.bytestream.trino.reader.TestingRecordFiles.FILE_SYSTEM;
import static io.bytestream.trino.reader.TestingRecordFiles.NODE_ID;
import static io.bytestream.trino.reader.TestingRecordFiles.T0;
import static io.bytestream.trino.reader.TestingRecordFiles.TABLE;
import static io.bytestream.trino.reader.TestingRecordFiles.VERSION;
import static io.bytestream.trino.reader.TestingRecordFiles.innerRows;
import static io.bytestream.trino.reader.TestingRecordFiles.records;
import static io.bytestream.trino.reader.TestingRecordFiles.tableLocation;
import static io.bytestream.trino.reader.TestingRecordFiles.writeDataFile;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestRecordPageReader
{
    @TempDir
    Path directory;

    @Test
    void testReadsEveryBatchOfEveryRecord()
    {
        List<Record> records = records(12);
        DataFile file = writeDataFile(directory, records);
        RecordColumns columns = RecordColumns.builder("content", Optional.of(VERSION))
                .inner("name", VARCHAR)
                .outer("version", BIGINT)
                .partition("node_id", VARCHAR)
                .path(VARCHAR)
                .build();
        List<Page> pages = new ArrayList<>();
        try (RecordPageReader reader = reader(file, columns)) {
            for (Page page = reader.nextPage(); page != null; page = reader.nextPage()) {
                pages.add(page);
                assertThat(reader.memoryUsage()).isPositive();
            }
            assertThat(reader.isFinished()).isTrue();
            assertThat(reader.completedBytes()).isEqualTo(file.size());
        }
        // one page a batch, in record order
        assertThat(pages).hasSize(records.size() / 3 * (1 + 2 + 3));
        assertThat(pages.stream().mapToLong(Page::getPositionCount).sum()).isEqualTo(innerRows(records));
        Page first = pages.getFirst();
        assertThat(VARCHAR.getSlice(first.getBlock(0), 0).toStringUtf8()).isEqualTo(ArrowStreams.entryName(0, 0));
        assertThat(BIGINT.getLong(first.getBlock(1), 0)).isEqualTo(100);
        assertThat(VARCHAR.getSlice(first.getBlock(2), 0).toStringUtf8()).isEqualTo(NODE_ID);
        assertThat(VARCHAR.getSlice(first.getBlock(3), 0).toStringUtf8()).isEqualTo(file.path());
        Page last = pages.getLast();
        assertThat(BIGINT.getLong(last.getBlock(1), 0)).isEqualTo(111);
    }

    @Test
    void testCountsFromHeadersWithoutReadingBodies()
    {
        List<Record> records = records(30);
        DataFile file = writeDataFile(directory, records);
        RecordColumns columns = RecordColumns.builder("content", Optional.of(VERSION)).partition("node_id", VARCHAR).build();
        long rows = 0;
        try (RecordPageReader reader = reader(file, columns)) {
            for (Page page = reader.nextPage(); page != null; page = reader.nextPage()) {
                assertThat(page.getChannelCount()).isEqualTo(1);
                rows += page.getPositionCount();
            }
            // the small file is fetched whole; the headers are then read in place
            assertThat(reader.completedBytes()).isEqualTo(file.size());
        }
        assertThat(rows).isEqualTo(innerRows(records));
    }

    @Test
    void testCountsWithAnOuterColumnFromDecodedHeaders()
    {
        List<Record> records = records(7);
        DataFile file = writeDataFile(directory, records);
        RecordColumns columns = RecordColumns.builder("content", Optional.of(VERSION)).outer("version", BIGINT).build();
        long rows = 0;
        long versionSum = 0;
        try (RecordPageReader reader = reader(file, columns)) {
            for (Page page = reader.nextPage(); page != null; page = reader.nextPage()) {
                rows += page.getPositionCount();
                versionSum += BIGINT.getLong(page.getBlock(0), 0) * page.getPositionCount();
            }
        }
        assertThat(rows).isEqualTo(innerRows(records));
        long expectedVersionSum = 0;
        for (int i = 0; i < records.size(); i++) {
            expectedVersionSum += (100L + i) * (1 + i % 3) * (10 + i);
        }
        assertThat(versionSum).isEqualTo(expectedVersionSum);
    }

    @Test
    void testRecordsOutsideTheOuterConstraintAreNotDecoded()
    {
        List<Record> records = new ArrayList<>(records(12));
        records.set(3, new Record(NODE_ID, T0, 103, new byte[] {1, 2, 3}));
        DataFile file = writeDataFile(directory, records);
        TupleDomain<OuterColumn> afterBadRecord = TupleDomain.withColumnDomains(Map.of(VERSION, Domain.create(ValueSet.ofRanges(Range.greaterThan(BIGINT, 103L)), false)));
        // decoding the inner columns, and counting rows from the headers: record by record either way
        for (RecordColumns.Builder columns : List.of(
                RecordColumns.builder("content", Optional.of(VERSION)).inner("name", VARCHAR),
                RecordColumns.builder("content", Optional.of(VERSION)).partition("node_id", VARCHAR))) {
            long rows = 0;
            try (RecordPageReader reader = reader(file, columns.onlyRecordsMatching(afterBadRecord).build())) {
                for (Page page = reader.nextPage(); page != null; page = reader.nextPage()) {
                    rows += page.getPositionCount();
                }
                assertThat(reader.recordsSkipped()).isEqualTo(4);
                assertThat(reader.recordsRead()).isEqualTo(8);
                assertThat(reader.filesCountedFromHeaders()).isZero();
            }
            assertThat(rows).isEqualTo(innerRows(records(12)) - innerRows(records(4)));
        }

        // a constraint no record can match, as a dynamic filter from an empty build side gives
        try (RecordPageReader reader = reader(file, RecordColumns.builder("content", Optional.of(VERSION)).onlyRecordsMatching(TupleDomain.none()).build())) {
            assertThat(reader.nextPage()).isNull();
            assertThat(reader.recordsSkipped()).isEqualTo(12);
        }
    }

    @Test
    void testBadRecordIsNamedWithItsVersion()
    {
        List<Record> records = new ArrayList<>(records(5));
        records.set(3, new Record(NODE_ID, T0, 103, new byte[] {1, 2, 3}));
        DataFile file = writeDataFile(directory, records);
        for (RecordColumns columns : List.of(
                RecordColumns.builder("content", Optional.of(VERSION)).inner("name", VARCHAR).build(),
                RecordColumns.builder("content", Optional.of(VERSION)).build())) {
            try (RecordPageReader reader = reader(file, columns)) {
                assertThatThrownBy(() -> {
                    while (reader.nextPage() != null) {
                        // read to the bad record
                    }
                })
                        .isInstanceOfSatisfying(TrinoException.class, e -> assertThat(e.getErrorCode()).isEqualTo(BYTESTREAM_BAD_RECORD.toErrorCode()))
                        .hasMessageStartingWith("Table ops.entries, data file %s, record 3, $node_id=%s, $version=103 has a corrupt Arrow IPC stream".formatted(file.path(), NODE_ID));
            }
        }
    }

    @Test
    void testNoFiles()
    {
        try (RecordPageReader reader = new RecordPageReader(FILE_SYSTEM, TABLE, tableLocation(directory), List.of(), RecordColumns.builder("content", Optional.empty()).build(), 1 << 20, ParquetReaderOptions.defaultOptions())) {
            assertThat(reader.nextPage()).isNull();
            assertThat(reader.isFinished()).isTrue();
            assertThat(reader.completedBytes()).isZero();
        }
    }

    @Test
    void testDeletedRecordsContributeNothing()
    {
        List<Record> records = records(9);
        DataFile written = writeDataFile(directory, records);
        Path table = directory.resolve("table");
        List<DeletionVector> deletionVectors = List.of(
                TestingDeltaCommits.inline(1, 4, 8),
                TestingDeltaCommits.onDisk(table, 1, 4, 8),
                TestingDeltaCommits.onDiskByPath(directory.resolve("elsewhere.bin"), 1, 4, 8));
        for (DeletionVector deletionVector : deletionVectors) {
            DataFile file = new DataFile(written.path(), written.size(), 0, written.partitionValues(), Optional.of(deletionVector));
            long liveRows = innerRows(records) - (1 + 1 % 3) * 11L - (1 + 4 % 3) * 14L - (1 + 8 % 3) * 18L;
            for (RecordColumns columns : List.of(
                    RecordColumns.builder("content", Optional.of(VERSION)).inner("name", VARCHAR).outer("version", BIGINT).build(),
                    RecordColumns.builder("content", Optional.of(VERSION)).build())) {
                long rows = 0;
                try (RecordPageReader reader = reader(file, columns)) {
                    for (Page page = reader.nextPage(); page != null; page = reader.nextPage()) {
                        rows += page.getPositionCount();
                        if (page.getChannelCount() == 2) {
                            assertThat(BIGINT.getLong(page.getBlock(1), 0)).isNotIn(101L, 104L, 108L);
                        }
                    }
                }
                assertThat(rows).as(deletionVector.storageType()).isEqualTo(liveRows);
            }
        }
    }

    private RecordPageReader reader(DataFile file, RecordColumns columns)
    {
        return new RecordPageReader(FILE_SYSTEM, TABLE, tableLocation(directory), List.of(file), columns, 1 << 20, ParquetReaderOptions.defaultOptions());
    }
}
