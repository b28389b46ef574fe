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

import io.bytestream.writer.SamplePond;
import io.trino.jdbc.TrinoResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The Docker setup as a user runs it: {@code docker compose -f docker/compose.yaml up --build} builds the
 * Trino 476 image with the plugin zip and the writer image, writes the sample pond into the S3 service's bucket
 * and starts a coordinator and a worker; the test queries the pond through trino-jdbc.
 * Skipped (not failed) where there is no Docker or no {@code docker compose}. The same catalog file, S3 access
 * and coordinator/worker split are covered without Docker by {@link BytestreamClusterIT}.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(PER_CLASS)
final class BytestreamDockerIT
{
    private static final String COORDINATOR_SERVICE = "trino-coordinator";
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(15);

    private final Path repository = Path.of(System.getProperty("bytestream.repository", "..")).toAbsolutePath().normalize();
    private ComposeContainer compose;
    private SamplePond.TableSummary sample;
    private String jdbcUrl;

    @BeforeAll
    void startCompose()
            throws Exception
    {
        assumeTrue(dockerComposeAvailable(), "docker compose is not installed");

        // the same sample pond the compose setup's writer service writes: its contents are deterministic
        Path pond = Files.createTempDirectory("bytestream-docker-it");
        try {
            sample = SamplePond.write(pond).entries();
        }
        finally {
            deleteRecursively(pond, ALLOW_INSECURE);
        }

        compose = new ComposeContainer(repository.resolve("docker/compose.yaml").toFile())
                .withLocalCompose(true)
                .withBuild(true)
                .withEnv("TRINO_HOST_PORT", String.valueOf(freePort()))
                .withExposedService(COORDINATOR_SERVICE, 8080, Wait.forHttp("/v1/info")
                        .forResponsePredicate(body -> body.contains("\"starting\":false"))
                        .withStartupTimeout(STARTUP_TIMEOUT))
                .withStartupTimeout(STARTUP_TIMEOUT);
        compose.start();
        jdbcUrl = "jdbc:trino://%s:%s/pond/ops".formatted(compose.getServiceHost(COORDINATOR_SERVICE, 8080), compose.getServicePort(COORDINATOR_SERVICE, 8080));
        awaitActiveNodes(2);
    }

    @AfterAll
    void stopCompose()
    {
        if (compose != null) {
            compose.stop();
        }
    }

    @Test
    void testCoordinatorAndWorker()
            throws SQLException
    {
        assertThat(query("SELECT node_id, coordinator, state FROM system.runtime.nodes ORDER BY node_id"))
                .containsExactly(List.of("trino-coordinator", "true", "active"), List.of("trino-worker", "false", "active"));
    }

    @Test
    void testSamplePondFromS3RunsOnTheWorker()
            throws SQLException
    {
        Map<String, Long> entriesPerNode = new HashMap<>();
        String queryId;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "bytestream-docker-it", null);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT \"$node_id\", count(*) FROM entries GROUP BY 1")) {
            while (result.next()) {
                entriesPerNode.put(result.getString(1), result.getLong(2));
            }
            queryId = result.unwrap(TrinoResultSet.class).getQueryId();
        }
        assertThat(entriesPerNode).isEqualTo(sample.innerRowsPerNode());
        assertThat(query("SELECT DISTINCT node_id FROM system.runtime.tasks WHERE query_id = '%s' AND physical_input_bytes > 0".formatted(queryId)))
                .containsExactly(List.of("trino-worker"));

        assertThat(query("SELECT count(*) FROM entries FOR VERSION AS OF %s".formatted(sample.latestVersion())))
                .containsExactly(List.of(String.valueOf(sample.innerRows())));
        assertThat(query("SELECT DISTINCT regexp_replace(\"$path\", '/node_id=.*', '') FROM entries"))
                .containsExactly(List.of("s3://pond/ponds/ops/entries"));
    }

    private void awaitActiveNodes(int count)
            throws InterruptedException
    {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                if (query("SELECT count(*) FROM system.runtime.nodes WHERE state = 'active'").getFirst().getFirst().equals(String.valueOf(count))) {
                    return;
                }
            }
            catch (SQLException e) {
                last = e.getMessage();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("The compose cluster did not have %s active nodes; last error: %s".formatted(count, last));
    }

    private List<List<String>> query(String sql)
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "bytestream-docker-it", null);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                    row.add(result.getString(column));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static boolean dockerComposeAvailable()
    {
        try {
            Process process = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
