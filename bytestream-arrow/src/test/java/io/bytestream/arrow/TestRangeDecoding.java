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
import io.bytestream.arrow.message.IpcMessage;
import io.bytestream.arrow.message.IpcMessageReader;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.compression.CompressionUtil.CodecType;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Decoding a stream read by range ({@link IpcStreamDecoder#batches(StreamBytes)}) gives what decoding it in memory
 * gives, for any subset of its columns, and reads only the buffers of the requested columns.
 */
class TestRangeDecoding
{
    private static final Path ARROW_TESTING = Path.of("../testing/arrow-testing");
    private static final int ROWS = 20_000;

    @Test
    void testIntegrationCorpusColumnSubsets()
            throws IOException
    {
        List<Path> streams = files("integration", path -> path.getFileName().toString().endsWith(".stream"));
        assertThat(streams).hasSizeGreaterThanOrEqualTo(90);
        int compared = 0;
        for (Path file : streams) {
            compared += forColumnSubsets(file, TestRangeDecoding::assertSameBothWays);
        }
        assertThat(compared).isGreaterThan(500);
    }

    @Test
    void testFuzzerFoundStreams()
            throws IOException
    {
        List<Path> files = files("fuzz", path -> !path.getFileName().toString().endsWith(".md"));
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            forColumnSubsets(file, TestRangeDecoding::assertSafeByRange);
        }
    }

    @Test
    void testCompressedStreams()
    {
        for (CodecType codec : List.of(CodecType.LZ4_FRAME, CodecType.ZSTD)) {
            Slice stream = TestCompressedStreams.recompress(TestIpcStreamDecoderHardening.richStream(), codec);
            List<IpcColumn> columns = IpcSchemaReader.readColumns(stream);
            for (List<IpcColumn> subset : subsets(columns)) {
                assertSameBothWays(stream, subset, codec.toString());
            }
        }
    }

    @Test
    void testReadsOnlyRequestedBuffers()
    {
        Slice stream = TestingArrowStreams.write(List.of(bigint("a"), bigint("b"), bigint("c")), List.of(batch(3, 0, ROWS), batch(3, 1, ROWS)));
        List<IpcColumn> columns = IpcSchemaReader.readColumns(stream);

        RecordingStreamBytes outer = new RecordingStreamBytes(stream);
        assertThat(Decoded.decodeByRange(outer, List.of(columns.get(2), columns.get(0)))).isEqualTo(Decoded.decode(stream, List.of(columns.get(2), columns.get(0))));
        assertThat(outer.readsAny(buffersOf(stream, 1))).isFalse();
        assertThat(outer.bytesRead()).isLessThan(stream.length() * 7L / 10);

        RecordingStreamBytes middle = new RecordingStreamBytes(stream);
        assertThat(Decoded.decodeByRange(middle, List.of(columns.get(1)))).isEqualTo(Decoded.decode(stream, List.of(columns.get(1))));
        assertThat(middle.readsAny(buffersOf(stream, 0))).isFalse();
        assertThat(middle.readsAny(buffersOf(stream, 2))).isFalse();
        assertThat(middle.bytesRead()).isLessThan(stream.length() * 4L / 10);
    }

    @Test
    void testReadsOnlyRequestedCompressedBuffers()
    {
        for (CodecType codec : List.of(CodecType.LZ4_FRAME, CodecType.ZSTD)) {
            Slice stream = TestCompressedStreams.recompress(
                    TestingArrowStreams.write(List.of(bigint("a"), bigint("b"), bigint("c")), List.of(batch(3, 0, 2_000), batch(3, 1, 2_000))), codec);
            List<IpcColumn> columns = IpcSchemaReader.readColumns(stream);
            RecordingStreamBytes middle = new RecordingStreamBytes(stream);
            assertThat(Decoded.decodeByRange(middle, List.of(columns.get(1)))).isEqualTo(Decoded.decode(stream, List.of(columns.get(1))));
            assertThat(middle.readsAny(buffersOf(stream, 0))).as(codec.toString()).isFalse();
            assertThat(middle.readsAny(buffersOf(stream, 2))).as(codec.toString()).isFalse();
        }
    }

    @Test
    void testDictionaryReadOnlyWhenRequested()
    {
        List<String> colors = IntStream.range(0, ROWS).mapToObj(i -> "color number " + i).toList();
        TestingArrowStreams.StringDictionary dictionary = new TestingArrowStreams.StringDictionary(
                colors, List.of(1), new DictionaryEncoding(3, false, new ArrowType.Int(32, true)));
        List<List<List<?>>> batches = List.of(List.of(
                IntStream.range(0, ROWS).mapToObj(i -> (long) i).toList(),
                IntStream.range(0, ROWS).mapToObj(i -> colors.get((i * 7) % ROWS)).toList()));
        Slice stream = TestingArrowStreams.write(new Schema(List.of(bigint("n"), Field.nullable("color", ArrowType.Utf8.INSTANCE))), batches, dictionary);
        List<IpcColumn> columns = IpcSchemaReader.readColumns(stream);

        RecordingStreamBytes numbers = new RecordingStreamBytes(stream);
        assertThat(Decoded.decodeByRange(numbers, List.of(columns.get(0)))).isEqualTo(Decoded.decode(stream, List.of(columns.get(0))));
        assertThat(numbers.readsAny(dictionaryBody(stream))).isFalse();

        RecordingStreamBytes both = new RecordingStreamBytes(stream);
        assertThat(Decoded.decodeByRange(both, columns)).isEqualTo(Decoded.decode(stream, columns));
        assertThat(both.readsAny(dictionaryBody(stream))).isTrue();
    }

    private interface SubsetCheck
    {
        void check(Slice stream, List<IpcColumn> columns, String description);
    }

    /** Runs the check on subsets of the columns of the stream in {@code file}; returns how many, 0 for a stream without a readable schema. */
    private static int forColumnSubsets(Path file, SubsetCheck check)
            throws IOException
    {
        Slice stream = Slices.wrappedBuffer(Files.readAllBytes(file));
        List<IpcColumn> columns;
        try {
            columns = IpcSchemaReader.readColumns(stream);
        }
        catch (IpcFormatException _) {
            return 0;
        }
        List<List<IpcColumn>> subsets = subsets(columns);
        for (List<IpcColumn> subset : subsets) {
            check.check(stream, subset, file.toString());
        }
        return subsets.size();
    }

    /** Every column alone, all of them, every other one, and none. */
    private static List<List<IpcColumn>> subsets(List<IpcColumn> columns)
    {
        List<List<IpcColumn>> subsets = new ArrayList<>();
        subsets.add(columns);
        subsets.add(List.of());
        subsets.add(IntStream.range(0, columns.size()).filter(i -> i % 2 == 1).mapToObj(columns::get).toList());
        subsets.add(columns.reversed());
        if (columns.size() > 1) {
            columns.forEach(column -> subsets.add(List.of(column)));
        }
        return subsets;
    }

    private static void assertSameBothWays(Slice stream, List<IpcColumn> columns, String description)
    {
        Decoded expected;
        try {
            expected = Decoded.decode(stream, columns);
        }
        catch (IpcFormatException e) {
            RecordingStreamBytes bytes = new RecordingStreamBytes(stream);
            try {
                Decoded.decodeByRange(bytes, columns);
                fail("%s, columns %s: decoded by range, refused in memory: %s".formatted(description, columns, e.getMessage()));
            }
            catch (IpcFormatException rangeError) {
                assertThat(rangeError).as("%s, columns %s", description, columns).hasMessage(e.getMessage()).hasSameClassAs(e);
            }
            return;
        }
        RecordingStreamBytes bytes = new RecordingStreamBytes(stream);
        assertThat(Decoded.decodeByRange(bytes, columns)).as("%s, columns %s", description, columns).isEqualTo(expected);
    }

    private static void assertSafeByRange(Slice stream, List<IpcColumn> columns, String description)
    {
        Decoded expected = null;
        try {
            expected = Decoded.decode(stream, columns);
        }
        catch (IpcFormatException _) {
            // a corrupt buffer of a column not requested is not read by range
        }
        try {
            Decoded decoded = Decoded.decodeByRange(new RecordingStreamBytes(stream), columns);
            if (expected != null) {
                assertThat(decoded).as(description).isEqualTo(expected);
            }
        }
        catch (IpcFormatException _) {
            assertThat(expected).as("%s: refused by range, decoded in memory", description).isNull();
        }
        catch (RuntimeException | Error e) {
            fail("decode by range, " + description, e);
        }
    }

    private static Field bigint(String name)
    {
        return Field.nullable(name, new ArrowType.Int(64, true));
    }

    private static List<List<?>> batch(int columns, int seed, int rows)
    {
        List<List<?>> batch = new ArrayList<>();
        for (int column = 0; column < columns; column++) {
            long base = (column + 1) * 1_000_000_000L + seed;
            batch.add(IntStream.range(0, rows).mapToObj(row -> base + row * 31L).toList());
        }
        return batch;
    }

    /** The byte ranges of the stream where the buffers of top-level field {@code field} (flat, two buffers each) lie. */
    private static List<long[]> buffersOf(Slice stream, int field)
    {
        List<long[]> ranges = new ArrayList<>();
        IpcMessageReader messages = new IpcMessageReader(stream);
        Buffer buffer = new Buffer();
        for (IpcMessage message = messages.next(); message != null; message = messages.next()) {
            if (message.headerType() == MessageHeader.RecordBatch) {
                RecordBatch header = (RecordBatch) message.message().header(new RecordBatch());
                for (int index = 2 * field; index < 2 * field + 2; index++) {
                    header.buffers(buffer, index);
                    if (buffer.length() > 0) {
                        ranges.add(new long[] {message.bodyOffset() + buffer.offset(), message.bodyOffset() + buffer.offset() + buffer.length()});
                    }
                }
            }
        }
        assertThat(ranges).isNotEmpty();
        return ranges;
    }

    private static List<long[]> dictionaryBody(Slice stream)
    {
        List<long[]> ranges = new ArrayList<>();
        IpcMessageReader messages = new IpcMessageReader(stream);
        for (IpcMessage message = messages.next(); message != null; message = messages.next()) {
            if (message.headerType() == MessageHeader.DictionaryBatch) {
                ranges.add(new long[] {message.bodyOffset(), message.bodyOffset() + message.bodyLength()});
            }
        }
        assertThat(ranges).isNotEmpty();
        return ranges;
    }

    private static List<Path> files(String folder, Predicate<Path> filter)
            throws IOException
    {
        try (Stream<Path> walk = Files.walk(ARROW_TESTING.resolve(folder))) {
            return walk.filter(Files::isRegularFile).filter(filter).sorted().toList();
        }
    }

    /** A stream in memory that records which ranges were read, and refuses reads outside it. */
    static final class RecordingStreamBytes
            implements StreamBytes
    {
        private final Slice stream;
        private final List<long[]> reads = new ArrayList<>();

        RecordingStreamBytes(Slice stream)
        {
            this.stream = stream;
        }

        @Override
        public long length()
        {
            return stream.length();
        }

        @Override
        public Slice read(long offset, int length)
        {
            assertThat(offset).isBetween(0L, (long) stream.length());
            assertThat(length).isBetween(0, stream.length() - (int) offset);
            reads.add(new long[] {offset, offset + length});
            // a private copy, so that no reader can see bytes it did not read
            return Slices.wrappedBuffer(stream.getBytes((int) offset, length));
        }

        long bytesRead()
        {
            return reads.stream().mapToLong(read -> read[1] - read[0]).sum();
        }

        boolean readsAny(List<long[]> ranges)
        {
            return reads.stream().anyMatch(read -> ranges.stream().anyMatch(range -> read[0] < range[1] && range[0] < read[1]));
        }
    }
}
