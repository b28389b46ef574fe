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
import io.trino.Session;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.NODE_C;
import static java.lang.String.join;
import static org.assertj.core.api.Assertions.assertThat;

final class TestBytestreamQueries
        extends AbstractTestQueryFramework
{
    private Path root;
    private Path missingFile;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = Files.createTempDirectory("bytestream-queries");
        TestingPond.writeEntries(root);
        TestingPond.writeTruncated(root);
        missingFile = TestingPond.writeMissing(root);
        Files.createDirectories(root.resolve("ops/not-an-identifier/_delta_log"));
        Files.createDirectories(root.resolve("ops/no_log_here"));
        return BytestreamQueryRunner.builder(root)
                // long enough that split planning always sees a join's dynamic filter
                .addConnectorProperty("bytestream.dynamic-filtering.wait-timeout", "1m")
                .build();
    }

    @AfterAll
    void deletePond()
            throws IOException
    {
        deleteRecursively(root, ALLOW_INSECURE);
    }

    @Test
    void testShowSchemasAndTables()
    {
        assertThat(computeActual("SHOW SCHEMAS").getOnlyColumnAsSet()).contains("ops", "broken", "information_schema");
        assertThat(computeActual("SHOW TABLES FROM ops").getOnlyColumnAsSet()).containsExactly("entries");
        assertThat(computeActual("SHOW TABLES FROM broken").getOnlyColumnAsSet()).containsExactlyInAnyOrder("truncated", "missing");
    }

    @Test
    void testInformationSchemaListsInnerColumnsOfEveryTable()
    {
        assertQuery(
                "SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns WHERE table_schema IN ('ops', 'broken')",
                "VALUES ('ops', 'entries', 'name', 'varchar'), ('ops', 'entries', 'node_id', 'varchar'), " +
                        "('broken', 'truncated', 'name', 'varchar'), ('broken', 'truncated', 'node_id', 'varchar')");
    }

    @Test
    void testSelectStarShowsInnerColumnsOnly()
    {
        assertTableColumnNames("entries", "name", "node_id");
        assertQuery("SELECT count(*) FROM (SELECT * FROM entries)", "VALUES 13");
        assertThat(query("DESCRIBE entries")).result().matches("VALUES (VARCHAR 'name', VARCHAR 'varchar', VARCHAR '', VARCHAR ''), ('node_id', 'varchar', '', '')");
    }

    @Test
    void testEveryBatchOfEveryRecord()
    {
        assertQuery("SELECT count(*) FROM entries", "VALUES 13");
        assertQuery("SELECT \"$node_id\", \"$version\", count(*) FROM entries GROUP BY 1, 2",
                "VALUES ('%s', 1, 6), ('%s', 2, 4), ('%s', 3, 1), ('%s', 1, 2)".formatted(NODE_A, NODE_A, NODE_A, NODE_B));
    }

    @Test
    void testPartitionQueryReturnsInnerRowsAndHiddenColumns()
    {
        List<String> expected = new ArrayList<>();
        addEntries(expected, 11, 6, 1);
        addEntries(expected, 12, 4, 2);
        addEntries(expected, 13, 1, 3);
        assertQuery(
                "SELECT name, node_id, \"$node_id\", \"$version\" FROM entries WHERE \"$node_id\" = '%s'".formatted(NODE_A),
                "VALUES " + join(", ", expected));
    }

    private static void addEntries(List<String> rows, long seed, int count, long version)
    {
        for (int row = 0; row < count; row++) {
            rows.add("('%s', '%s', '%s', %s)".formatted(ArrowStreams.entryName(seed, row), ArrowStreams.entryNodeId(seed, row), NODE_A, version));
        }
    }

    @Test
    void testHiddenColumnTypes()
    {
        assertQuery(
                "SELECT DISTINCT typeof(\"$node_id\"), typeof(\"$timestamp\"), typeof(\"$version\"), typeof(\"$path\") FROM entries",
                "VALUES ('varchar', 'timestamp(6) with time zone', 'bigint', 'varchar')");
        assertQuery(
                "SELECT DISTINCT CAST(\"$timestamp\" AS varchar) FROM entries WHERE \"$node_id\" = '%s' AND \"$version\" = 2".formatted(NODE_A),
                "VALUES '2024-05-01 10:00:02.123456 UTC'");
        assertQuery(
                "SELECT count(DISTINCT \"$path\"), bool_and(\"$path\" LIKE 'file:///%%/node_id=%s/%%.parquet') FROM entries WHERE \"$node_id\" = '%s'".formatted(NODE_A, NODE_A),
                "VALUES (3, true)");
    }

    @Test
    void testFilterOnOuterColumns()
    {
        assertQuery("SELECT count(*) FROM entries WHERE \"$version\" >= 2", "VALUES 5");
        assertQuery("SELECT count(*) FROM entries WHERE \"$timestamp\" < TIMESTAMP '2024-05-01 10:00:02 UTC'", "VALUES 8");
        // the files' max statistics are truncated to milliseconds (10:00:02.123): no file may be skipped for that
        assertQuery("SELECT count(*) FROM entries WHERE \"$timestamp\" >= TIMESTAMP '2024-05-01 10:00:02.123456 UTC'", "VALUES 5");
        assertQuery("SELECT count(*) FROM entries WHERE \"$timestamp\" = TIMESTAMP '2024-05-01 10:00:03.123456 UTC'", "VALUES 1");
        assertQuery("SELECT count(*) FROM entries WHERE \"$timestamp\" > TIMESTAMP '2024-05-01 10:00:02.1234 UTC'", "VALUES 5");
        assertQuery("SELECT count(*) FROM entries WHERE \"$node_id\" IN ('%s', '%s')".formatted(NODE_B, NODE_C), "VALUES 2");
        assertQuery("SELECT count(*) FROM entries WHERE name = 'entry-12-3'", "VALUES 1");
    }

    @Test
    void testDynamicFilterOnNodeIdReadsOnlyMatchingPartitions()
    {
        // a predicate that record statistics cannot skip files on: the build side reads every partition
        String buildSide = "SELECT DISTINCT \"$node_id\" AS node FROM entries WHERE reverse(name) = reverse('entry-12-3')";
        String join = "SELECT count(e.name) FROM entries e JOIN (%s) b ON e.\"$node_id\" = b.node".formatted(buildSide);
        long partitionBytes = TestingPond.dataFiles(root.resolve("ops/entries"), NODE_A).stream().mapToLong(TestingPond::size).sum();
        long buildSideBytes = computeActual(buildSide).getStatementStats().orElseThrow().getPhysicalInputBytes();
        assertThat(buildSideBytes).isGreaterThan(partitionBytes);

        assertQueryStats(
                getSession(),
                join,
                stats -> assertThat(stats.getPhysicalInputDataSize().toBytes()).isEqualTo(buildSideBytes + partitionBytes),
                result -> assertThat(result.getOnlyValue()).isEqualTo(11L));
        Session withoutDynamicFiltering = Session.builder(getSession()).setSystemProperty("enable_dynamic_filtering", "false").build();
        assertQueryStats(
                withoutDynamicFiltering,
                join,
                stats -> assertThat(stats.getPhysicalInputDataSize().toBytes()).isEqualTo(2 * buildSideBytes),
                result -> assertThat(result.getOnlyValue()).isEqualTo(11L));
    }

    @Test
    void testPartitionPruningReadsOnlyThatPartition()
    {
        long partitionBytes = TestingPond.dataFiles(root.resolve("ops/entries"), NODE_A).stream().mapToLong(TestingPond::size).sum();
        assertThat(partitionBytes).isPositive();
        assertQueryStats(
                getSession(),
                "SELECT count(name) FROM entries WHERE \"$node_id\" = '%s'".formatted(NODE_A),
                stats -> assertThat(stats.getPhysicalInputDataSize().toBytes()).isEqualTo(partitionBytes),
                result -> assertThat(result.getOnlyValue()).isEqualTo(11L));
        assertQueryStats(
                getSession(),
                "SELECT count(*) FROM entries WHERE \"$node_id\" = 'ffffffffffffffff'",
                stats -> assertThat(stats.getPhysicalInputDataSize().toBytes()).isZero(),
                result -> assertThat(result.getOnlyValue()).isEqualTo(0L));
    }

    @Test
    void testRemovedFilesAreNotRead()
    {
        assertQueryReturnsEmptyResult("SELECT * FROM entries WHERE \"$node_id\" = '%s'".formatted(NODE_C));
    }

    @Test
    void testTimeTravel()
    {
        assertQuery("SELECT count(*) FROM entries FOR VERSION AS OF 3", "VALUES 15");
        assertQuery("SELECT count(*) FROM entries FOR VERSION AS OF 3 WHERE \"$node_id\" = '%s'".formatted(NODE_C), "VALUES 3");
        assertQuery("SELECT count(*) FROM entries FOR VERSION AS OF 1", "VALUES 8");
        assertQuery("SELECT count(*) FROM entries FOR VERSION AS OF 0", "VALUES 0");
        assertQueryFails("SELECT * FROM entries FOR VERSION AS OF -1", "Table ops.entries has no version -1: its latest version is 5");
        assertQueryFails("SELECT * FROM entries FOR VERSION AS OF 99", "Table ops.entries has no version 99: its latest version is 5");
    }

    @Test
    void testUnknownNames()
    {
        assertQueryFails("SELECT * FROM nope", ".*Table 'pond.ops.nope' does not exist");
        assertQueryFails("SELECT * FROM no_log_here", ".*Table 'pond.ops.no_log_here' does not exist");
        assertQueryFails("SELECT * FROM \"not-an-identifier\"", ".*Table 'pond.ops.\"not-an-identifier\"' does not exist");
        assertQueryFails("SELECT * FROM \"..\".entries", ".*Schema '..' does not exist|.*Table 'pond.\\.\\..entries' does not exist");
        assertQueryFails("SELECT * FROM pond.nope.entries", ".*Schema 'nope' does not exist|.*Table 'pond.nope.entries' does not exist");
    }

    @Test
    void testCorruptRecordFailsNamingTheRecord()
    {
        // counted from the IPC headers in place, and decoded from the Parquet reader's pages
        for (String query : List.of("SELECT count(*) FROM broken.truncated", "SELECT max(name) FROM broken.truncated", "SELECT count(*) FROM broken.truncated WHERE \"$version\" > 0")) {
            assertQueryFails(
                    query,
                    "Table broken.truncated, data file file:///.*/node_id=%s/.*\\.parquet, record 0, \\$node_id=%s, \\$version=1 has a corrupt Arrow IPC stream: .*".formatted(NODE_A, NODE_A));
        }
        assertQuery("SELECT count(*) FROM broken.truncated WHERE \"$node_id\" = '%s'".formatted(NODE_B), "VALUES 5");
    }

    @Test
    void testMissingDataFile()
    {
        assertQueryFails(
                "SELECT * FROM broken.missing",
                "Table broken.missing: data file .*%s named by the Delta log does not exist".formatted(missingFile.getFileName()));
    }
}
