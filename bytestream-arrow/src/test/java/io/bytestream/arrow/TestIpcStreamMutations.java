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

package io.bytestream.arrow;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trino.spi.block.Block;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Bounds for malformed input: the fuzzer-found streams of arrow-testing and seeded random mutations of valid
 * streams must end in success or an {@link IpcFormatException} (never another exception, nor a block that
 * fails when read), within a time bound, allocating at most {@link #allocationBound(int)} bytes.
 * <p>
 * The mutation seed is printed; {@code -Dbytestream.mutation.seed=…} repeats a run, and
 * {@code -Dbytestream.mutation.index=…} with it repeats a single mutation.
 */
class TestIpcStreamMutations
{
    private static final Path ARROW_TESTING = Path.of("../testing/arrow-testing");

    private static final long FUZZ_TIME_BOUND_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long MUTATION_TIME_BOUND_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A stream still running after this is reported as a hang (the bounds above are checked separately). */
    private static final long HANG_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** Mutations per run, unless -Dbytestream.mutation.count=… says otherwise; capped by the time below. */
    private static final int MUTATIONS = 10_000;
    private static final long MUTATION_TIME_CAP_NANOS = TimeUnit.SECONDS.toNanos(90);

    /** Integration streams of different type families and framings that decode today, mutated below. */
    private static final List<String> BASE_STREAMS = List.of(
            "0.14.1/generated_dictionary.stream",  // legacy framing without continuation markers
            "0.14.1/generated_map.stream",
            "1.0.0-littleendian/generated_primitive_large_offsets.stream",
            "1.0.0-littleendian/generated_nested_large_offsets.stream",
            "cpp-21.0.0/generated_primitive.stream",
            "cpp-21.0.0/generated_datetime.stream",
            "cpp-21.0.0/generated_decimal.stream",
            "cpp-21.0.0/generated_nested.stream",
            "cpp-21.0.0/generated_recursive_nested.stream",
            "cpp-21.0.0/generated_nested_dictionary.stream",
            "cpp-21.0.0/generated_dictionary_unsigned.stream",
            "cpp-21.0.0/generated_map.stream");

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * At most this many bytes may be allocated to read a stream of {@code length} bytes.
     */
    static long allocationBound(int length)
    {
        return 64L * length + 16L * 1024 * 1024;
    }

    @Test
    void testFuzzerFoundStreams()
            throws Exception
    {
        List<Path> files;
        try (Stream<Path> list = Files.list(ARROW_TESTING.resolve("fuzz"))) {
            files = list.filter(Files::isRegularFile).filter(path -> !path.getFileName().toString().startsWith("README")).sorted().toList();
        }
        // the corpus as checked in: 80 files
        assertThat(files).hasSizeGreaterThanOrEqualTo(80);
        assertThat(THREADS.isThreadAllocatedMemorySupported()).isTrue();
        THREADS.setThreadAllocatedMemoryEnabled(true);

        Statistics statistics = new Statistics();
        try (Runner runner = new Runner()) {
            for (Path file : files) {
                byte[] bytes = Files.readAllBytes(file);
                String description = "fuzz/" + file.getFileName();
                Measurement measurement = runner.runBounded(bytes, null, description, FUZZ_TIME_BOUND_NANOS);
                statistics.add(measurement, bytes.length);
            }
        }
        System.out.printf("TestIpcStreamMutations.testFuzzerFoundStreams: %s files: %s%n", files.size(), statistics);
    }

    @Test
    void testRandomMutations()
            throws Exception
    {
        long seed = Long.getLong("bytestream.mutation.seed", System.nanoTime());
        Integer onlyIndex = Integer.getInteger("bytestream.mutation.index");
        int count = Integer.getInteger("bytestream.mutation.count", MUTATIONS);
        System.out.println("TestIpcStreamMutations.testRandomMutations seed: " + seed + " (repeat with -Dbytestream.mutation.seed=" + seed + ")");
        assertThat(THREADS.isThreadAllocatedMemorySupported()).isTrue();
        THREADS.setThreadAllocatedMemoryEnabled(true);

        List<IpcStreamMutator.Base> bases = new ArrayList<>();
        for (String name : BASE_STREAMS) {
            bases.add(IpcStreamMutator.Base.of(name, Files.readAllBytes(ARROW_TESTING.resolve("integration").resolve(name))));
        }
        bases.add(IpcStreamMutator.Base.of("rich stream (TestIpcStreamDecoderHardening)", TestIpcStreamDecoderHardening.richStream().getBytes()));

        Statistics statistics = new Statistics();
        try (Runner runner = new Runner()) {
            // every base is valid: it decodes whole, so its mutations test something
            for (IpcStreamMutator.Base base : bases) {
                Measurement measurement = runner.runBounded(base.bytes(), base.columns(), base.name(), MUTATION_TIME_BOUND_NANOS);
                assertThat(measurement.decoded()).as("base stream %s decodes", base.name()).isTrue();
            }

            long deadline = System.nanoTime() + MUTATION_TIME_CAP_NANOS;
            int mutations = 0;
            for (int index = onlyIndex == null ? 0 : onlyIndex; index < count && System.nanoTime() < deadline; index++) {
                Random random = new Random(seed * 0x9E3779B97F4A7C15L + index);
                IpcStreamMutator.Base base = bases.get(random.nextInt(bases.size()));
                List<String> changes = new ArrayList<>();
                byte[] mutated = IpcStreamMutator.mutate(base, random, changes);
                String description = "seed %s, mutation %s (-Dbytestream.mutation.seed=%s -Dbytestream.mutation.index=%s), base %s: %s"
                        .formatted(seed, index, seed, index, base.name(), String.join(", ", changes));
                statistics.add(runner.runBounded(mutated, base.columns(), description, MUTATION_TIME_BOUND_NANOS), mutated.length);
                mutations++;
                if (onlyIndex != null) {
                    break;
                }
            }
            System.out.printf("TestIpcStreamMutations.testRandomMutations: seed %s, %s mutations of %s base streams: %s%n", seed, mutations, bases.size(), statistics);
            if (onlyIndex == null) {
                assertThat(mutations).as("mutations run within the time cap").isGreaterThanOrEqualTo(1_000);
            }
        }
    }

    // running a stream

    /**
     * @param decoded whether every step succeeded; otherwise one ended in an IpcFormatException
     */
    private record Measurement(boolean decoded, long nanos, long allocatedBytes) {}

    private static final class Statistics
    {
        private int decoded;
        private int refused;
        private long maxNanos;
        private long maxAllocatedBytes;
        private double maxAllocationRatio;
        private double maxAllocationOfBound;

        void add(Measurement measurement, int length)
        {
            if (measurement.decoded()) {
                decoded++;
            }
            else {
                refused++;
            }
            maxNanos = Math.max(maxNanos, measurement.nanos());
            maxAllocatedBytes = Math.max(maxAllocatedBytes, measurement.allocatedBytes());
            maxAllocationRatio = Math.max(maxAllocationRatio, measurement.allocatedBytes() / (double) Math.max(1, length));
            maxAllocationOfBound = Math.max(maxAllocationOfBound, measurement.allocatedBytes() / (double) allocationBound(length));
        }

        @Override
        public String toString()
        {
            return "%s refused, %s decoded; max time %.1f ms; max allocation %s bytes; max allocation / stream length %.1f; max allocation / bound %.2f%%".formatted(
                    refused, decoded, maxNanos / 1e6, maxAllocatedBytes, maxAllocationRatio, 100 * maxAllocationOfBound);
        }
    }

    /**
     * Runs each stream on its own daemon thread, so that a hang fails the test instead of blocking it.
     */
    private static final class Runner
            implements AutoCloseable
    {
        private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mutation-decoder");
            thread.setDaemon(true);
            return thread;
        });

        /**
         * Reads the stream and checks the bounds; a stream over the time bound is run once more, and fails
         * only if it is over again (a pause of the shared machine is not the decoder's).
         */
        Measurement runBounded(byte[] bytes, List<IpcColumn> columns, String description, long timeBoundNanos)
                throws InterruptedException
        {
            Measurement measurement = run(bytes, columns, description);
            if (measurement.nanos() > timeBoundNanos) {
                Measurement again = run(bytes, columns, description);
                if (again.nanos() > timeBoundNanos) {
                    failWith(bytes, "%s: took %.1f ms and %.1f ms, bound %s ms".formatted(description, measurement.nanos() / 1e6, again.nanos() / 1e6, timeBoundNanos / 1_000_000), null);
                }
            }
            long bound = allocationBound(bytes.length);
            if (measurement.allocatedBytes() > bound) {
                failWith(bytes, "%s: allocated %s bytes for a stream of %s bytes, bound %s".formatted(description, measurement.allocatedBytes(), bytes.length, bound), null);
            }
            return measurement;
        }

        private Measurement run(byte[] bytes, List<IpcColumn> columns, String description)
                throws InterruptedException
        {
            Future<Measurement> future = executor.submit(() -> read(bytes, columns, description));
            try {
                return future.get(HANG_NANOS, TimeUnit.NANOSECONDS);
            }
            catch (TimeoutException e) {
                future.cancel(true);
                failWith(bytes, "%s: still running after %s s".formatted(description, TimeUnit.NANOSECONDS.toSeconds(HANG_NANOS)), null);
                throw new AssertionError("unreachable");
            }
            catch (ExecutionException e) {
                failWith(bytes, description, e.getCause());
                throw new AssertionError("unreachable");
            }
        }

        @Override
        public void close()
        {
            executor.shutdownNow();
        }
    }

    /**
     * Counts the rows, reads the schema, decodes with {@code columns} (the unmutated stream's, or its own when
     * null) and with its own columns if they differ, measuring time and allocation of these; then reads every
     * value of every block. Throws anything but an IpcFormatException.
     */
    private static Measurement read(byte[] bytes, List<IpcColumn> columns, String description)
    {
        Slice stream = Slices.wrappedBuffer(bytes);
        List<List<Block>> blocks = new ArrayList<>();
        List<List<IpcColumn>> blockColumns = new ArrayList<>();
        boolean decoded = true;

        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        try {
            IpcStreamDecoder.countRows(stream);
        }
        catch (IpcFormatException _) {
            decoded = false;
        }
        List<IpcColumn> ownColumns = null;
        try {
            ownColumns = IpcSchemaReader.readColumns(stream);
        }
        catch (IpcFormatException _) {
            decoded = false;
        }
        List<List<IpcColumn>> decodings = new ArrayList<>();
        if (columns != null) {
            decodings.add(columns);
        }
        if (ownColumns != null && !ownColumns.equals(columns)) {
            decodings.add(ownColumns);
        }
        for (List<IpcColumn> wanted : decodings) {
            try {
                new IpcStreamDecoder(wanted).decode(stream, batch -> {
                    if (batch.blocks().length != wanted.size()) {
                        throw new AssertionError("%s blocks for %s columns".formatted(batch.blocks().length, wanted.size()));
                    }
                    for (Block block : batch.blocks()) {
                        if (block.getPositionCount() != batch.positionCount()) {
                            throw new AssertionError("a block of %s positions in a batch of %s".formatted(block.getPositionCount(), batch.positionCount()));
                        }
                    }
                    blocks.add(List.of(batch.blocks()));
                    blockColumns.add(wanted);
                });
            }
            catch (IpcFormatException _) {
                decoded = false;
            }
        }
        long nanos = System.nanoTime() - start;
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;

        // every value of every block handed out must be readable
        for (int batch = 0; batch < blocks.size(); batch++) {
            for (int column = 0; column < blocks.get(batch).size(); column++) {
                TrinoValues.read(blockColumns.get(batch).get(column).type(), blocks.get(batch).get(column));
            }
        }
        return new Measurement(decoded, nanos, allocated);
    }

    private static void failWith(byte[] bytes, String description, Throwable cause)
    {
        Path saved = Path.of("target", "mutation-failures", "stream-%s.arrows".formatted(Integer.toHexString(Arrays.hashCode(bytes))));
        try {
            Files.createDirectories(saved.getParent());
            Files.write(saved, bytes);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fail("%s (stream saved to %s)".formatted(description, saved.toAbsolutePath()), cause);
    }
}
