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

import io.bytestream.trino.delta.TestingDeltaCommits;
import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.Record;
import io.bytestream.writer.RecordTableWriter;
import io.bytestream.writer.SamplePond;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.joining;
import static java.util.stream.Collectors.summingLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/**
 * The built plugin zip in the real trino-server-core 476 (started by bin/run-server with the repository's etc/),
 * queried through the real trino-cli and trino-jdbc: catches packaging and class-loading faults that an
 * in-process query runner cannot.
 */
@TestInstance(PER_CLASS)
final class BytestreamServerIT
{
    private static final String NODE_ID = "00000000000004d2";
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);
    private static final String DUCKPOND_LISTING = "SELECT \"$pond_id\", \"$part_id\", \"$node_id\", \"$version\", \"$file_type\", name, child_node_id, entry_type, version_last_modified, pond_id FROM pond.duckpond.oplog";

    private final Path repository = Path.of(System.getProperty("bytestream.repository", "..")).toAbsolutePath().normalize();
    private final Path trinoCli = Path.of(System.getProperty("bytestream.trino-cli", "target/trino-cli.jar")).toAbsolutePath();
    private Path workDirectory;
    private SamplePond.TableSummary entries;
    private List<TestingDuckpondTables.Record> duckpond;
    private Process server;
    private Path serverLog;
    private int port;

    @BeforeAll
    void startServer()
            throws Exception
    {
        workDirectory = Files.createTempDirectory("bytestream-server");
        Path pond = Files.createDirectories(workDirectory.resolve("pond"));
        entries = SamplePond.write(pond).entries();
        writeOtherWritersTables(pond.resolve("delta"));
        duckpond = TestingDuckpondTables.records(Files.createDirectories(workDirectory.resolve("scratch")));
        TestingDuckpondTables.write(pond.resolve("duckpond/oplog"), duckpond);
        port = freePort();
        serverLog = workDirectory.resolve("server.log");

        ProcessBuilder builder = new ProcessBuilder("bash", repository.resolve("bin/run-server").toString())
                .redirectErrorStream(true)
                .redirectOutput(serverLog.toFile());
        builder.environment().put("BYTESTREAM_POND", pond.toUri().toString());
        builder.environment().put("BYTESTREAM_HTTP_PORT", String.valueOf(port));
        builder.environment().put("BYTESTREAM_WORK_DIR", workDirectory.resolve("server").toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        server = builder.start();
        awaitActiveNode();
    }

    @AfterAll
    void stopServer()
            throws Exception
    {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
        if (workDirectory != null) {
            deleteRecursively(workDirectory, ALLOW_INSECURE);
        }
    }

    @Test
    void testCliRunsThePrunedPartitionQuery()
            throws Exception
    {
        String sql = "SELECT name, node_id, \"$node_id\", \"$version\" FROM pond.ops.entries WHERE \"$node_id\" = '%s' ORDER BY \"$version\", name".formatted(NODE_ID);
        List<String> lines = runCli(sql);
        System.out.printf("trino-cli 476 --execute \"%s\" printed %s rows, first ones:%n%s%n", sql, lines.size(), String.join("\n", lines.subList(0, Math.min(5, lines.size()))));

        assertThat(lines).hasSize(Math.toIntExact(entries.innerRowsPerNode().get(NODE_ID)));
        assertThat(lines).allSatisfy(line -> assertThat(line).matches("\"entry-\\d+-\\d+\",\"[0-9a-f]{16}\",\"%s\",\"\\d+\"".formatted(NODE_ID)));
        assertThat(lines.stream().map(line -> line.substring(line.lastIndexOf(",\"") + 2, line.length() - 1)).distinct().count())
                .isEqualTo(entries.recordsPerNode().get(NODE_ID).longValue());
    }

    @Test
    void testCliShowsCatalogSchemaAndTables()
            throws Exception
    {
        assertThat(runCli("SHOW CATALOGS")).contains("\"pond\"", "\"system\"");
        assertThat(runCli("SHOW TABLES FROM pond.ops")).containsExactly("\"entries\"");
        assertThat(runCli("SHOW COLUMNS FROM pond.ops.entries")).containsExactly("\"name\",\"varchar\",\"\",\"\"", "\"node_id\",\"varchar\",\"\",\"\"");
    }

    @Test
    void testJdbcCountsEveryInnerRow()
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection("jdbc:trino://127.0.0.1:%s/pond/ops".formatted(port), "bytestream-it", null);
                Statement statement = connection.createStatement()) {
            try (ResultSet result = statement.executeQuery("SELECT count(*), count(DISTINCT \"$node_id\"), count(DISTINCT \"$path\") FROM entries")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(1)).isEqualTo(entries.innerRows());
                assertThat(result.getLong(2)).isEqualTo(entries.innerRowsPerNode().values().stream().filter(rows -> rows > 0).count());
                assertThat(result.getLong(3)).isPositive();
            }
            // count(*) above comes from the record statistics in the log; decoding every row gives the same answer
            try (ResultSet result = statement.executeQuery("SELECT count_if(name IS NULL OR name IS NOT NULL) FROM entries")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(1)).isEqualTo(entries.innerRows());
            }
            try (ResultSet result = statement.executeQuery("SELECT \"$node_id\", count(*) FROM entries GROUP BY 1")) {
                int groups = 0;
                while (result.next()) {
                    groups++;
                    assertThat(result.getLong(2)).isEqualTo(entries.innerRowsPerNode().get(result.getString(1)));
                }
                assertThat(groups).isPositive();
            }
        }
    }

    @Test
    void testCliReadsDeletionVectorsAndColumnMapping()
            throws Exception
    {
        // record v2 of node A deleted, inline; record v1 of node B deleted, in a deletion vector file
        String deleted = "SELECT \"$node_id\", \"$version\", count(*) FROM pond.delta.deleted GROUP BY 1, 2 ORDER BY 1, 2";
        List<String> lines = runCli(deleted);
        System.out.printf("trino-cli 476 --execute \"%s\" printed:%n%s%n", deleted, String.join("\n", lines));
        assertThat(lines).containsExactly(
                "\"0000000000000001\",\"2\",\"12\"", "\"0000000000000001\",\"3\",\"13\"",
                "\"00000000000004d2\",\"1\",\"11\"", "\"00000000000004d2\",\"3\",\"13\"");
        assertThat(runCli("SELECT count(*) FROM pond.delta.deleted")).containsExactly("\"49\"");

        for (String table : List.of("mapped", "mapped_by_id")) {
            String mapped = "SELECT \"$node_id\", count(*), count(DISTINCT name), max(\"$version\") FROM pond.delta.%s GROUP BY 1 ORDER BY 1".formatted(table);
            lines = runCli(mapped);
            System.out.printf("trino-cli 476 --execute \"%s\" printed:%n%s%n", mapped, String.join("\n", lines));
            assertThat(lines).containsExactly("\"0000000000000001\",\"36\",\"36\",\"3\"", "\"00000000000004d2\",\"36\",\"36\",\"3\"");
        }
    }

    @Test
    void testCliReadsMetadataTablesAndTimeTravel()
            throws Exception
    {
        long commits = entries.latestVersion() + 1;
        assertThat(printed("SELECT version, operation, is_blind_append FROM pond.ops.\"entries$history\" ORDER BY version"))
                .hasSize(Math.toIntExact(commits))
                .first().asString().startsWith("\"0\",");
        assertThat(printed("SELECT key, value FROM pond.ops.\"entries$properties\" ORDER BY key"))
                .anySatisfy(line -> assertThat(line).startsWith("\"delta.minReaderVersion\","));
        assertThat(printed("SELECT partition.node_id, file_count, record_count FROM pond.ops.\"entries$partitions\" ORDER BY 1"))
                .hasSize(entries.recordsPerNode().size())
                .allSatisfy(line -> {
                    String nodeId = line.substring(1, 17);
                    assertThat(line).endsWith(",\"%s\"".formatted(entries.recordsPerNode().get(nodeId)));
                });
        assertThat(printed("SELECT count(*), sum(inner_rows), count(error) FROM pond.ops.\"entries$records\""))
                .containsExactly("\"%s\",\"%s\",\"0\"".formatted(entries.records(), entries.innerRows()));
        assertThat(printed("SELECT \"$node_id\", max(\"$version\"), count(*) FROM pond.ops.\"entries$latest\" GROUP BY 1 ORDER BY 1"))
                .isEqualTo(runCli("""
                        SELECT "$node_id", "$version", count(*) FROM pond.ops.entries
                        WHERE ("$node_id", "$version") IN (SELECT "$node_id", max("$version") FROM pond.ops.entries GROUP BY 1)
                        GROUP BY 1, 2 ORDER BY 1"""));
        assertThat(printed("SELECT count(*) FROM pond.ops.entries FOR TIMESTAMP AS OF current_timestamp - INTERVAL '1' SECOND"))
                .containsExactly("\"%s\"".formatted(entries.innerRows()));
        assertThat(printed("SELECT _change_type, count(*) FROM TABLE(pond.system.table_changes(schema_name => 'ops', table_name => 'entries', since_version => 0)) GROUP BY 1"))
                .containsExactly("\"insert\",\"%s\"".formatted(entries.innerRows()));
    }

    @Test
    void testJdbcDescribesAndReadsMetadataTables()
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection("jdbc:trino://127.0.0.1:%s/pond/ops".formatted(port), "bytestream-it", null)) {
            DatabaseMetaData metaData = connection.getMetaData();
            for (String table : List.of("entries$history", "entries$properties", "entries$partitions", "entries$records", "entries$latest")) {
                try (Statement statement = connection.createStatement();
                        ResultSet result = statement.executeQuery("SELECT * FROM \"%s\"".formatted(table))) {
                    ResultSetMetaData columns = result.getMetaData();
                    int rows = 0;
                    while (result.next()) {
                        rows++;
                    }
                    System.out.printf("trino-jdbc 476: SELECT * FROM \"%s\" gave %s rows of %s columns%n", table, rows, columns.getColumnCount());
                    assertThat(rows).as(table).isPositive();
                    assertThat(columnNames(metaData, "ops", table)).as(table).hasSize(columns.getColumnCount());
                }
            }
        }
    }

    private static List<String> columnNames(DatabaseMetaData metaData, String schema, String table)
            throws SQLException
    {
        List<String> names = new ArrayList<>();
        try (ResultSet columns = metaData.getColumns("pond", schema, table.replace("_", "\\_"), null)) {
            while (columns.next()) {
                names.add(columns.getString("COLUMN_NAME"));
            }
        }
        return names;
    }

    private List<String> printed(String sql)
            throws Exception
    {
        return printed(sql, "FAIL");
    }

    /** The CSV lines trino-cli printed for {@code sql} in {@code badRecordHandling} mode, logged for the record. */
    private List<String> printed(String sql, String badRecordHandling)
            throws Exception
    {
        List<String> lines = runCli(sql, badRecordHandling);
        System.out.printf("trino-cli 476 --session pond.bad_record_handling=%s --execute \"%s\" printed:%n%s%n", badRecordHandling, sql, String.join("\n", lines));
        return lines;
    }

    @Test
    void testCliReadsBadRecordsInEachMode()
            throws Exception
    {
        String sql = "SELECT \"$node_id\", \"$version\", count(name), \"$content_corrupt\" FROM pond.delta.bad GROUP BY 1, 2, 4 ORDER BY 1, 2";
        assertThat(printedFailure(sql)).contains("Table delta.bad, data file file:", "$node_id=%s, $version=2".formatted(TestingPond.NODE_A), "corrupt Arrow IPC stream");

        List<String> good = List.of(
                "\"%s\",\"1\",\"11\",\"false\"".formatted(TestingPond.NODE_A),
                "\"%s\",\"1\",\"11\",\"false\"".formatted(TestingPond.NODE_B),
                "\"%s\",\"2\",\"12\",\"false\"".formatted(TestingPond.NODE_B));
        assertThat(printed(sql, "SKIP")).containsExactlyInAnyOrderElementsOf(good);

        assertThat(printed(sql, "FLAG")).containsAll(good).contains("\"%s\",\"2\",\"0\",\"true\"".formatted(TestingPond.NODE_A)).hasSize(good.size() + 1);
    }

    @Test
    void testCliListsTheDuckpondDirectories()
            throws Exception
    {
        String everyRecord = DUCKPOND_LISTING + " ORDER BY 1, 2, 4, 6";
        assertThat(printed(everyRecord, "SKIP")).containsExactlyInAnyOrderElementsOf(duckpondListing());
        String directoryRecords = DUCKPOND_LISTING + " WHERE \"$file_type\" = '%s' ORDER BY 1, 2, 4, 6".formatted(TestingDuckpondTables.DIRECTORY);
        assertThat(printed(directoryRecords, "FAIL")).containsExactlyInAnyOrderElementsOf(duckpondListing());
        String failed = printedFailure(everyRecord);
        assertThat(failed).contains("Table duckpond.oplog, data file file:", "has a corrupt Arrow IPC stream");
        assertThat(notIpcRecords()).anySatisfy(record -> assertThat(failed).contains(recordDescription(record)));
    }

    @Test
    void testCliFlagsTheDuckpondRecordsThatAreNotIpc()
            throws Exception
    {
        String sql = DUCKPOND_LISTING.replace(" FROM ", ", \"$content_corrupt\", \"$decode_error\" FROM ") + " ORDER BY 1, 2, 4, 6";
        List<String> lines = printed(sql, "FLAG");
        String good = ",\"false\",\"\"";
        assertThat(lines.stream().filter(line -> line.endsWith(good)))
                .containsExactlyInAnyOrderElementsOf(duckpondListing().stream().map(line -> line + good).toList());
        // one row per record holding raw or Parquet bytes, its inner columns NULL; the record of NULL content gives none
        List<String> flagged = lines.stream().filter(line -> !line.endsWith(good)).toList();
        assertThat(flagged).hasSameSizeAs(notIpcRecords());
        for (TestingDuckpondTables.Record record : notIpcRecords()) {
            assertThat(flagged).filteredOn(line -> line.startsWith(csv(record.pondId(), record.partId(), record.nodeId(), record.version(), record.fileType(), null, null, null, null, null, true)))
                    .singleElement().asString()
                    .contains("Table duckpond.oplog, data file file:")
                    .contains(recordDescription(record));
        }
    }

    @Test
    void testJdbcHidesTheDuckpondOuterColumns()
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection("jdbc:trino://127.0.0.1:%s/pond/duckpond".formatted(port), "bytestream-it", null)) {
            List<String> columns = columnNames(connection.getMetaData(), "duckpond", "oplog");
            System.out.printf("trino-jdbc 476: DatabaseMetaData.getColumns of pond.duckpond.oplog: %s%n", columns);
            assertThat(columns).containsExactlyElementsOf(TestingDuckpondTables.DIRECTORY_ENTRY.getFields().stream().map(Field::getName).toList());

            Map<List<String>, Long> entries = new HashMap<>();
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT \"$pond_id\", \"$part_id\", count(*) FROM oplog WHERE \"$file_type\" LIKE 'dir:%' GROUP BY 1, 2")) {
                while (result.next()) {
                    entries.put(List.of(result.getString(1), result.getString(2)), result.getLong(3));
                }
            }
            System.out.printf("trino-jdbc 476: directory entries by $pond_id and $part_id, FAIL mode: %s%n", entries);
            assertThat(entries).isEqualTo(duckpond.stream()
                    .filter(TestingDuckpondTables.Record::directory)
                    .collect(groupingBy(record -> List.of(record.pondId(), record.partId()), summingLong(record -> record.entries().size()))));
        }
    }

    /** The directory listing as trino-cli prints {@link #DUCKPOND_LISTING}: every entry of every directory record. */
    private List<String> duckpondListing()
    {
        return duckpond.stream()
                .flatMap(record -> record.entries().stream().map(entry -> csv(
                        record.pondId(), record.partId(), record.nodeId(), record.version(), record.fileType(),
                        entry.name(), entry.childNodeId(), entry.entryType(), entry.versionLastModified(), entry.pondId())))
                .toList();
    }

    /** The records whose content is there but is not Arrow IPC: raw file bytes and Parquet files. */
    private List<TestingDuckpondTables.Record> notIpcRecords()
    {
        return duckpond.stream().filter(record -> !record.directory() && record.content() != null).toList();
    }

    /** What an error message about the record says of it, besides its data file and place in it. */
    private static String recordDescription(TestingDuckpondTables.Record record)
    {
        return "$pond_id=%s, $part_id=%s, $version=%s has a corrupt Arrow IPC stream".formatted(record.pondId(), record.partId(), record.version());
    }

    /** A row as trino-cli's CSV output format prints it: every value quoted, NULL as an empty value. */
    private static String csv(Object... values)
    {
        return Stream.of(values).map(value -> "\"%s\"".formatted(value == null ? "" : value)).collect(joining(","));
    }

    /** A table whose records were deleted with deletion vectors and one with column mapping, laid out as Spark writes them. */
    private static void writeOtherWritersTables(Path schema)
            throws IOException
    {
        List<Record> records = Stream.of(1L, 2L, 3L)
                .flatMap(version -> Stream.of(TestingPond.NODE_A, TestingPond.NODE_B).map(node -> TestingPond.record(node, version, ArrowStreams.entries(1, 10 + version.intValue(), version))))
                .toList();
        Path deleted = schema.resolve("deleted");
        RecordTableWriter.openLocal(deleted).append(records);
        TestingDeltaCommits.commitDeletionVector(deleted, deleted.relativize(TestingPond.dataFiles(deleted, TestingPond.NODE_A).getFirst()).toString(), TestingDeltaCommits.inline(1));
        TestingDeltaCommits.commitDeletionVector(deleted, deleted.relativize(TestingPond.dataFiles(deleted, TestingPond.NODE_B).getFirst()).toString(), TestingDeltaCommits.onDisk(deleted, 0));
        TestingColumnMappedTables.write(schema.resolve("mapped"), records);
        RecordTableWriter.openLocal(schema.resolve("bad")).append(List.of(
                TestingPond.record(TestingPond.NODE_A, 1, ArrowStreams.entries(1, 11, 1)),
                TestingPond.record(TestingPond.NODE_B, 1, ArrowStreams.entries(1, 11, 2)),
                TestingPond.record(TestingPond.NODE_A, 2, "not an Arrow IPC stream".getBytes(UTF_8)),
                TestingPond.record(TestingPond.NODE_B, 2, ArrowStreams.entries(2, 6, 3))));
        TestingColumnMappedTables.write(schema.resolve("mapped_by_id"), records, TestingColumnMappedTables.Mode.ID);
    }

    private List<String> runCli(String sql)
            throws IOException, InterruptedException
    {
        return runCli(sql, "FAIL");
    }

    /** The CSV lines trino-cli printed for {@code sql}, run with session property {@code bad_record_handling}. */
    private List<String> runCli(String sql, String badRecordHandling)
            throws IOException, InterruptedException
    {
        Process cli = startCli(sql, badRecordHandling).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(cli.getInputStream().readAllBytes(), UTF_8);
        assertThat(cli.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(cli.exitValue()).as("trino-cli exit code; output: %s", output).isZero();
        return output.lines().filter(line -> !line.isBlank()).toList();
    }

    /** What trino-cli printed, error included, for a query that must fail in FAIL mode; logged for the record. */
    private String printedFailure(String sql)
            throws IOException, InterruptedException
    {
        String failed = runFailingCli(sql);
        System.out.printf("trino-cli 476 --session pond.bad_record_handling=FAIL --execute \"%s\" printed:%n%s%n", sql, failed.strip());
        return failed;
    }

    /** What trino-cli printed, error included, for a query that must fail. */
    private String runFailingCli(String sql)
            throws IOException, InterruptedException
    {
        Process cli = startCli(sql, "FAIL").redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes(), UTF_8);
        assertThat(cli.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(cli.exitValue()).as("trino-cli exit code; output: %s", output).isNotZero();
        return output;
    }

    private ProcessBuilder startCli(String sql, String badRecordHandling)
    {
        return new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", trinoCli.toString(),
                "--server", "http://127.0.0.1:" + port,
                "--output-format", "CSV",
                "--session", "pond.bad_record_handling=" + badRecordHandling,
                "--execute", sql);
    }

    private void awaitActiveNode()
            throws Exception
    {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        List<String> failures = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("Trino server exited with %s:%n%s".formatted(server.exitValue(), tail(serverLog)));
            }
            try (Connection connection = DriverManager.getConnection("jdbc:trino://127.0.0.1:%s".formatted(port), "bytestream-it", null);
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT count(*) FROM system.runtime.nodes WHERE state = 'active'")) {
                if (result.next() && result.getLong(1) > 0) {
                    return;
                }
            }
            catch (SQLException e) {
                // not up yet, or "No nodes available" right after start
                failures.add(e.getMessage());
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("Trino server not ready after %s; last errors %s; log:%n%s".formatted(STARTUP_TIMEOUT, failures.subList(Math.max(0, failures.size() - 3), failures.size()), tail(serverLog)));
    }

    private static String tail(Path log)
            throws IOException
    {
        List<String> lines = Files.readAllLines(log, UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static int freePort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
