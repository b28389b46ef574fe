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

package io.bytestream.benchmarks;

import io.airlift.slice.Slice;
import io.bytestream.arrow.DecodedBatch;
import io.bytestream.arrow.IpcSchemaReader;
import io.bytestream.arrow.IpcStreamDecoder;
import io.trino.spi.block.Block;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How fast one core turns Arrow IPC bytes into Trino blocks, beside a plain copy of the same bytes and
 * Arrow Java loading them. One operation reads the whole {@link IpcCorpus} (256,000 rows of eight mixed
 * columns); {@link #main} converts operations per second into GB/s of IPC bytes and prints the ratios.
 * <ul>
 * <li>{@code decoder}: {@link IpcStreamDecoder#decode} of all columns; every block is touched (position
 * count and one null check) so that nothing lazy escapes the measurement</li>
 * <li>{@code memcpy}: {@link System#arraycopy} of every record into one reused buffer</li>
 * <li>{@code copyToNewArray}: every record copied into a new array, as the decoder allocates its blocks</li>
 * <li>{@code arrowJava}: Arrow Java's {@link ArrowStreamReader} loading every batch into a {@link VectorSchemaRoot}</li>
 * <li>{@code countRows}: {@link IpcStreamDecoder#countRows}, which reads the batch headers only</li>
 * </ul>
 */
@State(Scope.Thread)
@Threads(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
public class BenchmarkIpcDecoder
{
    @Param({"1000", "64000"})
    public int rowsPerRecord;

    private List<byte[]> records;
    private List<Slice> slices;
    private IpcStreamDecoder decoder;
    private byte[] copyTarget;
    private BufferAllocator allocator;

    @Setup
    public void setup()
    {
        IpcCorpus corpus = IpcCorpus.create(rowsPerRecord);
        records = corpus.records();
        slices = corpus.slices();
        decoder = new IpcStreamDecoder(IpcSchemaReader.readColumns(slices.getFirst()));
        copyTarget = new byte[corpus.largestRecord()];
        allocator = new RootAllocator();
    }

    @TearDown
    public void tearDown()
    {
        allocator.close();
    }

    @Benchmark
    public void decoder(Blackhole blackhole)
    {
        for (Slice record : slices) {
            decoder.decode(record, batch -> touch(batch, blackhole));
        }
    }

    @Benchmark
    public void memcpy(Blackhole blackhole)
    {
        for (byte[] record : records) {
            System.arraycopy(record, 0, copyTarget, 0, record.length);
            blackhole.consume(copyTarget);
        }
    }

    @Benchmark
    public void copyToNewArray(Blackhole blackhole)
    {
        for (byte[] record : records) {
            blackhole.consume(Arrays.copyOf(record, record.length));
        }
    }

    @Benchmark
    public void arrowJava(Blackhole blackhole)
    {
        for (byte[] record : records) {
            try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(record), allocator)) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                while (reader.loadNextBatch()) {
                    blackhole.consume(root.getRowCount());
                    for (FieldVector vector : root.getFieldVectors()) {
                        blackhole.consume(vector.getValueCount());
                        blackhole.consume(vector.isNull(0));
                    }
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Benchmark
    public long countRows()
    {
        long rows = 0;
        for (Slice record : slices) {
            rows += IpcStreamDecoder.countRows(record);
        }
        return rows;
    }

    private static void touch(DecodedBatch batch, Blackhole blackhole)
    {
        for (Block block : batch.blocks()) {
            blackhole.consume(block.getPositionCount());
            blackhole.consume(block.isNull(0));
        }
    }

    /**
     * Runs the benchmark and prints GB/s of IPC bytes per benchmark and record size, and the ratios.
     * System properties {@code forks}, {@code warmups}, {@code iterations} and {@code seconds} (per
     * measurement iteration) override the annotations; {@code jmh.include} narrows to one method.
     */
    public static void main(String[] args)
            throws Exception
    {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(BenchmarkIpcDecoder.class.getName() + "." + System.getProperty("jmh.include", ""))
                .shouldFailOnError(true);
        if (System.getProperty("forks") != null) {
            options.forks(Integer.getInteger("forks"));
        }
        if (System.getProperty("warmups") != null) {
            options.warmupIterations(Integer.getInteger("warmups"));
        }
        if (System.getProperty("iterations") != null) {
            options.measurementIterations(Integer.getInteger("iterations"));
        }
        if (System.getProperty("seconds") != null) {
            options.measurementTime(TimeValue.seconds(Integer.getInteger("seconds")));
        }
        if (System.getProperty("rowsPerRecord") != null) {
            options.param("rowsPerRecord", System.getProperty("rowsPerRecord").split(","));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        String summary = DecoderThroughputSummary.format(results);
        System.out.println(summary);
        BenchmarkResults.write(Path.of(System.getProperty("results", "target/benchmark-ipc-decoder.txt")), summary);
    }
}
