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
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionUtil.CodecType;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.bytestream.arrow.IpcStreamDecoder.DEFAULT_MAX_DECODED_BODY_BYTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Streams with LZ4_FRAME and ZSTD body compression decode to the same values as uncompressed ones, and
 * compressed buffers that lie about their size are refused before the body is allocated.
 */
class TestCompressedStreams
{
    private static final Path COMPRESSION = Path.of("../testing/arrow-testing/integration/2.0.0-compression");

    /**
     * The arrow-testing files were written by Arrow C++ from the same data per pair: LZ4 and ZSTD must
     * decode alike. (Their values are compared with the JSON files by the conformance test.)
     */
    @Test
    void testArrowTestingFiles()
            throws IOException
    {
        for (String data : List.of("", "uncompressible_")) {
            Slice lz4 = read("generated_%slz4.stream".formatted(data));
            Slice zstd = read("generated_%szstd.stream".formatted(data));
            List<IpcColumn> columns = IpcSchemaReader.readColumns(lz4);
            assertThat(IpcSchemaReader.readColumns(zstd)).isEqualTo(columns);
            Decoded decoded = Decoded.decode(lz4, columns);
            assertThat(decoded.rowCount()).isPositive().isEqualTo(IpcStreamDecoder.countRows(lz4));
            assertThat(Decoded.decode(zstd, columns)).isEqualTo(decoded);
            assertThat(compressedBuffers(lz4)).isNotEmpty();
        }
        // Arrow C++ stores a buffer uncompressed (length -1) when compression does not make it smaller
        for (String name : List.of("generated_uncompressible_lz4.stream", "generated_uncompressible_zstd.stream")) {
            Slice stream = read(name);
            assertThat(compressedBuffers(stream)).as(name).anyMatch(position -> stream.getLong(position) == -1);
        }
    }

    /**
     * Arrow Java's LZ4_FRAME (commons-compress) and ZSTD (zstd-jni) codecs, over every type family, nulls,
     * nesting, a compressed dictionary batch and several batches.
     */
    @Test
    void testArrowJavaCompression()
    {
        Slice uncompressed = TestIpcStreamDecoderHardening.richStream();
        List<IpcColumn> columns = IpcSchemaReader.readColumns(uncompressed);
        Decoded expected = Decoded.decode(uncompressed, columns);
        for (CodecType codec : List.of(CodecType.LZ4_FRAME, CodecType.ZSTD)) {
            Slice compressed = recompress(uncompressed, codec);
            assertThat(hasCompressedDictionaryBatch(compressed)).as(codec.name()).isTrue();
            assertThat(Decoded.decode(compressed, columns)).as(codec.name()).isEqualTo(expected);
            // a subset of the columns: the others are skipped
            List<IpcColumn> some = List.of(columns.get(5), columns.get(1), columns.get(9));
            assertThat(Decoded.decode(compressed, some)).isEqualTo(Decoded.decode(uncompressed, some));
        }
    }

    @Test
    void testDecodedBodyLimit()
            throws IOException
    {
        Slice stream = read("generated_zstd.stream");
        List<IpcColumn> columns = IpcSchemaReader.readColumns(stream);
        Decoded expected = Decoded.decode(stream, columns);
        assertThatThrownBy(() -> new IpcStreamDecoder(columns, 100).decode(stream, _ -> {}))
                .isInstanceOf(IpcFormatException.class)
                .hasMessageMatching("Invalid Arrow IPC stream, (record|dictionary) batch .*: buffer \\d+ declares \\d+ uncompressed bytes: the decompressed body of \\d+ bytes exceeds the limit of 100 bytes");
        List<Integer> batchSizes = new ArrayList<>();
        new IpcStreamDecoder(columns, 1_000_000).decode(stream, batch -> batchSizes.add(batch.positionCount()));
        assertThat(batchSizes).isEqualTo(expected.batchSizes());

        assertThatThrownBy(() -> new IpcStreamDecoder(columns, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IpcStreamDecoder(columns, Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A buffer whose length prefix claims 2^40 bytes is refused without allocating anything of that size
     * (nor of the limit's).
     */
    @Test
    void testHugeUncompressedLength()
            throws IOException
    {
        for (String name : List.of("generated_lz4.stream", "generated_zstd.stream")) {
            Slice stream = read(name);
            List<IpcColumn> columns = IpcSchemaReader.readColumns(stream);
            Slice patched = withLong(stream, compressedBuffers(stream).getFirst(), 1L << 40);
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            assertThatThrownBy(() -> new IpcStreamDecoder(columns).decode(patched, _ -> {}))
                    .isInstanceOf(IpcFormatException.class)
                    .hasMessageContaining("declares 1099511627776 uncompressed bytes: the decompressed body of 10995116277")
                    .hasMessageEndingWith("bytes exceeds the limit of %s bytes".formatted(DEFAULT_MAX_DECODED_BODY_BYTES));
            assertThat(threads.getCurrentThreadAllocatedBytes() - allocatedBefore).isLessThan(16L << 20);

            // a negative length other than -1
            Slice negative = withLong(stream, compressedBuffers(stream).getFirst(), -2);
            assertThatThrownBy(() -> new IpcStreamDecoder(columns).decode(negative, _ -> {}))
                    .isInstanceOf(IpcFormatException.class)
                    .hasMessageMatching(".* compressed buffer \\d+: uncompressed length -2");
        }
    }

    /**
     * The length prefix must match what the codec decodes, exactly.
     */
    @Test
    void testWrongUncompressedLength()
            throws IOException
    {
        for (String codec : List.of("lz4", "zstd")) {
            Slice stream = read("generated_%s.stream".formatted(codec));
            List<IpcColumn> columns = IpcSchemaReader.readColumns(stream);
            int position = compressedBuffers(stream).stream().filter(at -> stream.getLong(at) > 0).findFirst().orElseThrow();
            long length = stream.getLong(position);
            Slice longer = withLong(stream, position, length + 1);
            assertThatThrownBy(() -> Decoded.decode(longer, columns))
                    .isInstanceOf(IpcFormatException.class)
                    .hasMessageContaining("decoded %s bytes, the declared uncompressed length is %s".formatted(length, length + 1));
            Slice shorter = withLong(stream, position, length - 1);
            assertThatThrownBy(() -> Decoded.decode(shorter, columns))
                    .isInstanceOf(IpcFormatException.class)
                    .hasMessageContaining(codec.equals("zstd")
                            ? "ZSTD frame declares %s bytes of content, the buffer's uncompressed length is %s".formatted(length, length - 1)
                            : "overruns the output")
                    .hasMessageStartingWith("Invalid Arrow IPC stream, ");
        }
    }

    /**
     * Rewrites a stream with Arrow Java's body compression.
     */
    static Slice recompress(Slice stream, CodecType codec)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(stream.getBytes()), TestingArrowStreams.ALLOCATOR)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            // the dictionaries are read with the first batch, and written when the writer starts
            boolean loaded = reader.loadNextBatch();
            try (ArrowStreamWriter writer = new ArrowStreamWriter(root, reader, Channels.newChannel(out), IpcOption.DEFAULT, CommonsCompressionFactory.INSTANCE, codec)) {
                writer.start();
                while (loaded) {
                    writer.writeBatch();
                    loaded = reader.loadNextBatch();
                }
                writer.end();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Slices.wrappedBuffer(out.toByteArray());
    }

    /**
     * The stream positions of the non-empty buffers of the record and dictionary batches, where each has its
     * length prefix.
     */
    static List<Integer> compressedBuffers(Slice stream)
    {
        List<Integer> positions = new ArrayList<>();
        IpcMessageReader messages = new IpcMessageReader(stream);
        for (IpcMessage message = messages.next(); message != null; message = messages.next()) {
            RecordBatch batch = switch (message.headerType()) {
                case MessageHeader.RecordBatch -> (RecordBatch) message.message().header(new RecordBatch());
                case MessageHeader.DictionaryBatch -> ((DictionaryBatch) message.message().header(new DictionaryBatch())).data();
                default -> null;
            };
            if (batch == null) {
                continue;
            }
            Buffer buffer = new Buffer();
            for (int i = 0; i < batch.buffersLength(); i++) {
                batch.buffers(buffer, i);
                if (buffer.length() > 0) {
                    positions.add(message.bodyOffset() + (int) buffer.offset());
                }
            }
        }
        return positions;
    }

    private static boolean hasCompressedDictionaryBatch(Slice stream)
    {
        IpcMessageReader messages = new IpcMessageReader(stream);
        for (IpcMessage message = messages.next(); message != null; message = messages.next()) {
            if (message.headerType() == MessageHeader.DictionaryBatch && ((DictionaryBatch) message.message().header(new DictionaryBatch())).data().compression() != null) {
                return true;
            }
        }
        return false;
    }

    private static Slice withLong(Slice stream, int position, long value)
    {
        Slice copy = Slices.wrappedBuffer(stream.getBytes());
        copy.setLong(position, value);
        return copy;
    }

    private static Slice read(String name)
            throws IOException
    {
        return Slices.wrappedBuffer(Files.readAllBytes(COMPRESSION.resolve(name)));
    }
}
