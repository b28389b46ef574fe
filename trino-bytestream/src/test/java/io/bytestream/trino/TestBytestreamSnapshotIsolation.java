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

import io.bytestream.trino.error.BytestreamErrorCode;
import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.RecordTableWriter;
import io.trino.sql.query.QueryAssertions;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.record;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_MISSING_DATA_FILE;
import static java.lang.String.join;
import static java.util.Collections.nCopies;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queries running while a writer commits each read exactly one Delta snapshot, and a snapshot whose files are
 * vacuumed fails with {@link BytestreamErrorCode#BYTESTREAM_MISSING_DATA_FILE} rather than answering from what is left.
 */
final class TestBytestreamSnapshotIsolation
{
    private static final List<String> NODES = List.of("0000000000000001", "0000000000000002", "0000000000000003", "0000000000000004");
    private static final int COMMITS = 40;
    // on a loaded machine the writer stops early rather than run the test long
    private static final long MAX_WRITE_MILLIS = 25_000;
    private static final int QUERY_THREADS = 3;
    // enough references to the table in one query that a commit between resolving them is likely
    private static final int UNION_BRANCHES = 8;
    private static final String AGGREGATE = "SELECT count(*) AS c, sum(length(name)) AS s, count(DISTINCT \"$version\") AS r, max(\"$version\") AS m FROM iso.growing";

    @Test
    void testEveryQueryReadsOneSnapshotWhileAWriterCommits()
            throws Exception
    {
        Path root = Files.createTempDirectory("bytestream-isolation");
        RecordTableWriter writer = RecordTableWriter.openLocal(root.resolve("iso/growing"));
        Map<Long, Answer> answers = new ConcurrentHashMap<>();
        TableState state = new TableState();
        state.append(writer, NODES.getFirst(), 1);
        answers.put(writer.latestVersion(), state.answer());
        AtomicLong committed = new AtomicLong(writer.latestVersion());
        AtomicBoolean writing = new AtomicBoolean(true);

        ExecutorService executor = Executors.newFixedThreadPool(QUERY_THREADS + 1);
        try (DistributedQueryRunner queryRunner = BytestreamQueryRunner.builder(root).setWorkerCount(1).build()) {
            Future<Integer> writes = executor.submit(() -> {
                try {
                    long stopAt = System.currentTimeMillis() + MAX_WRITE_MILLIS;
                    int commits = 0;
                    for (long commit = 2; commits < COMMITS && System.currentTimeMillis() < stopAt; commit++) {
                        long before = writer.latestVersion();
                        if (commit % 6 == 0) {
                            state.removeNode(writer, NODES.get((int) (commit / 6) % NODES.size()));
                        }
                        else {
                            state.append(writer, NODES.get((int) commit % NODES.size()), commit);
                        }
                        if (commit % 10 == 0) {
                            writer.checkpoint();
                        }
                        long version = writer.latestVersion();
                        if (version != before) {
                            answers.put(version, state.answer());
                            committed.set(version);
                            commits++;
                        }
                    }
                    return commits;
                }
                finally {
                    writing.set(false);
                }
            });

            List<Future<List<Observation>>> readers = new ArrayList<>();
            for (int thread = 0; thread < QUERY_THREADS; thread++) {
                int first = thread;
                readers.add(executor.submit(() -> {
                    List<Observation> observations = new ArrayList<>();
                    for (int query = first; writing.get(); query++) {
                        observations.add(runQuery(queryRunner, query, committed));
                    }
                    return observations;
                }));
            }

            int commits = writes.get(60, SECONDS);
            List<Observation> observations = new ArrayList<>();
            for (Future<List<Observation>> reader : readers) {
                observations.addAll(reader.get(60, SECONDS));
            }

            Map<String, Integer> byKind = new HashMap<>();
            Set<Long> versionsSeen = new TreeSet<>();
            for (Observation observation : observations) {
                byKind.merge(observation.kind(), 1, Integer::sum);
                long version = observation.verify(answers);
                if (!observation.kind().equals("time travel")) {
                    versionsSeen.add(version);
                }
            }
            System.out.println("Snapshot isolation: %s commits, %s queries %s, %s distinct latest snapshots seen".formatted(commits, observations.size(), byKind, versionsSeen.size()));
            // the queries overlapped the commits: they saw more than one snapshot
            assertThat(commits).isGreaterThanOrEqualTo(3);
            assertThat(versionsSeen).hasSizeGreaterThan(1);
            assertThat(observations).hasSizeGreaterThanOrEqualTo(QUERY_THREADS);
        }
        finally {
            executor.shutdownNow();
            deleteRecursively(root, ALLOW_INSECURE);
        }
    }

    @Test
    void testTransactionReadsTheSnapshotItFirstResolved()
            throws Exception
    {
        Path root = Files.createTempDirectory("bytestream-transaction");
        RecordTableWriter writer = RecordTableWriter.openLocal(root.resolve("iso/pinned"));
        writer.append(List.of(record(NODE_A, 1, ArrowStreams.entries(1, 3, 81))));
        String count = "SELECT count(*) FROM iso.pinned";
        try (DistributedQueryRunner queryRunner = BytestreamQueryRunner.builder(root).setWorkerCount(1).build();
                Connection connection = DriverManager.getConnection("jdbc:trino://%s/pond/iso".formatted(queryRunner.getCoordinator().getAddress()), "test", null);
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            assertThat(scalar(statement, count)).isEqualTo(3);
            long version = writer.append(List.of(record(NODE_B, 1, ArrowStreams.entries(1, 2, 82))));
            // the commit is not seen by the transaction, not even by a query that reads the table twice
            assertThat(scalar(statement, count)).isEqualTo(3);
            assertThat(scalar(statement, "SELECT (%s) + (SELECT count(*) FROM iso.pinned WHERE \"$node_id\" = '%s')".formatted(count, NODE_B))).isEqualTo(3);
            // unless asked for by version
            assertThat(scalar(statement, count + " FOR VERSION AS OF " + version)).isEqualTo(5);
            connection.commit();

            assertThat(scalar(statement, count)).isEqualTo(5);
            assertThat(scalar(statement, count + " FOR VERSION AS OF " + (version - 1))).isEqualTo(3);
        }
        finally {
            deleteRecursively(root, ALLOW_INSECURE);
        }
    }

    private static long scalar(Statement statement, String query)
            throws SQLException
    {
        try (ResultSet result = statement.executeQuery(query)) {
            assertThat(result.next()).isTrue();
            long value = result.getLong(1);
            assertThat(result.next()).isFalse();
            return value;
        }
    }

    @Test
    void testVacuumedSnapshotFailsNamingTheMissingFile()
            throws Exception
    {
        Path root = Files.createTempDirectory("bytestream-vacuum");
        Path table = root.resolve("vac/pinned");
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        writer.append(List.of(record(NODE_A, 1, ArrowStreams.entries(1, 3, 61)), record(NODE_B, 1, ArrowStreams.entries(2, 2, 62))));
        long beforeRemoval = writer.latestVersion();
        writer.removeNode(NODE_B);
        try (QueryAssertions assertions = new QueryAssertions(BytestreamQueryRunner.builder(root).setWorkerCount(1).build())) {
            assertThat(assertions.query("SELECT count(*) FROM vac.pinned FOR VERSION AS OF " + beforeRemoval)).matches("VALUES BIGINT '7'");

            // VACUUM: the files the latest snapshot no longer lists are deleted
            List<Path> removed = TestingPond.dataFiles(table, NODE_B);
            assertThat(removed).hasSize(1);
            Files.delete(removed.getFirst());

            String message = "Table vac.pinned: data file file:///.*/node_id=%s/%s named by the Delta log does not exist".formatted(NODE_B, removed.getFirst().getFileName());
            // counted from the record statistics in the log without opening a file, as Trino's Delta Lake connector counts
            assertThat(assertions.query("SELECT count(*) FROM vac.pinned FOR VERSION AS OF " + beforeRemoval)).matches("VALUES BIGINT '7'");
            for (String query : List.of(
                    "SELECT count(*) FROM vac.pinned FOR VERSION AS OF %s WHERE \"$version\" > 0",
                    "SELECT name FROM vac.pinned FOR VERSION AS OF %s",
                    "SELECT max(name) FROM vac.pinned FOR VERSION AS OF %s WHERE \"$node_id\" = '%s'")) {
                assertThat(assertions.query(query.formatted(beforeRemoval, NODE_B)))
                        .failure()
                        .hasErrorCode(BYTESTREAM_MISSING_DATA_FILE)
                        .hasMessageMatching(message);
            }
            // what the old snapshot shares with the latest is still there
            assertThat(assertions.query("SELECT count(*) FROM vac.pinned FOR VERSION AS OF %s WHERE \"$node_id\" = '%s'".formatted(beforeRemoval, NODE_A))).matches("VALUES BIGINT '3'");
            assertThat(assertions.query("SELECT count(*) FROM vac.pinned")).matches("VALUES BIGINT '3'");
        }
        finally {
            deleteRecursively(root, ALLOW_INSECURE);
        }
    }

    /**
     * A query streams its result while every partition is removed and vacuumed: data files it has not opened yet are gone,
     * so it fails; it never ends as if the rows it could not read did not exist.
     */
    @Test
    void testFilesVacuumedWhileAQueryStreamsFailTheQuery()
            throws Exception
    {
        int nodes = 64;
        int rowsPerRecord = 8_000;
        Path root = Files.createTempDirectory("bytestream-vacuum-scan");
        Path table = root.resolve("vac/scan");
        List<String> nodeIds = IntStream.range(0, nodes).mapToObj("%016x"::formatted).toList();
        RecordTableWriter.openLocal(table).append(nodeIds.stream().map(node -> record(node, 1, ArrowStreams.entries(1, rowsPerRecord, Long.parseLong(node, 16)))).toList());
        // small buffers, a single node: the worker stops reading splits until the client has taken the rows before them
        DistributedQueryRunner queryRunner = BytestreamQueryRunner.builder(root)
                .setWorkerCount(0)
                .addExtraProperty("sink.max-buffer-size", "64kB")
                .addExtraProperty("task.max-drivers-per-task", "1")
                .build();
        try (queryRunner;
                Connection connection = DriverManager.getConnection("jdbc:trino://%s/pond/vac".formatted(queryRunner.getCoordinator().getAddress()), "test", null);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT name, \"$node_id\" FROM scan")) {
            assertThat(result.next()).isTrue();
            long read = 1;
            // as VACUUM would once the files are no longer in the latest snapshot; the running query still plans to read them
            nodeIds.forEach(node -> TestingPond.dataFiles(table, node).forEach(TestingPond::delete));
            Optional<SQLException> failure = Optional.empty();
            try {
                while (result.next()) {
                    read++;
                }
            }
            catch (SQLException e) {
                failure = Optional.of(e);
            }
            System.out.println("Vacuum during a streaming query: %s of %s rows read before the failure %s".formatted(read, nodes * rowsPerRecord, failure.map(SQLException::getMessage).orElse("(none)")));
            assertThat(failure).as("the query read %s of %s rows and ended without error", read, nodes * rowsPerRecord).isPresent();
            assertThat(failure.get().getErrorCode()).isEqualTo(BYTESTREAM_MISSING_DATA_FILE.toErrorCode().getCode());
            assertThat(failure.get().getMessage()).matches("(?s)Query failed \\(#.*\\): Table vac.scan: data file file:///.*/node_id=\\p{XDigit}{16}/.*\\.parquet named by the Delta log does not exist");
            assertThat(read).isLessThan((long) nodes * rowsPerRecord);
        }
        finally {
            deleteRecursively(root, ALLOW_INSECURE);
        }
    }

    private static Observation runQuery(DistributedQueryRunner queryRunner, int query, AtomicLong committed)
    {
        long lowest = committed.get();
        return switch (query % 5) {
            case 0 -> new Observation("aggregate", lowest, rows(queryRunner.execute(AGGREGATE)), committed.get() + 1);
            case 1 -> new Observation("union", lowest, rows(queryRunner.execute(join(" UNION ALL ", nCopies(UNION_BRANCHES, AGGREGATE)))), committed.get() + 1);
            case 2 -> {
                // both sides of the join read the table: each inner row of the snapshot matches itself once
                MaterializedResult result = queryRunner.execute("SELECT count(*), count(*), count(DISTINCT a.\"$version\"), max(b.\"$version\") " +
                        "FROM iso.growing a JOIN iso.growing b ON a.\"$version\" = b.\"$version\" AND a.name = b.name");
                yield new Observation("join", lowest, rows(result), committed.get() + 1, true);
            }
            case 3 -> new Observation("count", lowest, rows(queryRunner.execute("SELECT count(*) FROM iso.growing")), committed.get() + 1);
            default -> {
                long version = ThreadLocalRandom.current().nextLong(1, lowest + 1);
                MaterializedResult result = queryRunner.execute(AGGREGATE.replace("iso.growing", "iso.growing FOR VERSION AS OF " + version));
                yield new Observation("time travel", version, rows(result), version);
            }
        };
    }

    private static List<List<Object>> rows(MaterializedResult result)
    {
        return result.getMaterializedRows().stream().map(MaterializedRow::getFields).toList();
    }

    /**
     * What a query returned, and the table versions it may have read: from the latest one committed before it
     * started to the one committing when it ended.
     */
    private record Observation(String kind, long lowestVersion, List<List<Object>> rows, long highestVersion, boolean join)
    {
        Observation(String kind, long lowestVersion, List<List<Object>> rows, long highestVersion)
        {
            this(kind, lowestVersion, rows, highestVersion, false);
        }

        /** The one version whose answer every row of the result is; fails when there is none. */
        long verify(Map<Long, Answer> answers)
        {
            assertThat(rows).as("%s query result", kind).isNotEmpty();
            assertThat(Set.copyOf(rows)).as("%s query: every read of the table in one query sees the same snapshot", kind).hasSize(1);
            List<Object> row = rows.getFirst();
            List<Long> matching = answers.entrySet().stream()
                    .filter(entry -> entry.getKey() >= lowestVersion && entry.getKey() <= highestVersion)
                    .filter(entry -> entry.getValue().matches(row, join))
                    .map(Map.Entry::getKey)
                    .sorted()
                    .toList();
            assertThat(matching)
                    .as("%s query returned %s: the answer at some version from %s to %s (answers there: %s)", kind, row, lowestVersion, highestVersion,
                            answers.entrySet().stream().filter(entry -> entry.getKey() >= lowestVersion && entry.getKey() <= highestVersion).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                    .isNotEmpty();
            return matching.getFirst();
        }
    }

    /** The expected answers of the queries at one table version. */
    private record Answer(long rows, long nameLength, long records, long maxRecordVersion)
    {
        boolean matches(List<Object> row, boolean join)
        {
            // sum() and max() of no rows are NULL
            Long max = rows == 0 ? null : maxRecordVersion;
            if (join) {
                return row.equals(Arrays.asList(rows, rows, records, max));
            }
            if (row.size() == 1) {
                return row.getFirst().equals(rows);
            }
            return row.equals(Arrays.asList(rows, rows == 0 ? null : nameLength, records, max));
        }
    }

    /** The active records of the table as the writer committed them: per node, record version to its inner rows. */
    private static final class TableState
    {
        private final Map<String, Map<Long, Answer>> nodes = new HashMap<>();

        void append(RecordTableWriter writer, String node, long recordVersion)
        {
            int batches = (int) (recordVersion % 3);
            int rowsPerBatch = (int) (recordVersion % 7) + 1;
            writer.append(List.of(record(node, recordVersion, ArrowStreams.entries(batches, rowsPerBatch, recordVersion))));
            long rows = (long) batches * rowsPerBatch;
            long nameLength = IntStream.range(0, (int) rows).mapToLong(row -> ArrowStreams.entryName(recordVersion, row).length()).sum();
            nodes.computeIfAbsent(node, _ -> new HashMap<>()).put(recordVersion, new Answer(rows, nameLength, 1, recordVersion));
        }

        void removeNode(RecordTableWriter writer, String node)
        {
            writer.removeNode(node);
            nodes.remove(node);
        }

        Answer answer()
        {
            List<Map.Entry<Long, Answer>> records = nodes.values().stream().flatMap(node -> node.entrySet().stream()).toList();
            // a record without inner rows (no batch) has no row to count its $version in
            return new Answer(
                    records.stream().mapToLong(entry -> entry.getValue().rows()).sum(),
                    records.stream().mapToLong(entry -> entry.getValue().nameLength()).sum(),
                    records.stream().filter(entry -> entry.getValue().rows() > 0).count(),
                    records.stream().filter(entry -> entry.getValue().rows() > 0).mapToLong(Map.Entry::getKey).max().orElse(0));
        }
    }
}
