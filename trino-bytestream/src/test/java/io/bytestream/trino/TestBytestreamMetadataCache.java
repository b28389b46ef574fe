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
import io.bytestream.writer.RecordTableWriter;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshots and schemas are cached across queries (with a long TTL here), yet every query sees every
 * commit made before it, and {@code flush_metadata_cache} forgets what was cached.
 */
final class TestBytestreamMetadataCache
        extends AbstractTestQueryFramework
{
    private static final String CATALOG = "cache_test";

    private Path root;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = Files.createTempDirectory("bytestream-cache");
        TestingPond.writeEntries(root);
        // one node, and a catalog name no other test uses: MBeans are registered once per JVM and name
        QueryRunner queryRunner = BytestreamQueryRunner.builder(root).setWorkerCount(0).build();
        queryRunner.createCatalog(CATALOG, BytestreamConnectorFactory.CONNECTOR_NAME, Map.of(
                "bytestream.root-location", root.toUri().toString(),
                "bytestream.metadata-cache-ttl", "1h"));
        return queryRunner;
    }

    @AfterAll
    void deletePond()
            throws IOException
    {
        deleteRecursively(root, ALLOW_INSECURE);
    }

    @Test
    void testNewCommitsAreSeenByTheNextQuery()
    {
        RecordTableWriter writer = RecordTableWriter.openLocal(root.resolve("ops/growing"));
        writer.append(List.of(record(NODE_A, 1, ArrowStreams.entries(1, 2, 61))));
        assertQuery("SELECT count(*) FROM cache_test.ops.growing", "VALUES 2");
        writer.append(List.of(record(NODE_A, 2, ArrowStreams.entries(1, 3, 62))));
        assertQuery("SELECT count(*) FROM cache_test.ops.growing", "VALUES 5");
        writer.append(List.of(record(NODE_A, 3, ArrowStreams.entries(1, 4, 63))));
        writer.checkpoint();
        writer.append(List.of(record(NODE_A, 4, ArrowStreams.entries(1, 5, 64))));
        assertQuery("SELECT count(*) FROM cache_test.ops.growing", "VALUES 14");
        // version 0 created the empty table
        assertQuery("SELECT count(*) FROM cache_test.ops.growing FOR VERSION AS OF 2", "VALUES 5");
    }

    @Test
    void testRepeatedQueriesHitTheCache()
            throws Exception
    {
        computeActual("SELECT count(*) FROM cache_test.ops.entries");
        long schemaRequests = cacheAttribute("SchemaCacheStats.RequestCount");
        long snapshotLoads = cacheAttribute("SnapshotCacheStats.LoadCount");
        long latestLoads = cacheAttribute("LatestSnapshotCacheStats.LoadCount");
        for (int i = 0; i < 5; i++) {
            assertQuery("SELECT count(*) FROM cache_test.ops.entries", "VALUES 13");
            assertQuery("SELECT count(name) FROM cache_test.ops.entries WHERE \"$version\" = 3", "VALUES 1");
        }
        assertThat(cacheAttribute("SchemaCacheStats.RequestCount")).isGreaterThan(schemaRequests);
        // nothing was committed, so nothing was loaded again
        assertThat(cacheAttribute("SnapshotCacheStats.LoadCount")).isEqualTo(snapshotLoads);
        assertThat(cacheAttribute("LatestSnapshotCacheStats.LoadCount")).isEqualTo(latestLoads);
    }

    @Test
    void testFlushMetadataCache()
            throws Exception
    {
        for (String call : List.of(
                "CALL cache_test.system.flush_metadata_cache(schema_name => 'ops', table_name => 'entries')",
                "CALL cache_test.system.flush_metadata_cache(schema_name => 'ops')",
                "CALL cache_test.system.flush_metadata_cache()")) {
            assertQuery("SELECT count(name) FROM cache_test.ops.entries", "VALUES 13");
            long schemaLoads = cacheAttribute("SchemaCacheStats.LoadCount");
            long latestLoads = cacheAttribute("LatestSnapshotCacheStats.LoadCount");
            assertQuery("SELECT count(name) FROM cache_test.ops.entries", "VALUES 13");
            assertThat(cacheAttribute("SchemaCacheStats.LoadCount")).isEqualTo(schemaLoads);
            assertUpdate(call);
            assertQuery("SELECT count(name) FROM cache_test.ops.entries", "VALUES 13");
            assertThat(cacheAttribute("SchemaCacheStats.LoadCount")).as(call).isEqualTo(schemaLoads + 1);
            assertThat(cacheAttribute("LatestSnapshotCacheStats.LoadCount")).as(call).isEqualTo(latestLoads + 1);
        }
        // flushing another table keeps this one
        assertUpdate("CALL cache_test.system.flush_metadata_cache(schema_name => 'ops', table_name => 'other')");
        long schemaLoads = cacheAttribute("SchemaCacheStats.LoadCount");
        assertQuery("SELECT count(name) FROM cache_test.ops.entries", "VALUES 13");
        assertThat(cacheAttribute("SchemaCacheStats.LoadCount")).isEqualTo(schemaLoads);

        assertQueryFails("CALL cache_test.system.flush_metadata_cache(table_name => 'entries')", "table_name requires schema_name");
        assertQueryFails("CALL cache_test.system.flush_metadata_cache(schema_name => '..')", "Invalid schema or table name: '\\.\\.'");
    }

    /** A MetadataCache attribute of this test's catalog. */
    private static long cacheAttribute(String attribute)
            throws Exception
    {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(new ObjectName("trino.plugin.bytestream:type=MetadataCache,name=" + CATALOG), null);
        assertThat(names).isNotEmpty();
        long sum = 0;
        for (ObjectName name : names) {
            sum += ((Number) server.getAttribute(name, attribute)).longValue();
        }
        return sum;
    }
}
