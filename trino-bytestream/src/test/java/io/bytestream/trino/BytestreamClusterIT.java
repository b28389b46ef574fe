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

import com.google.common.collect.ImmutableList;
import io.bytestream.trino.delta.TrinoFileIO;
import io.bytestream.writer.SamplePond;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.trino.jdbc.TrinoResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * A real two-process Trino 476 cluster on 127.0.0.1, both processes started by bin/run-server from the built
 * trino-server-core and plugin zip: a coordinator that schedules no splits on itself
 * ({@code etc/cluster/coordinator.properties}) and one worker ({@code etc/cluster/worker.properties}).
 * It serves the sample pond from a local folder (catalog {@code local}, {@code etc/catalog/pond.properties})
 * and from an S3 bucket (catalog {@code pond}, the Docker setup's {@code docker/etc/catalog/pond.properties},
 * against s3proxy in this JVM), and proves through {@code system.runtime.tasks} that the table scans ran on the worker.
 * Logs are in {@code target/cluster-it/}.
 */
@TestInstance(PER_CLASS)
final class BytestreamClusterIT
{
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);
    private static final String COORDINATOR = "coordinator";
    private static final String WORKER = "worker-1";
    private static final String BUCKET = "pond";
    private static final String S3_ROOT = "s3://pond/ponds";
    private static final String SAMPLE_NODE = "00000000000004d2";

    private final Path repository = Path.of(System.getProperty("bytestream.repository", "..")).toAbsolutePath().normalize();
    private final Path work = Path.of(System.getProperty("bytestream.target", "target")).toAbsolutePath().resolve("cluster-it");
    private final List<Server> servers = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopServers, "stop-trino-cluster");
    private TestingS3Server s3;
    private SamplePond.TableSummary localSample;
    private SamplePond.TableSummary s3Sample;
    private String coordinatorUrl;

    @BeforeAll
    void startCluster()
            throws Exception
    {
        if (Files.exists(work)) {
            deleteRecursively(work, ALLOW_INSECURE);
        }
        Files.createDirectories(work);

        Path pond = Files.createDirectories(work.resolve("pond"));
        localSample = SamplePond.write(pond).entries();
        s3 = new TestingS3Server();
        s3.createBucket(BUCKET);
        s3Sample = SamplePond.write(DefaultEngine.create(new TrinoFileIO(s3.fileSystem())), S3_ROOT).entries();

        Path catalogs = Files.createDirectories(work.resolve("catalog"));
        Files.copy(repository.resolve("etc/catalog/pond.properties"), catalogs.resolve("local.properties"));
        Files.copy(repository.resolve("docker/etc/catalog/pond.properties"), catalogs.resolve("pond.properties"));

        int coordinatorPort = freePort();
        coordinatorUrl = "http://127.0.0.1:" + coordinatorPort;
        Map<String, String> environment = Map.of(
                "BYTESTREAM_POND", pond.toUri().toString(),
                "BYTESTREAM_CATALOG_DIR", catalogs.toString(),
                "BYTESTREAM_DISCOVERY_URI", coordinatorUrl,
                "S3_ENDPOINT", s3.endpoint(),
                "AWS_REGION", TestingS3Server.REGION,
                "AWS_ACCESS_KEY_ID", TestingS3Server.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", TestingS3Server.SECRET_KEY);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        servers.add(startServer(COORDINATOR, "etc/cluster/coordinator.properties", coordinatorPort, environment));
        servers.add(startServer(WORKER, "etc/cluster/worker.properties", freePort(), environment));

        List<List<String>> nodes = awaitActiveNodes(2);
        System.out.printf("Trino cluster at %s, SELECT node_id, http_uri, node_version, coordinator, state FROM system.runtime.nodes:%n%s%n", coordinatorUrl, format(nodes));
    }

    @AfterAll
    void stopCluster()
            throws Exception
    {
        stopServers();
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        if (s3 != null) {
            s3.close();
        }
        for (Server server : servers) {
            // keep the logs, drop the unzipped plugin copies
            Path plugin = work.resolve(server.nodeId()).resolve("plugin");
            if (Files.exists(plugin)) {
                deleteRecursively(plugin, ALLOW_INSECURE);
            }
        }
    }

    @Test
    void testClusterHasACoordinatorAndAWorker()
            throws SQLException
    {
        assertThat(query("SELECT node_id, coordinator, state, node_version FROM system.runtime.nodes ORDER BY node_id"))
                .containsExactly(List.of(COORDINATOR, "true", "active", "476"), List.of(WORKER, "false", "active", "476"));
    }

    @Test
    void testScanOfTheLocalPondRunsOnTheWorker()
            throws SQLException
    {
        long dataBytes;
        try (Stream<Path> files = Files.walk(localSample.directory())) {
            dataBytes = files.filter(file -> file.toString().endsWith(".parquet") && !file.toString().contains("_delta_log")).mapToLong(BytestreamClusterIT::size).sum();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertScanRunsOnTheWorker("local", localSample, dataBytes);
    }

    @Test
    void testScanOfTheS3PondRunsOnTheWorker()
            throws SQLException
    {
        long dataBytes = s3.objects(BUCKET, "ponds/ops/entries/").entrySet().stream()
                .filter(object -> object.getKey().endsWith(".parquet") && !object.getKey().contains("_delta_log"))
                .mapToLong(Map.Entry::getValue)
                .sum();
        assertScanRunsOnTheWorker("pond", s3Sample, dataBytes);
    }

    private void assertScanRunsOnTheWorker(String catalog, SamplePond.TableSummary sample, long dataBytes)
            throws SQLException
    {
        String sql = "SELECT \"$node_id\", count(*) AS entries, count(DISTINCT \"$version\") AS records FROM %s.ops.entries GROUP BY 1 ORDER BY 1".formatted(catalog);
        QueryResult result = execute(sql);
        assertThat(result.rows()).hasSize(SamplePond.NODE_IDS.size());
        assertThat(result.rows()).allSatisfy(row -> assertThat(Long.parseLong(row.get(1))).isEqualTo(sample.innerRowsPerNode().get(row.getFirst())));

        List<List<String>> tasks = query("""
                SELECT t.stage_id, t.task_id, t.node_id, n.coordinator, t.state, t.splits, t.completed_splits, t.physical_input_bytes, t.raw_input_rows
                FROM system.runtime.tasks t JOIN system.runtime.nodes n ON t.node_id = n.node_id
                WHERE t.query_id = '%s'
                ORDER BY t.stage_id, t.task_id""".formatted(result.queryId()));
        System.out.printf("%s (query %s, %s data file bytes):%n%s%n  tasks of the query (stage_id, task_id, node_id, coordinator, state, splits, completed_splits, physical_input_bytes, raw_input_rows):%n%s%n",
                sql, result.queryId(), dataBytes, format(result.rows()), format(tasks));

        // the source stage's tasks read the table: on the worker only, every data file exactly once, in several splits
        List<List<String>> scanTasks = tasks.stream().filter(task -> Long.parseLong(task.get(7)) > 0).toList();
        assertThat(scanTasks).isNotEmpty().allSatisfy(task -> assertThat(task.get(2)).isEqualTo(WORKER));
        assertThat(scanTasks.stream().mapToLong(task -> Long.parseLong(task.get(7))).sum()).isEqualTo(dataBytes);
        assertThat(scanTasks.stream().mapToLong(task -> Long.parseLong(task.get(5))).sum()).isGreaterThanOrEqualTo(SamplePond.NODE_IDS.size());
        assertThat(scanTasks.stream().mapToLong(task -> Long.parseLong(task.get(8))).sum()).isEqualTo(sample.innerRows());
        // with node-scheduler.include-coordinator=false the coordinator runs no task of the query at all
        assertThat(tasks).allSatisfy(task -> assertThat(task.get(3)).isEqualTo("false"));
    }

    @Test
    void testPrunedQueryAndTimeTravel()
            throws SQLException
    {
        for (String catalog : List.of("local", "pond")) {
            SamplePond.TableSummary sample = catalog.equals("local") ? localSample : s3Sample;
            assertThat(query("SELECT count(*), count(DISTINCT \"$path\") FROM %s.ops.entries WHERE \"$node_id\" = '%s'".formatted(catalog, SAMPLE_NODE)))
                    .containsExactly(List.of(String.valueOf(sample.innerRowsPerNode().get(SAMPLE_NODE)), String.valueOf(sample.recordsPerNode().get(SAMPLE_NODE))));
            assertThat(query("SELECT count(*) FROM %s.ops.entries FOR VERSION AS OF %s".formatted(catalog, sample.latestVersion())))
                    .containsExactly(List.of(String.valueOf(sample.innerRows())));
        }
        List<List<String>> rows = query("SELECT name, node_id, \"$version\", \"$path\" FROM pond.ops.entries WHERE \"$node_id\" = '%s' ORDER BY \"$version\", name LIMIT 3".formatted(SAMPLE_NODE));
        assertThat(rows).allSatisfy(row -> assertThat(row.get(3)).startsWith(S3_ROOT + "/ops/entries/node_id=" + SAMPLE_NODE + "/"));
        System.out.printf("SELECT name, node_id, \"$version\", \"$path\" FROM pond.ops.entries WHERE \"$node_id\" = '%s' ORDER BY \"$version\", name LIMIT 3%n%s%n", SAMPLE_NODE, format(rows));
    }

    private Server startServer(String nodeId, String config, int port, Map<String, String> environment)
            throws IOException
    {
        Path log = work.resolve(nodeId + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", repository.resolve("bin/run-server").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("BYTESTREAM_CONFIG", repository.resolve(config).toString());
        builder.environment().put("BYTESTREAM_NODE_ID", nodeId);
        builder.environment().put("BYTESTREAM_HTTP_PORT", String.valueOf(port));
        builder.environment().put("BYTESTREAM_WORK_DIR", work.resolve(nodeId).toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return new Server(nodeId, builder.start(), log);
    }

    private void stopServers()
    {
        for (Server server : servers) {
            server.stop();
        }
    }

    private List<List<String>> awaitActiveNodes(int count)
            throws Exception
    {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        List<String> failures = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            for (Server server : servers) {
                if (!server.process().isAlive()) {
                    throw new AssertionError("Trino %s exited with %s%s".formatted(server.nodeId(), server.process().exitValue(), logTails()));
                }
            }
            try {
                List<List<String>> nodes = query("SELECT node_id, http_uri, node_version, coordinator, state FROM system.runtime.nodes ORDER BY node_id");
                if (nodes.stream().filter(node -> node.get(4).equals("active")).count() == count) {
                    return nodes;
                }
                failures.add("nodes: " + nodes);
            }
            catch (SQLException e) {
                // not up yet, or "No nodes available" right after start
                failures.add(e.getMessage());
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("Trino cluster did not have %s active nodes after %s; last observations %s%s".formatted(
                count, STARTUP_TIMEOUT, failures.subList(Math.max(0, failures.size() - 3), failures.size()), logTails()));
    }

    private String logTails()
    {
        StringBuilder text = new StringBuilder();
        for (Server server : servers) {
            text.append("%n---- %s (%s), last lines:%n%s".formatted(server.nodeId(), server.log(), tail(server.log())));
        }
        return text.toString();
    }

    private List<List<String>> query(String sql)
            throws SQLException
    {
        return execute(sql).rows();
    }

    private QueryResult execute(String sql)
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection("jdbc:trino://" + coordinatorUrl.substring("http://".length()), "bytestream-cluster-it", null);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData metadata = result.getMetaData();
            ImmutableList.Builder<List<String>> rows = ImmutableList.builder();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= metadata.getColumnCount(); column++) {
                    row.add(result.getString(column));
                }
                rows.add(row);
            }
            return new QueryResult(result.unwrap(TrinoResultSet.class).getQueryId(), rows.build());
        }
    }

    private record QueryResult(String queryId, List<List<String>> rows) {}

    private record Server(String nodeId, Process process, Path log)
    {
        void stop()
        {
            List<ProcessHandle> descendants = process.descendants().toList();
            process.destroy();
            descendants.forEach(ProcessHandle::destroy);
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static String format(List<List<String>> rows)
    {
        return rows.stream().map(row -> "  " + String.join(" | ", row)).collect(joining("\n"));
    }

    private static String tail(Path log)
    {
        try {
            List<String> lines = Files.readAllLines(log, UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        }
        catch (IOException e) {
            return "(cannot read: %s)".formatted(e);
        }
    }

    private static long size(Path file)
    {
        try {
            return Files.size(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
