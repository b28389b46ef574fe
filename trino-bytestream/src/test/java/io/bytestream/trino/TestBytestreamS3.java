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

import io.airlift.log.Logger;
import io.bytestream.trino.delta.TrinoFileIO;
import io.bytestream.writer.RecordTableWriter;
import io.bytestream.writer.SamplePond;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_C;
import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The connector over Trino's native S3 file system against a real S3 server (s3proxy): record tables written
 * to the bucket by the bytestream writer through delta-kernel over the same S3 file system, read by a
 * distributed query runner whose catalog is configured with the standard {@code fs.native-s3.enabled}
 * and {@code s3.*} properties.
 */
final class TestBytestreamS3
        extends AbstractTestQueryFramework
{
    private static final String BUCKET = "pond";
    private static final String ROOT = "s3://%s/ponds".formatted(BUCKET);
    private static final String SAMPLE_NODE = "00000000000004d2";
    private static final Logger log = Logger.get(TestBytestreamS3.class);

    private TestingS3Server s3;
    private SamplePond.TableSummary sample;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        s3 = closeAfterClass(new TestingS3Server());
        s3.createBucket(BUCKET);

        // the writer commits through delta-kernel over Trino's S3 file system, as a writer service would
        Engine engine = DefaultEngine.create(new TrinoFileIO(s3.fileSystem()));
        sample = SamplePond.write(engine, ROOT).entries();
        TestingPond.writeEntries(RecordTableWriter.open(engine, ROOT + "/testing/entries"));

        BytestreamQueryRunner.Builder builder = BytestreamQueryRunner.builder(ROOT);
        s3.catalogProperties(ROOT).forEach(builder::addConnectorProperty);
        return builder.build();
    }

    @Test
    void testWriterCommittedToTheBucket()
    {
        Map<String, Long> objects = s3.objects(BUCKET, "ponds/ops/entries/");
        assertThat(objects.keySet())
                .contains("ponds/ops/entries/_delta_log/00000000000000000000.json")
                .contains("ponds/ops/entries/_delta_log/%020d.json".formatted(sample.latestVersion()))
                .contains("ponds/ops/entries/_delta_log/%020d.checkpoint.parquet".formatted(sample.checkpointVersion()))
                .anyMatch(key -> key.matches("ponds/ops/entries/node_id=%s/.+\\.parquet".formatted(SAMPLE_NODE)));
        assertThat(s3.objects(BUCKET, "ponds/testing/entries/_delta_log/").keySet())
                .contains("ponds/testing/entries/_delta_log/00000000000000000003.checkpoint.parquet", "ponds/testing/entries/_delta_log/00000000000000000005.json");
    }

    @Test
    void testShowSchemasTablesAndDescribe()
    {
        assertThat(computeActual("SHOW SCHEMAS").getOnlyColumnAsSet()).containsExactlyInAnyOrder("ops", "testing", "information_schema");
        assertThat(computeActual("SHOW TABLES FROM ops").getOnlyColumnAsSet()).containsExactly("entries");
        assertThat(computeActual("SHOW TABLES FROM testing").getOnlyColumnAsSet()).containsExactly("entries");
        assertThat(query("DESCRIBE ops.entries")).result().matches("VALUES (VARCHAR 'name', VARCHAR 'varchar', VARCHAR '', VARCHAR ''), ('node_id', 'varchar', '', '')");
    }

    @Test
    void testCountsPerNode()
    {
        // every node's versions count up from 1, and its newest record has inner rows
        assertQuery("SELECT \"$node_id\", count(*), max(\"$version\") FROM ops.entries GROUP BY 1",
                "VALUES " + sample.innerRowsPerNode().entrySet().stream()
                        .map(entry -> "('%s', %s, %s)".formatted(entry.getKey(), entry.getValue(), sample.recordsPerNode().get(entry.getKey())))
                        .collect(joining(", ")));
        assertQuery("SELECT count(*), count(DISTINCT \"$node_id\") FROM ops.entries", "VALUES (%s, %s)".formatted(sample.innerRows(), SamplePond.NODE_IDS.size()));

        MaterializedResult result = computeActual("SELECT \"$node_id\", count(*) AS entries, count(DISTINCT \"$version\") AS records FROM ops.entries GROUP BY 1 ORDER BY 1");
        log.info("S3 %s: SELECT \"$node_id\", count(*), count(DISTINCT \"$version\") FROM ops.entries GROUP BY 1 ORDER BY 1%n%s", ROOT, rows(result));
    }

    @Test
    void testPartitionPrunedQueryReadsOnlyThatPartition()
    {
        long partitionBytes = s3.objects(BUCKET, "ponds/ops/entries/node_id=%s/".formatted(SAMPLE_NODE)).values().stream().mapToLong(Long::longValue).sum();
        assertThat(partitionBytes).isPositive();
        assertQueryStats(
                getSession(),
                "SELECT count(name) FROM ops.entries WHERE \"$node_id\" = '%s'".formatted(SAMPLE_NODE),
                stats -> assertThat(stats.getPhysicalInputDataSize().toBytes()).isEqualTo(partitionBytes),
                result -> assertThat(result.getOnlyValue()).isEqualTo(sample.innerRowsPerNode().get(SAMPLE_NODE)));

        MaterializedResult result = computeActual(
                "SELECT name, node_id, \"$version\", \"$path\" FROM ops.entries WHERE \"$node_id\" = '%s' ORDER BY \"$version\", name".formatted(SAMPLE_NODE));
        assertThat(result.getRowCount()).isEqualTo(sample.innerRowsPerNode().get(SAMPLE_NODE).intValue());
        assertThat(result.getMaterializedRows()).allSatisfy(row -> assertThat((String) row.getField(3)).startsWith("%s/ops/entries/node_id=%s/".formatted(ROOT, SAMPLE_NODE)).endsWith(".parquet"));
        assertThat(result.getMaterializedRows().stream().map(row -> row.getField(2)).distinct().count()).isEqualTo(sample.recordsPerNode().get(SAMPLE_NODE).longValue());
        log.info("S3 %s: SELECT name, node_id, \"$version\", \"$path\" FROM ops.entries WHERE \"$node_id\" = '%s' (first 3 of %s rows, %s bytes read)%n%s",
                ROOT, SAMPLE_NODE, result.getRowCount(), partitionBytes, rows(result.getMaterializedRows().subList(0, 3)));
    }

    @Test
    void testSameResultsAsFromALocalFolder()
    {
        assertQuery("SELECT count(*) FROM testing.entries", "VALUES 13");
        assertQuery("SELECT \"$node_id\", \"$version\", count(*) FROM testing.entries GROUP BY 1, 2",
                "VALUES ('%s', 1, 6), ('%s', 2, 4), ('%s', 3, 1), ('%s', 1, 2)".formatted(NODE_A, NODE_A, NODE_A, TestingPond.NODE_B));
        assertQueryReturnsEmptyResult("SELECT * FROM testing.entries WHERE \"$node_id\" = '%s'".formatted(NODE_C));
        assertQuery("SELECT count(*) FROM testing.entries WHERE \"$version\" >= 2", "VALUES 5");
    }

    @Test
    void testTimeTravel()
    {
        // version 3 is the checkpoint, version 4 the removal of node C's record
        assertQuery("SELECT count(*) FROM testing.entries FOR VERSION AS OF 3", "VALUES 15");
        assertQuery("SELECT count(*) FROM testing.entries FOR VERSION AS OF 3 WHERE \"$node_id\" = '%s'".formatted(NODE_C), "VALUES 3");
        assertQuery("SELECT count(*) FROM testing.entries FOR VERSION AS OF 1", "VALUES 8");
        assertQuery("SELECT count(*) FROM testing.entries FOR VERSION AS OF 0", "VALUES 0");
        assertQueryFails("SELECT * FROM testing.entries FOR VERSION AS OF 99", "Table testing.entries has no version 99: its latest version is 5");
        assertQuery("SELECT count(*) FROM ops.entries FOR VERSION AS OF %s".formatted(sample.latestVersion()), "VALUES " + sample.innerRows());
        assertThat((long) computeScalar("SELECT count(*) FROM ops.entries FOR VERSION AS OF 1")).isBetween(1L, sample.innerRows() - 1);

        // by commit time: each commit's time in $history (the objects' modification times, made increasing as Delta does) reads its version
        assertQuery("SELECT version FROM testing.\"entries$history\"", "VALUES 0, 1, 2, 3, 4, 5");
        for (long version = 0; version <= 5; version++) {
            Object commitTime = computeScalar("SELECT CAST(timestamp AS varchar) FROM testing.\"entries$history\" WHERE version = %s".formatted(version));
            assertThat(computeScalar("SELECT count(*) FROM testing.entries FOR TIMESTAMP AS OF TIMESTAMP '%s'".formatted(commitTime)))
                    .isEqualTo(computeScalar("SELECT count(*) FROM testing.entries FOR VERSION AS OF %s".formatted(version)));
        }
        assertQuery("SELECT value FROM testing.\"entries$properties\" WHERE key = 'delta.minReaderVersion'", "VALUES '1'");
    }

    @Test
    void testMissingNames()
    {
        assertQueryFails("SELECT * FROM ops.nope", ".*Table 'pond.ops.nope' does not exist");
        assertQueryFails("SELECT * FROM nope.entries", ".*Schema 'nope' does not exist|.*Table 'pond.nope.entries' does not exist");
    }

    @Test
    void testS3RootWithoutNativeS3FileSystem()
    {
        Map<String, String> properties = new HashMap<>(s3.catalogProperties(ROOT));
        properties.remove("fs.native-s3.enabled");
        properties.keySet().removeIf(key -> key.startsWith("s3."));
        // before, the catalog loaded and every query failed with "No factory for location: s3://pond/ponds"
        assertThatThrownBy(() -> getQueryRunner().createCatalog("no_s3", BytestreamConnectorFactory.CONNECTOR_NAME, properties))
                .hasStackTraceContaining("bytestream.root-location is s3://pond/ponds, but the S3 file system is not enabled: add fs.native-s3.enabled=true to the catalog properties");
        assertThat(computeActual("SHOW CATALOGS").getOnlyColumnAsSet()).doesNotContain("no_s3");
    }

    private static String rows(MaterializedResult result)
    {
        return rows(result.getMaterializedRows());
    }

    private static String rows(List<MaterializedRow> rows)
    {
        return rows.stream().map(row -> row.getFields().toString()).collect(joining("\n"));
    }
}
