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

package io.bytestream.trino;

import io.bytestream.trino.TestingRecordLayouts.Column;
import io.bytestream.trino.TestingRecordLayouts.Row;
import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.Record;
import io.bytestream.writer.RecordTableWriter;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.bytestream.trino.BytestreamPageSource.FILES_COUNTED_FROM_HEADERS;
import static io.bytestream.trino.BytestreamPageSource.IPC_BYTES_DECODED;
import static io.bytestream.trino.BytestreamPageSource.RECORDS_READ;
import static io.bytestream.trino.BytestreamPageSource.RECORDS_SKIPPED;
import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.T0;
import static io.bytestream.trino.TestingPond.record;
import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Predicates on outer columns applied to each record before its content is decoded: records they exclude are never
 * decoded, shown by corrupt records that would fail the query and by the connector's metrics.
 */
final class TestBytestreamRecordFilter
        extends AbstractTestQueryFramework
{
    private static final int VERSIONS = 4;
    private static final long BROKEN_VERSION = 1;

    private Path root;
    private List<Record> sparkRecords;
    private List<TypedRecord> typedRecords;

    /** A record of {@code filter.typed}: {@code entries} inner rows where its content is Arrow IPC of seed {@code version}, else none. */
    private record TypedRecord(String node, String fileType, long version, byte[] content, long entries)
    {
        static TypedRecord directory(String node, String fileType, long version, int batches, int rowsPerBatch)
        {
            return new TypedRecord(node, fileType, version, ArrowStreams.entries(batches, rowsPerBatch, version), (long) batches * rowsPerBatch);
        }

        static TypedRecord other(String node, String fileType, long version, byte[] content)
        {
            return new TypedRecord(node, fileType, version, content, 0);
        }

        boolean isDirectory()
        {
            return fileType != null && fileType.startsWith("dir:");
        }

        Row row()
        {
            Map<String, Object> values = new HashMap<>();
            values.put("node_id", node);
            values.put("file_type", fileType);
            values.put("version", version);
            values.put("content", content);
            return new Row(values);
        }
    }

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = Files.createTempDirectory("bytestream-record-filter");
        // Spark-style files: one a node holding all its records, snappy pages; node A's first record truncated
        sparkRecords = new ArrayList<>();
        for (String node : List.of(NODE_A, NODE_B)) {
            for (long version = 1; version <= VERSIONS; version++) {
                byte[] content = ArrowStreams.entries(1 + (int) version % 2, 2, version * 10 + (node.equals(NODE_A) ? 1 : 2));
                if (node.equals(NODE_A) && version == BROKEN_VERSION) {
                    content = Arrays.copyOf(content, content.length / 2);
                }
                sparkRecords.add(record(node, version, content));
            }
        }
        TestingColumnMappedTables.write(root.resolve("filter/spark"), sparkRecords);

        // an outer varchar column saying what the content is: Arrow IPC for directories only, content read by range
        typedRecords = List.of(
                TypedRecord.directory(NODE_A, "dir:/a", 1, 1, 2),
                TypedRecord.other(NODE_A, "file:data", 2, "PAR1 not an Arrow stream".getBytes(StandardCharsets.UTF_8)),
                TypedRecord.directory(NODE_A, "dir:/b", 3, 2, 3),
                TypedRecord.directory(NODE_A, null, 4, 1, 1),
                TypedRecord.other(NODE_B, "file:raw", 5, Arrays.copyOf(ArrowStreams.entries(1, 4, 5), 40)),
                TypedRecord.directory(NODE_B, "dir:/c", 6, 1, 5));
        TestingRecordLayouts.write(root.resolve("filter/typed"), List.of(
                Column.partition("node_id", "string"),
                Column.outer("file_type", "string"),
                Column.outer("version", "long"),
                Column.outer("content", "binary")), typedRecords.stream().map(TypedRecord::row).toList());

        // the writer's files, several records a file, with record statistics in the log for counting
        RecordTableWriter writer = RecordTableWriter.openLocal(root.resolve("filter/counted"));
        writer.append(List.of(
                record(NODE_A, 1, ArrowStreams.entries(1, 2, 91)),
                record(NODE_A, 2, ArrowStreams.entries(2, 3, 92)),
                record(NODE_A, 3, ArrowStreams.entries(1, 4, 93)),
                record(NODE_B, 2, ArrowStreams.entries(1, 5, 94))));
        return BytestreamQueryRunner.builder(root).build();
    }

    @AfterAll
    void deletePond()
            throws IOException
    {
        deleteRecursively(root, ALLOW_INSECURE);
    }

    @Test
    void testCorruptRecordFailsUnfiltered()
    {
        assertQueryFails("SELECT count(name) FROM filter.spark", ".*\\$version=1 has a corrupt Arrow IPC stream.*");
        assertQueryFails("SELECT count(name) FROM filter.typed", ".*\\$version=(2|5)\\b.*");
    }

    @Test
    void testExcludedRecordsAreNeverDecoded()
    {
        assertFiltered("\"$version\" >= 2", version -> version >= 2);
        assertFiltered("\"$version\" > 1 AND \"$version\" < 4", version -> version > 1 && version < 4);
        assertFiltered("\"$version\" IN (2, 4)", version -> version == 2 || version == 4);
        assertFiltered("\"$version\" <> 1", version -> version != 1);
        assertFiltered("\"$timestamp\" > TIMESTAMP '%s UTC'".formatted(T0.plusSeconds(BROKEN_VERSION).toString().replace('T', ' ').replace("Z", "")), version -> version > BROKEN_VERSION);
        // with a partition column, pruning files as before
        assertQuery("SELECT count(name) FROM filter.spark WHERE \"$node_id\" = '%s' AND \"$version\" > 1".formatted(NODE_A), "VALUES " + rowsOf(NODE_A, version -> version > 1));
    }

    @Test
    void testMetricsOfTheSkippedRecords()
    {
        Map<String, Long> metrics = pageSourceMetrics("SELECT count(name) FROM filter.spark WHERE \"$version\" IN (2, 4)");
        assertThat(metrics)
                .containsEntry(RECORDS_SKIPPED, 4L)
                .containsEntry(RECORDS_READ, 4L)
                .containsEntry(IPC_BYTES_DECODED, sparkRecords.stream().filter(record -> record.version() % 2 == 0).mapToLong(record -> record.content().length).sum());
        assertThat(pageSourceMetrics("SELECT count(name) FROM filter.spark WHERE \"$node_id\" = '%s'".formatted(NODE_B)))
                .containsEntry(RECORDS_SKIPPED, 0L)
                .containsEntry(RECORDS_READ, (long) VERSIONS);
    }

    @Test
    void testVarcharPredicates()
    {
        // LIKE with a constant prefix reaches the connector as a range of varchar
        assertThat(query("SELECT name, \"$version\" FROM filter.typed WHERE \"$file_type\" LIKE 'dir:%'"))
                .matches(expectedNames(TypedRecord::isDirectory));
        assertThat(query("SELECT name, \"$version\" FROM filter.typed WHERE \"$file_type\" = 'dir:/b'"))
                .matches(expectedNames(record -> "dir:/b".equals(record.fileType())));
        assertThat(query("SELECT name, \"$version\" FROM filter.typed WHERE \"$file_type\" IN ('dir:/a', 'dir:/c')"))
                .matches(expectedNames(record -> Arrays.asList("dir:/a", "dir:/c").contains(record.fileType())));
        assertThat(query("SELECT name, \"$version\" FROM filter.typed WHERE \"$file_type\" IS NULL"))
                .matches(expectedNames(record -> record.fileType() == null));
        assertThat(query("SELECT name, \"$version\" FROM filter.typed WHERE \"$file_type\" >= 'dir:/b' AND \"$file_type\" < 'e'"))
                .matches(expectedNames(record -> Arrays.asList("dir:/b", "dir:/c").contains(record.fileType())));

        Map<String, Long> metrics = pageSourceMetrics("SELECT count(name) FROM filter.typed WHERE \"$file_type\" LIKE 'dir:%'");
        assertThat(metrics)
                .containsEntry(RECORDS_READ, 3L)
                .containsEntry(RECORDS_SKIPPED, 3L)
                .containsEntry(IPC_BYTES_DECODED, typedRecords.stream().filter(TypedRecord::isDirectory).mapToLong(record -> record.content().length).sum());
    }

    @Test
    void testCountWithOuterPredicate()
    {
        // the directory records' rows only: counted from their IPC headers one record at a time, not file by file
        assertQuery("SELECT count(*) FROM filter.typed WHERE \"$file_type\" LIKE 'dir:%'", "VALUES " + typedRecords.stream().filter(TypedRecord::isDirectory).mapToLong(TypedRecord::entries).sum());
        assertThat(pageSourceMetrics("SELECT count(*) FROM filter.typed WHERE \"$file_type\" LIKE 'dir:%'"))
                .containsEntry(FILES_COUNTED_FROM_HEADERS, 0L)
                .containsEntry(RECORDS_SKIPPED, 3L);

        // the log's record statistics count whole files: with a predicate on an outer column they are not used
        assertQuery("SELECT count(*) FROM filter.counted", "VALUES 2 + 2 * 3 + 4 + 5");
        assertQuery("SELECT count(*) FROM filter.counted WHERE \"$version\" = 2", "VALUES 2 * 3 + 5");
        assertQuery("SELECT count(*) FROM filter.counted WHERE \"$version\" >= 2 AND \"$node_id\" = '%s'".formatted(NODE_A), "VALUES 2 * 3 + 4");
        assertQuery("SELECT \"$version\", count(*) FROM filter.counted WHERE \"$version\" < 3 GROUP BY 1", "VALUES (1, 2), (2, 2 * 3 + 5)");
        assertThat(pageSourceMetrics("SELECT count(*) FROM filter.counted WHERE \"$version\" = 2"))
                .containsEntry(RECORDS_SKIPPED, 2L)
                .containsEntry(RECORDS_READ, 2L);
    }

    @Test
    void testJoinOnAnOuterColumn()
    {
        // a join's dynamic filter on "$version", where collected when a split starts, filters records the same way
        assertQuery("SELECT count(*) FROM filter.counted c JOIN (VALUES BIGINT '2', BIGINT '3') v(x) ON c.\"$version\" = v.x", "VALUES 2 * 3 + 4 + 5");
        assertQuery("SELECT v.x, count(name) FROM filter.spark s JOIN (VALUES BIGINT '2', BIGINT '5') v(x) ON s.\"$version\" = v.x WHERE s.\"$version\" > 1 GROUP BY 1",
                "VALUES (2, %s)".formatted(rowsOf(NODE_A, version -> version == 2) + rowsOf(NODE_B, version -> version == 2)));
    }

    @Test
    void testRecordsTableFiltersRecordsBeforeTheirHeaders()
    {
        assertQuery("SELECT file_type, inner_rows, error FROM filter.\"typed$records\" WHERE file_type LIKE 'dir:%'",
                "VALUES ('dir:/a', 2, NULL), ('dir:/b', 6, NULL), ('dir:/c', 5, NULL)");
        assertThat(pageSourceMetrics("SELECT count(*) FROM filter.\"typed$records\" WHERE version BETWEEN 2 AND 4"))
                .containsEntry(RECORDS_READ, 3L)
                .containsEntry(RECORDS_SKIPPED, 3L);
    }

    /** The good rows of {@code filter.spark} of the versions taken, by version: the truncated record excluded. */
    private void assertFiltered(String predicate, LongPredicate versions)
    {
        String expected = sparkRecords.stream()
                .mapToLong(Record::version)
                .filter(versions)
                .distinct()
                .mapToObj(version -> "(%s, %s)".formatted(version, rowsOf(NODE_A, v -> v == version) + rowsOf(NODE_B, v -> v == version)))
                .collect(joining(", ", "VALUES ", ""));
        assertQuery("SELECT \"$version\", count(name) FROM filter.spark WHERE %s GROUP BY 1".formatted(predicate), expected);
    }

    private long rowsOf(String node, LongPredicate versions)
    {
        // each record of filter.spark has 1 + version % 2 batches of 2 rows
        return sparkRecords.stream()
                .filter(record -> record.nodeId().equals(node) && versions.test(record.version()))
                .mapToLong(record -> (1 + record.version() % 2) * 2)
                .sum();
    }

    /** The entries of the typed records taken, by name, with their records' versions. */
    private String expectedNames(Predicate<TypedRecord> taken)
    {
        List<String> rows = new ArrayList<>();
        for (TypedRecord record : typedRecords) {
            if (taken.test(record)) {
                for (long entry = 0; entry < record.entries(); entry++) {
                    rows.add("(VARCHAR '%s', BIGINT '%s')".formatted(ArrowStreams.entryName(record.version(), entry), record.version()));
                }
            }
        }
        return "VALUES " + String.join(", ", rows);
    }

    private Map<String, Long> pageSourceMetrics(String query)
    {
        return TestingQueryStats.pageSourceMetrics(getDistributedQueryRunner(), getSession(), query);
    }
}
