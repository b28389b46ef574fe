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
import io.bytestream.arrow.TestRangeDecoding.RecordingStreamBytes;
import io.bytestream.arrow.message.IpcMessage;
import io.bytestream.arrow.message.IpcMessageReader;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.compression.CompressionUtil.CodecType;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A stream's summary comes from its message headers alone, agrees with decoding it, and every malformed header is an
 * {@link IpcFormatException}.
 */
class TestIpcStreamSummary
{
    private static final Path COMPRESSION = Path.of("../testing/arrow-testing/integration/2.0.0-compression");

    @Test
    void testSummaryOfPlainStream()
    {
        Slice stream = TestingArrowStreams.write(
                new Schema(List.of(Field.nullable("Name", ArrowType.Utf8.INSTANCE), Field.nullable("n", new ArrowType.Int(64, true)))),
                List.of(List.of(List.of("a", "b"), List.of(1L, 2L)), List.of(List.of(), List.of()), List.of(List.of("c", "d", "e"), List.of(3L, 4L, 5L))));
        IpcStreamSummary summary = IpcStreamSummary.read(stream);
        assertThat(summary).isEqualTo(new IpcStreamSummary("Name: utf8, n: int64", 3, 5, "none"));
        assertThat(summary.rows()).isEqualTo(IpcStreamDecoder.countRows(stream)).isEqualTo(Decoded.decode(stream, IpcSchemaReader.readColumns(stream)).rowCount());
    }

    @Test
    void testStreamWithoutBatches()
    {
        Slice stream = TestingArrowStreams.write(new Schema(List.of(Field.nullable("x", new ArrowType.Int(32, true)))), List.of());
        assertThat(IpcStreamSummary.read(stream)).isEqualTo(new IpcStreamSummary("x: int32", 0, 0, "none"));
    }

    @Test
    void testDictionaryBatchesAreNotCountedAndNestedTypesAreWrittenOut()
    {
        Slice stream = TestIpcStreamDecoderHardening.richStream();
        IpcStreamSummary summary = IpcStreamSummary.read(stream);
        assertThat(summary.recordBatches()).isEqualTo(3);
        assertThat(summary.rows()).isEqualTo(9);
        assertThat(summary.compression()).isEqualTo("none");
        assertThat(summary.schema())
                .startsWith("b: bool, i: int16, u: uint64, ")
                .contains("color: dictionary<values=utf8, indices=uint16>")
                .contains("items: list<struct<x: int32, y: utf8>>");
    }

    @Test
    void testCompressedStreams()
            throws IOException
    {
        for (String name : List.of("lz4", "uncompressible_lz4", "zstd", "uncompressible_zstd")) {
            Slice stream = Slices.wrappedBuffer(Files.readAllBytes(COMPRESSION.resolve("generated_%s.stream".formatted(name))));
            IpcStreamSummary summary = IpcStreamSummary.read(stream);
            assertThat(summary.compression()).as(name).isEqualTo(name.endsWith("lz4") ? "lz4_frame" : "zstd");
            assertThat(summary.rows()).as(name).isPositive().isEqualTo(IpcStreamDecoder.countRows(stream));
            assertThat(summary.recordBatches()).as(name).isEqualTo(recordBatchMessages(stream));
        }
        // Arrow Java's codecs compress the dictionary batch too
        for (CodecType codec : List.of(CodecType.LZ4_FRAME, CodecType.ZSTD)) {
            Slice stream = TestCompressedStreams.recompress(TestIpcStreamDecoderHardening.richStream(), codec);
            assertThat(IpcStreamSummary.read(stream).compression()).isEqualTo(codec == CodecType.LZ4_FRAME ? "lz4_frame" : "zstd");
        }
    }

    @Test
    void testReadsNoBody()
    {
        for (Slice stream : List.of(TestIpcStreamDecoderHardening.richStream(), TestCompressedStreams.recompress(TestIpcStreamDecoderHardening.richStream(), CodecType.ZSTD))) {
            RecordingStreamBytes bytes = new RecordingStreamBytes(stream);
            assertThat(IpcStreamSummary.read(bytes)).isEqualTo(IpcStreamSummary.read(stream));
            List<long[]> bodies = bodies(stream);
            assertThat(bodies).isNotEmpty();
            assertThat(bytes.readsAny(bodies)).isFalse();
        }
    }

    @Test
    void testBufferOutsideItsBody()
    {
        Slice stream = TestIpcStreamDecoderHardening.richStream();
        byte[] bytes = stream.getBytes();
        IpcMessage batch = firstRecordBatch(stream);
        RecordBatch header = (RecordBatch) batch.message().header(new RecordBatch());
        Buffer buffer = header.buffers(new Buffer(), header.buffersLength() - 1);
        int at = indexOf(bytes, buffer.offset(), buffer.length(), batch.bodyOffset());
        ByteBuffer.wrap(bytes).order(LITTLE_ENDIAN).putLong(at + Long.BYTES, buffer.length() + batch.bodyLength());
        assertThatThrownBy(() -> IpcStreamSummary.read(Slices.wrappedBuffer(bytes)))
                .isInstanceOf(IpcFormatException.class)
                .hasMessageContaining("record batch 0")
                .hasMessageContaining("lies outside the body");
    }

    @Test
    void testNotAStream()
    {
        assertThatThrownBy(() -> IpcStreamSummary.read(Slices.utf8Slice("not an arrow stream at all")))
                .isInstanceOf(IpcFormatException.class);
        assertThatThrownBy(() -> IpcStreamSummary.read(Slices.EMPTY_SLICE))
                .isInstanceOf(IpcFormatException.class)
                .hasMessage("Invalid Arrow IPC stream: no schema message (empty stream)");
    }

    @Test
    void testStreamWithoutSchemaIsRefusedAsTheDecoderRefusesIt()
    {
        Slice stream = TestIpcStreamDecoderHardening.richStream();
        IpcMessage schema = new IpcMessageReader(stream).next();
        int afterSchema = schema.bodyOffset() + schema.bodyLength();
        Slice endOfStream = Slices.wrappedBuffer(ByteBuffer.allocate(8).order(LITTLE_ENDIAN).putInt(0xFFFF_FFFF).putInt(0).array());
        List<Slice> withoutSchema = List.of(Slices.EMPTY_SLICE, endOfStream, stream.slice(afterSchema, stream.length() - afterSchema));
        List<String> messages = new ArrayList<>();
        for (Slice refused : withoutSchema) {
            String decoderMessage = formatError(() -> new IpcStreamDecoder(List.of()).decode(refused, _ -> {}));
            assertThat(formatError(() -> IpcStreamSummary.read(refused))).isEqualTo(decoderMessage);
            assertThat(formatError(() -> IpcStreamDecoder.countRows(refused))).isEqualTo(decoderMessage);
            assertThat(formatError(() -> IpcStreamSummary.read(new RecordingStreamBytes(refused)))).isEqualTo(decoderMessage);
            assertThat(formatError(() -> new IpcStreamDecoder(List.of()).batches(new RecordingStreamBytes(refused)))).isEqualTo(decoderMessage);
            messages.add(decoderMessage);
        }
        assertThat(messages).containsExactly(
                "Invalid Arrow IPC stream: no schema message (empty stream)",
                "Invalid Arrow IPC stream: no schema message (empty stream)",
                "Invalid Arrow IPC stream: the first message is %s, not a schema".formatted(IpcMessage.headerName(new IpcMessageReader(withoutSchema.getLast()).next().headerType())));
    }

    /** The message of the format error reading the stream fails with. */
    static String formatError(Runnable read)
    {
        try {
            read.run();
        }
        catch (IpcFormatException e) {
            return e.getMessage();
        }
        throw new AssertionError("the stream was read");
    }

    @Test
    void testEveryTruncationAndRandomMutations()
    {
        Slice stream = TestCompressedStreams.recompress(TestIpcStreamDecoderHardening.richStream(), CodecType.LZ4_FRAME);
        IpcStreamSummary whole = IpcStreamSummary.read(stream);
        int summarized = 0;
        for (int length = 0; length < stream.length(); length++) {
            if (summarizeSafely(stream.slice(0, length))) {
                summarized++;
                // a prefix that reads is one ending at a message boundary: never more batches or rows than the whole
                IpcStreamSummary prefix = IpcStreamSummary.read(stream.slice(0, length));
                assertThat(prefix.recordBatches()).isLessThanOrEqualTo(whole.recordBatches());
                assertThat(prefix.rows()).isLessThanOrEqualTo(whole.rows());
            }
        }
        assertThat(summarized).isBetween(1, 20);

        Random random = new Random(20261129);
        for (int mutation = 0; mutation < 2_000; mutation++) {
            byte[] bytes = stream.getBytes();
            for (int change = random.nextInt(1, 4); change > 0; change--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            summarizeSafely(Slices.wrappedBuffer(bytes));
        }
    }

    /** Whether the stream could be summarized; any failure other than an {@link IpcFormatException} fails the test. */
    private static boolean summarizeSafely(Slice stream)
    {
        try {
            IpcStreamSummary.read(stream);
            return true;
        }
        catch (IpcFormatException _) {
            return false;
        }
    }

    private static long recordBatchMessages(Slice stream)
    {
        long count = 0;
        IpcMessageReader messages = new IpcMessageReader(stream);
        for (IpcMessage message = messages.next(); message != null; message = messages.next()) {
            if (message.headerType() == MessageHeader.RecordBatch) {
                count++;
            }
        }
        return count;
    }

    private static IpcMessage firstRecordBatch(Slice stream)
    {
        IpcMessageReader messages = new IpcMessageReader(stream);
        for (IpcMessage message = messages.next(); message != null; message = messages.next()) {
            if (message.headerType() == MessageHeader.RecordBatch) {
                return message;
            }
        }
        throw new AssertionError("no record batch");
    }

    private static List<long[]> bodies(Slice stream)
    {
        List<long[]> ranges = new ArrayList<>();
        IpcMessageReader messages = new IpcMessageReader(stream);
        for (IpcMessage message = messages.next(); message != null; message = messages.next()) {
            if (message.bodyLength() > 0) {
                ranges.add(new long[] {message.bodyOffset(), message.bodyOffset() + message.bodyLength()});
            }
        }
        return ranges;
    }

    /** Where the buffer's 16 bytes (offset, then length) lie in the metadata before {@code end}. */
    private static int indexOf(byte[] bytes, long offset, long length, int end)
    {
        ByteBuffer wanted = ByteBuffer.allocate(2 * Long.BYTES).order(LITTLE_ENDIAN).putLong(offset).putLong(length);
        for (int at = end - wanted.capacity(); at >= 0; at--) {
            if (ByteBuffer.wrap(bytes, at, wanted.capacity()).equals(wanted.rewind())) {
                return at;
            }
        }
        throw new AssertionError("buffer not found in the metadata");
    }
}
