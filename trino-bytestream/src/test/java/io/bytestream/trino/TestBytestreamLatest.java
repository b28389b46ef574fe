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

import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.Record;
import io.bytestream.writer.RecordTableWriter;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.bytestream.trino.BytestreamPageSource.FILES_COUNTED_FROM_HEADERS;
import static io.bytestream.trino.BytestreamPageSource.IPC_BATCHES_DECODED;
import static io.bytestream.trino.BytestreamPageSource.IPC_BYTES_DECODED;
import static io.bytestream.trino.BytestreamPageSource.RECORDS_READ;
import static io.bytestream.trino.BytestreamPageSource.RECORDS_SKIPPED;
import static io.bytestream.trino.SplitPlanningMetrics.FILES_PLANNED;
import static io.bytestream.trino.SplitPlanningMetrics.FILES_SKIPPED_BY_PARTITION;
import static io.bytestream.trino.SplitPlanningMetrics.FILES_SKIPPED_BY_STATISTICS;
import static io.bytestream.trino.SplitPlanningMetrics.FILES_SKIPPED_BY_VERSION;
import static io.bytestream.trino.SplitPlanningMetrics.FILES_VERSION_COLUMN_READ;
import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.NODE_C;
import static io.bytestream.trino.TestingPond.record;
import static io.bytestream.trino.delta.TestingDeltaCommits.commitDeletionVector;
import static io.bytestream.trino.delta.TestingDeltaCommits.inline;
import static io.bytestream.trino.delta.TestingDeltaCommits.removeStats;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code "<table>$latest"}: each node's newest record, its files chosen from the Delta log, only that record's content
 * decoded; and the connector metrics that show it.
 */
final class TestBytestreamLatest
        extends AbstractTestQueryFramework
{
    private static final String COLUMNS = "name, node_id, \"$node_id\", \"$version\", \"$timestamp\", \"$path\"";
    private static final int SPARK_VERSIONS = 5;
    private static final List<String> SPARK_NODES = List.of(NODE_A, NODE_B, NODE_C);

    private Path root;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = closeAfterClass(TemporaryPond.create("bytestream-latest")).root();
        // node A: versions 1, 2, 3; node B: 1 and 2 (a record without rows); node C removed; a checkpoint
        TestingPond.writeEntries(RecordTableWriter.openLocal(root.resolve("latest/entries")));

        // Spark-style files: one per node, holding all five records of the node, snappy pages
        TestingColumnMappedTables.write(root.resolve("latest/spark"), sparkRecords());
        Path deleted = root.resolve("latest/spark_deleted");
        TestingColumnMappedTables.write(deleted, sparkRecords());
        // node A's newest record (the file's last row) deleted: its statistics now only bound its versions
        commitDeletionVector(deleted, deleted.relativize(sparkFile(deleted, NODE_A)).toString(), inline(SPARK_VERSIONS - 1));

        // without statistics: versions come from the files' version column; node B's newest is in its middle file
        RecordTableWriter noStats = RecordTableWriter.openLocal(root.resolve("latest/no_stats"));
        noStats.append(List.of(record(NODE_A, 1, ArrowStreams.entries(1, 2, 61)), record(NODE_B, 1, ArrowStreams.entries(1, 2, 62))));
        noStats.append(List.of(record(NODE_A, 2, ArrowStreams.entries(2, 2, 63)), record(NODE_B, 3, ArrowStreams.entries(1, 3, 64))));
        noStats.append(List.of(record(NODE_B, 2, ArrowStreams.entries(1, 4, 65))));
        removeStats(root.resolve("latest/no_stats"));

        // ties: node A's version 2 in two files, node B's version 5 twice in one file
        RecordTableWriter ties = RecordTableWriter.openLocal(root.resolve("latest/ties"));
        ties.append(List.of(record(NODE_A, 1, ArrowStreams.entries(1, 1, 71)), record(NODE_A, 2, ArrowStreams.entries(1, 2, 72))));
        ties.append(List.of(record(NODE_A, 2, ArrowStreams.entries(1, 3, 73))));
        ties.append(List.of(record(NODE_B, 4, ArrowStreams.entries(1, 1, 74)), record(NODE_B, 5, ArrowStreams.entries(1, 2, 75)), record(NODE_B, 5, ArrowStreams.entries(2, 1, 76))));

        // the partition column renamed: no node to group records by
        Path renamed = root.resolve("latest/renamed");
        TestingColumnMappedTables.write(renamed, sparkRecords());
        TestingColumnMappedTables.commitSchema(renamed, 1, "node", "timestamp", "version", "content");
        Path noVersion = root.resolve("latest/no_version");
        TestingColumnMappedTables.write(noVersion, sparkRecords());
        TestingColumnMappedTables.commitSchema(noVersion, 1, "node_id", "timestamp", "revision", "content");

        // one file holding a truncated record, then its node's newest record
        byte[] valid = ArrowStreams.entries(1, 3, 81);
        TestingColumnMappedTables.write(root.resolve("latest/older_broken"), List.of(
                record(NODE_A, 1, Arrays.copyOf(valid, valid.length / 2)),
                record(NODE_A, 2, valid)));
        return BytestreamQueryRunner.builder(root).build();
    }

    /** Five records a node, of one or two batches, each version's content distinct. */
    private static List<Record> sparkRecords()
    {
        List<Record> records = new ArrayList<>();
        for (int node = 0; node < SPARK_NODES.size(); node++) {
            for (int version = 1; version <= SPARK_VERSIONS; version++) {
                records.add(record(SPARK_NODES.get(node), version, ArrowStreams.entries(1 + version % 2, 2 + node, 100 * node + version)));
            }
        }
        return records;
    }

    private static Path sparkFile(Path table, String nodeId)
            throws IOException
    {
        try (Stream<Path> files = Files.walk(table)) {
            return files.filter(file -> file.toString().endsWith(".parquet") && file.getParent().getFileName().toString().endsWith("=" + nodeId))
                    .collect(Collectors.collectingAndThen(Collectors.toList(), List::getFirst));
        }
    }

    @Test
    void testNewestRecordOfEachNode()
    {
        // node B's newest record has no rows: its older record's rows must not stand in for it
        assertLatest("latest.entries", "VALUES ('%s', BIGINT '3'), ('%s', 2)".formatted(NODE_A, NODE_B), "");
        assertQuery("SELECT \"$node_id\", \"$version\", count(*) FROM latest.\"entries$latest\" GROUP BY 1, 2", "VALUES ('%s', 3, 1)".formatted(NODE_A));
        // the same columns as the table, inner and hidden
        assertThat(query("DESCRIBE latest.\"entries$latest\"")).matches("DESCRIBE latest.entries");
        assertThat(computeActual("SELECT * FROM latest.\"entries$latest\"").getColumnNames()).containsExactly("name", "node_id");
    }

    @Test
    void testMultiRecordFiles()
    {
        for (String table : List.of("latest.spark", "latest.spark_deleted")) {
            assertLatest(table, newestFromRows(table), "");
        }
        assertQuery("SELECT DISTINCT \"$version\" FROM latest.\"spark$latest\"", "VALUES " + SPARK_VERSIONS);
        // node A's newest record is deleted: its previous one is now the newest
        assertQuery("SELECT \"$node_id\", \"$version\" FROM latest.\"spark_deleted$latest\" GROUP BY 1, 2",
                "VALUES ('%s', %s), ('%s', %s), ('%s', %s)".formatted(NODE_A, SPARK_VERSIONS - 1, NODE_B, SPARK_VERSIONS, NODE_C, SPARK_VERSIONS));
    }

    @Test
    void testFilesWithoutStatistics()
    {
        assertLatest("latest.no_stats", newestFromRows("latest.no_stats"), "");
        assertQuery("SELECT \"$node_id\", \"$version\", count(*) FROM latest.\"no_stats$latest\" GROUP BY 1, 2",
                "VALUES ('%s', 2, 4), ('%s', 3, 3)".formatted(NODE_A, NODE_B));
    }

    @Test
    void testTiesReturnEveryRecordOfTheNewestVersion()
    {
        assertLatest("latest.ties", newestFromRows("latest.ties"), "");
        assertQuery("SELECT \"$node_id\", \"$version\", count(*) FROM latest.\"ties$latest\" GROUP BY 1, 2",
                "VALUES ('%s', 2, 5), ('%s', 5, 4)".formatted(NODE_A, NODE_B));
    }

    @Test
    void testPredicatesApplyAfterTheNewestRecordIsChosen()
    {
        assertLatest("latest.entries", "VALUES ('%s', BIGINT '3')".formatted(NODE_A), "WHERE \"$node_id\" = '%s'".formatted(NODE_A));
        // node A's version 2 is not its newest: no row, not the rows of version 2
        assertQueryReturnsEmptyResult("SELECT * FROM latest.\"entries$latest\" WHERE \"$version\" = 2");
        assertLatest("latest.spark", newestFromRows("latest.spark"), "WHERE \"$version\" = 5 AND name LIKE '%-1'");
        assertLatest("latest.spark_deleted", newestFromRows("latest.spark_deleted"), "WHERE \"$node_id\" <> '%s'".formatted(NODE_B));
        // counting rows only still takes only the newest records
        assertThat(query("SELECT count(*) FROM latest.\"spark$latest\"")).matches("SELECT count(*) FROM latest.spark WHERE \"$version\" = %s".formatted(SPARK_VERSIONS));
    }

    @Test
    void testTimeTravel()
    {
        // version 0 created the table, without a record
        for (long version = 1; version <= 3; version++) {
            String snapshot = " FOR VERSION AS OF " + version;
            assertThat(query("SELECT " + COLUMNS + " FROM latest.\"ties$latest\"" + snapshot))
                    .matches("SELECT %s FROM latest.ties%s WHERE (\"$node_id\", \"$version\") IN (SELECT \"$node_id\", max(\"$version\") FROM latest.ties%s GROUP BY 1)".formatted(COLUMNS, snapshot, snapshot));
        }
        // before node C's removal, it has a newest record too
        assertQuery("SELECT DISTINCT \"$node_id\", \"$version\" FROM latest.\"entries$latest\" FOR VERSION AS OF 2",
                "VALUES ('%s', 2), ('%s', 1), ('%s', 1)".formatted(NODE_A, NODE_B, NODE_C));
    }

    @Test
    void testTableWithoutNodePartition()
    {
        assertQueryFails("SELECT * FROM latest.\"renamed$latest\"", "Table latest.renamed has no \\$latest: it needs a partition column node_id and a bigint column version");
    }

    @Test
    void testTableWithoutVersion()
    {
        assertQueryFails("SELECT * FROM latest.\"no_version$latest\"", "Table latest.no_version has no \\$latest: it needs a partition column node_id and a bigint column version");
    }

    @Test
    void testOlderRecordsOfAFileAreNotDecoded()
    {
        // the truncated record shares the file of the newest one: only its version is read
        assertQuery("SELECT \"$version\", count(*) FROM latest.\"older_broken$latest\" GROUP BY 1", "VALUES (2, 3)");
        assertQueryFails("SELECT count(name) FROM latest.older_broken", ".*record 0, \\$node_id=%s, \\$version=1 has a corrupt Arrow IPC stream.*".formatted(NODE_A));
    }

    @Test
    void testOnlyTheNewestRecordsAreDecoded()
    {
        // one file a node holding five records: one record a node decoded, the other four passed over by their version
        Map<String, Long> metrics = pageSourceMetrics("SELECT count(name) FROM latest.\"spark$latest\"");
        assertThat(metrics).containsEntry(RECORDS_READ, (long) SPARK_NODES.size())
                .containsEntry(RECORDS_SKIPPED, (long) SPARK_NODES.size() * (SPARK_VERSIONS - 1))
                // the newest records, version 5, have 1 + 5 % 2 = 2 batches each
                .containsEntry(IPC_BATCHES_DECODED, (long) SPARK_NODES.size() * (1 + SPARK_VERSIONS % 2));
        assertThat(metrics.get(IPC_BYTES_DECODED)).isEqualTo(contentBytesOfNewest());

        // the whole table decodes every record
        assertThat(pageSourceMetrics("SELECT count(name) FROM latest.spark"))
                .containsEntry(RECORDS_READ, (long) SPARK_NODES.size() * SPARK_VERSIONS)
                .containsEntry(RECORDS_SKIPPED, 0L);

        // one record a file: the older files are never opened
        Map<String, Long> entries = pageSourceMetrics("SELECT count(name) FROM latest.\"entries$latest\"");
        assertThat(entries).containsEntry(RECORDS_READ, 2L).containsEntry(RECORDS_SKIPPED, 0L).containsEntry(FILES_COUNTED_FROM_HEADERS, 0L);
        assertThat(splitSourceMetrics("SELECT count(name) FROM latest.\"entries$latest\""))
                .containsEntry(FILES_PLANNED, 2L)
                .containsEntry(FILES_SKIPPED_BY_VERSION, 3L)
                .containsEntry(FILES_VERSION_COLUMN_READ, 0L);
        // what is read of node A is what reading its newest file alone reads, picked by a predicate on the version
        String nodeA = "\"$node_id\" = '%s'".formatted(NODE_A);
        assertThat(physicalInputBytes("SELECT count(name) FROM latest.\"entries$latest\" WHERE " + nodeA))
                .isEqualTo(physicalInputBytes("SELECT count(name), max(\"$version\") FROM latest.entries WHERE \"$version\" = 3 AND " + nodeA))
                .isLessThan(physicalInputBytes("SELECT count(name), max(\"$version\") FROM latest.entries WHERE " + nodeA));
    }

    @Test
    void testVersionColumnReadOnlyWhereStatisticsDoNotDecide()
    {
        assertThat(splitSourceMetrics("SELECT count(name) FROM latest.\"no_stats$latest\""))
                .containsEntry(FILES_VERSION_COLUMN_READ, 5L)
                .containsEntry(FILES_SKIPPED_BY_VERSION, 3L)
                .containsEntry(FILES_PLANNED, 2L);
        // node A's file has a deletion vector and an upper bound above the other nodes' nothing: only it is read
        assertThat(splitSourceMetrics("SELECT count(name) FROM latest.\"spark_deleted$latest\""))
                .containsEntry(FILES_VERSION_COLUMN_READ, 1L)
                .containsEntry(FILES_PLANNED, 3L);
        assertThat(pageSourceMetrics("SELECT count(name) FROM latest.\"spark_deleted$latest\""))
                .containsEntry(RECORDS_READ, 3L)
                // node A's file: its deleted record is not even visited
                .containsEntry(RECORDS_SKIPPED, (long) SPARK_NODES.size() * (SPARK_VERSIONS - 1) - 1);
    }

    @Test
    void testSplitPlanningMetricsOfTheTable()
    {
        assertThat(splitSourceMetrics("SELECT count(name) FROM latest.spark WHERE \"$node_id\" = '%s'".formatted(NODE_A)))
                .containsEntry(FILES_PLANNED, 1L)
                .containsEntry(FILES_SKIPPED_BY_PARTITION, 2L)
                .containsEntry(FILES_SKIPPED_BY_STATISTICS, 0L);
        // every file's versions are 1 to 5
        assertThat(splitSourceMetrics("SELECT count(name) FROM latest.spark WHERE \"$version\" > 5"))
                .containsEntry(FILES_PLANNED, 0L)
                .containsEntry(FILES_SKIPPED_BY_PARTITION, 0L)
                .containsEntry(FILES_SKIPPED_BY_STATISTICS, 3L);
    }

    @Test
    void testExplainAnalyzeVerboseShowsTheMetrics()
    {
        String explain = (String) computeActual("EXPLAIN ANALYZE VERBOSE SELECT count(name) FROM latest.\"spark$latest\"").getOnlyValue();
        assertThat(explain)
                .contains("splits generation metrics:")
                .contains("'" + FILES_SKIPPED_BY_VERSION + "'")
                .contains("'" + RECORDS_SKIPPED + "' = LongCount{total=12}")
                .contains("'" + RECORDS_READ + "' = LongCount{total=3}");
    }

    private long contentBytesOfNewest()
    {
        return sparkRecords().stream()
                .filter(record -> record.version() == SPARK_VERSIONS)
                .mapToLong(record -> record.content().length)
                .sum();
    }

    /** The newest version of each node, from the table's rows: right where each node's newest record has rows. */
    private static String newestFromRows(String table)
    {
        return "SELECT \"$node_id\", max(\"$version\") FROM %s GROUP BY 1".formatted(table);
    }

    /** {@code "<table>$latest"} holds the table's rows of each node's newest version, as {@code newest} gives them. */
    private void assertLatest(String table, String newest, String where)
    {
        String latestTable = "\"" + table.replace(".", "\".\"") + "$latest\"";
        String condition = where.isEmpty() ? "" : " AND " + where.substring("WHERE ".length());
        assertThat(query("SELECT %s FROM %s %s".formatted(COLUMNS, latestTable, where)))
                .matches("SELECT %s FROM %s WHERE (\"$node_id\", \"$version\") IN (%s)%s".formatted(COLUMNS, table, newest, condition));
    }

    private long physicalInputBytes(String query)
    {
        return TestingQueryStats.physicalInputBytes(getDistributedQueryRunner(), getSession(), query);
    }

    private Map<String, Long> pageSourceMetrics(String query)
    {
        return TestingQueryStats.pageSourceMetrics(getDistributedQueryRunner(), getSession(), query);
    }

    private Map<String, Long> splitSourceMetrics(String query)
    {
        return TestingQueryStats.splitSourceMetrics(getDistributedQueryRunner(), getSession(), query);
    }
}
