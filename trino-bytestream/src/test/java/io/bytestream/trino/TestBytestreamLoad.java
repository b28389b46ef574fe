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
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedRow;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.record;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many queries, concurrent and then sequential, on a cluster of a coordinator and two workers: every answer is right,
 * and the queries leave no heap, direct memory, threads or open files behind; nor does the connector once the cluster is closed.
 */
final class TestBytestreamLoad
{
    private static final int CONCURRENT_QUERIES = 50;
    private static final int SEQUENTIAL_QUERIES = 1_000;
    private static final int LOAD_NODES = 6;
    private static final int LOAD_COMMITS = 2;
    private static final int LOAD_BATCHES = 4;
    private static final int LOAD_ROWS_PER_BATCH = 250;

    private static final long MAX_HEAP_GROWTH = 64L << 20;
    private static final long MAX_DIRECT_GROWTH = 16L << 20;
    // the metadata listing pool of each of the 3 nodes starts its fixed number of threads as tasks come, never more
    private static final int MAX_CONNECTOR_THREAD_GROWTH = 3 * new BytestreamConfig().getMetadataParallelism();
    // the engine's thread pools grow and shrink with their idle timeouts: hundreds of threads either way between two
    // measurements (-317 and +92 in two runs). A thread left behind by each query would add 1,000.
    private static final int MAX_THREAD_GROWTH = SEQUENTIAL_QUERIES / 4;
    private static final int MAX_FILE_DESCRIPTOR_GROWTH = 16;

    @Test
    void testManyQueriesAreAnsweredRightAndLeakNothing()
            throws Exception
    {
        Path root = Files.createTempDirectory("bytestream-load");
        try {
            TestingPond.writeEntries(root);
            List<QueryCase> cases = queryCases(writeLoadTable(root));
            long threadsBeforeCluster = ManagementFactory.getThreadMXBean().getThreadCount();
            DistributedQueryRunner queryRunner = BytestreamQueryRunner.builder(root)
                    .setWorkerCount(2)
                    // the query runner keeps finished queries for 5 seconds, Trino their tasks for 15 minutes: keep only the last few,
                    // so that heap growth is the connector's
                    .addExtraProperty("query.max-history", "10")
                    .addExtraProperty("task.info.max-age", "5s")
                    // 50 queries at once in one JVM on a 2-core machine can starve task status requests for a minute:
                    // what is tested is the connector's answers and leaks, not the engine's transport timeouts
                    .addExtraProperty("query.remote-task.max-error-duration", "5m")
                    .build();
            try (queryRunner) {
                runConcurrently(queryRunner, cases);

                // warm up every kind of query, so that what is measured is growth, not what the first queries set up
                for (int round = 0; round < 3; round++) {
                    cases.forEach(queryCase -> queryCase.run(queryRunner));
                }
                Resources before = Resources.measure();
                int connectorThreadsBefore = connectorThreads().size();
                long start = System.nanoTime();
                for (int query = 0; query < SEQUENTIAL_QUERIES; query++) {
                    cases.get(query % cases.size()).run(queryRunner);
                }
                long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
                Resources after = Resources.measure();
                System.out.println("Load: %s sequential queries in %s ms, 0 failures".formatted(SEQUENTIAL_QUERIES, elapsedMillis));
                System.out.println("Load: before the sequential queries: " + before);
                System.out.println("Load: after the sequential queries:  " + after);

                assertThat(after.heapBytes() - before.heapBytes()).as("heap growth").isLessThan(MAX_HEAP_GROWTH);
                assertThat(after.directBytes() - before.directBytes()).as("direct memory growth").isLessThan(MAX_DIRECT_GROWTH);
                assertThat(connectorThreads().size() - connectorThreadsBefore).as("connector thread growth").isLessThanOrEqualTo(MAX_CONNECTOR_THREAD_GROWTH);
                assertThat(after.threads() - before.threads()).as("thread growth").isLessThanOrEqualTo(MAX_THREAD_GROWTH);
                assertThat(after.fileDescriptors() - before.fileDescriptors()).as("open file descriptor growth").isLessThanOrEqualTo(MAX_FILE_DESCRIPTOR_GROWTH);
                assertThat(connectorThreads()).as("the metadata listing threads ran").isNotEmpty();
            }

            // closing the cluster stops the connector's threads
            List<Thread> left = new ArrayList<>();
            for (Thread thread : connectorThreads()) {
                thread.join(10_000);
                if (thread.isAlive()) {
                    left.add(thread);
                }
            }
            System.out.println("Load: threads before the cluster %s, after closing it %s; connector threads left: %s".formatted(threadsBeforeCluster, ManagementFactory.getThreadMXBean().getThreadCount(), left));
            assertThat(left).as("connector threads alive after the cluster closed").isEmpty();
        }
        finally {
            deleteRecursively(root, ALLOW_INSECURE);
        }
    }

    private static void runConcurrently(DistributedQueryRunner queryRunner, List<QueryCase> cases)
            throws Exception
    {
        ExecutorService executor = Executors.newFixedThreadPool(CONCURRENT_QUERIES);
        try {
            CountDownLatch ready = new CountDownLatch(CONCURRENT_QUERIES);
            CountDownLatch go = new CountDownLatch(1);
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Future<?>> queries = new ArrayList<>();
            long start = System.nanoTime();
            for (int query = 0; query < CONCURRENT_QUERIES; query++) {
                QueryCase queryCase = cases.get(query % cases.size());
                queries.add(executor.submit(() -> {
                    ready.countDown();
                    try {
                        go.await();
                        queryCase.run(queryRunner);
                    }
                    catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            ready.await();
            go.countDown();
            for (Future<?> query : queries) {
                query.get(120, SECONDS);
            }
            System.out.println("Load: %s concurrent queries from %s threads in %s ms, %s failures".formatted(CONCURRENT_QUERIES, CONCURRENT_QUERIES, (System.nanoTime() - start) / 1_000_000, failures.size()));
            assertThat(failures).isEmpty();
        }
        finally {
            executor.shutdownNow();
        }
    }

    /** {@code load.records}: {@link #LOAD_NODES} nodes, each with one record per commit; returns the total length of the names. */
    private static long writeLoadTable(Path root)
    {
        RecordTableWriter writer = RecordTableWriter.openLocal(root.resolve("load/records"));
        long nameLength = 0;
        for (int commit = 0; commit < LOAD_COMMITS; commit++) {
            List<Record> records = new ArrayList<>();
            for (int node = 0; node < LOAD_NODES; node++) {
                long seed = 100L * commit + node;
                records.add(record("%016x".formatted(node), commit + 1, ArrowStreams.entries(LOAD_BATCHES, LOAD_ROWS_PER_BATCH, seed)));
                nameLength += IntStream.range(0, LOAD_BATCHES * LOAD_ROWS_PER_BATCH).mapToLong(row -> ArrowStreams.entryName(seed, row).length()).sum();
            }
            writer.append(records);
        }
        return nameLength;
    }

    /** Scans, aggregations, {@code $node_id} filters, joins, time travel and metadata queries with their known answers. */
    private static List<QueryCase> queryCases(long loadNameLength)
    {
        long loadRows = (long) LOAD_NODES * LOAD_COMMITS * LOAD_BATCHES * LOAD_ROWS_PER_BATCH;
        return List.of(
                new QueryCase("SELECT count(*) FROM ops.entries", List.of(List.of(13L))),
                new QueryCase(
                        "SELECT \"$node_id\", \"$version\", count(*) FROM ops.entries GROUP BY 1, 2",
                        List.of(List.of(NODE_A, 1L, 6L), List.of(NODE_A, 2L, 4L), List.of(NODE_A, 3L, 1L), List.of(NODE_B, 1L, 2L))),
                new QueryCase("SELECT count(*) FROM ops.entries WHERE \"$node_id\" = '%s'".formatted(NODE_A), List.of(List.of(11L))),
                new QueryCase(
                        "SELECT name, node_id FROM ops.entries WHERE \"$node_id\" = '%s'".formatted(NODE_B),
                        List.of(List.of(ArrowStreams.entryName(21, 0), ArrowStreams.entryNodeId(21, 0)), List.of(ArrowStreams.entryName(21, 1), ArrowStreams.entryNodeId(21, 1)))),
                new QueryCase(
                        "SELECT count(*) FROM ops.entries e JOIN (SELECT DISTINCT \"$node_id\" AS node FROM ops.entries WHERE name = 'entry-12-3') b ON e.\"$node_id\" = b.node",
                        List.of(List.of(11L))),
                new QueryCase("SELECT count(*) FROM ops.entries FOR VERSION AS OF 3", List.of(List.of(15L))),
                new QueryCase(
                        "SELECT count(*), sum(length(name)), count(DISTINCT \"$path\"), count(DISTINCT \"$node_id\") FROM load.records",
                        List.of(List.of(loadRows, loadNameLength, (long) LOAD_NODES * LOAD_COMMITS, (long) LOAD_NODES))),
                new QueryCase(
                        "SELECT count(*) FROM load.records a JOIN load.records b ON a.name = b.name AND a.\"$node_id\" = b.\"$node_id\" WHERE a.\"$node_id\" = '%016x'".formatted(1),
                        List.of(List.of(loadRows / LOAD_NODES))),
                new QueryCase("SHOW TABLES FROM load", List.of(List.of("records"))),
                new QueryCase(
                        "SELECT table_schema, table_name, count(*) FROM information_schema.columns WHERE table_schema IN ('ops', 'load') GROUP BY 1, 2",
                        List.of(List.of("ops", "entries", 2L), List.of("load", "records", 2L))),
                new QueryCase("DESCRIBE load.records", List.of(List.of("name", "varchar", "", ""), List.of("node_id", "varchar", "", ""))));
    }

    private record QueryCase(String sql, List<List<Object>> expected)
    {
        void run(DistributedQueryRunner queryRunner)
        {
            List<List<Object>> actual = queryRunner.execute(sql).getMaterializedRows().stream().map(MaterializedRow::getFields).toList();
            assertThat(actual).as(sql).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static List<Thread> connectorThreads()
    {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("bytestream-"))
                .toList();
    }

    private record Resources(long heapBytes, long nonHeapBytes, long directBytes, int threads, long fileDescriptors)
    {
        static Resources measure()
        {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                    .filter(pool -> pool.getName().equals("direct"))
                    .mapToLong(BufferPoolMXBean::getMemoryUsed)
                    .sum();
            return new Resources(
                    memory.getHeapMemoryUsage().getUsed(),
                    memory.getNonHeapMemoryUsage().getUsed(),
                    direct,
                    ManagementFactory.getThreadMXBean().getThreadCount(),
                    openFileDescriptors());
        }

        private static long openFileDescriptors()
        {
            try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
                return descriptors.count();
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString()
        {
            return "heap %s MB, non-heap %s MB, direct %s kB, %s threads, %s open file descriptors".formatted(
                    heapBytes >> 20, nonHeapBytes >> 20, directBytes >> 10, threads, fileDescriptors);
        }
    }
}
