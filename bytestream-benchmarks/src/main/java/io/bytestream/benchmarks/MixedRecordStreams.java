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

import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil.CodecType;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Writes the benchmark's Arrow IPC streams: eight mixed columns whose values are a pure function of the
 * row number, so that any range of rows can be written again identically, in any record layout.
 * <ul>
 * <li>{@code id} int64: the row number</li>
 * <li>{@code size} int32: 0 to 2^20</li>
 * <li>{@code score} float64, null every 17th row</li>
 * <li>{@code name} utf8, short: 7 to 14 bytes</li>
 * <li>{@code path} utf8, longer: 49 to 56 bytes, null every 23rd row</li>
 * <li>{@code flag} bool</li>
 * <li>{@code ts} timestamp[us, UTC], whole milliseconds</li>
 * <li>{@code kind} dictionary-encoded utf8 (int32 indices) of {@value #KIND_COUNT} values</li>
 * </ul>
 * The batch bodies are uncompressed, or compressed buffer by buffer with the codec given to the constructor.
 * Reuses its vectors and buffers; not thread-safe.
 */
public final class MixedRecordStreams
        implements AutoCloseable
{
    public static final List<String> COLUMN_NAMES = List.of("id", "size", "score", "name", "path", "flag", "ts", "kind");
    public static final long FIRST_TIMESTAMP_MICROS = 1_704_067_200_000_000L; // 2024-01-01T00:00:00Z

    private static final int KIND_COUNT = 12;
    private static final List<String> KINDS = List.of(
            "file", "directory", "symlink", "socket", "fifo", "block-device",
            "char-device", "whiteout", "door", "port", "snapshot", "unknown");
    private static final long KIND_DICTIONARY_ID = 1;
    private static final byte[] HEX = "0123456789abcdef".getBytes(UTF_8);

    private final BufferAllocator allocator = new RootAllocator();
    private final DictionaryProvider.MapDictionaryProvider dictionaries = new DictionaryProvider.MapDictionaryProvider();
    private final VectorSchemaRoot root;
    private final BigIntVector id;
    private final IntVector size;
    private final Float8Vector score;
    private final VarCharVector name;
    private final VarCharVector path;
    private final BitVector flag;
    private final TimeStampMicroTZVector ts;
    private final IntVector kind;
    private final byte[] text = new byte[64];
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
    private final CodecType bodyCompression;
    private final CompressionCodec.Factory compressionFactory;

    public MixedRecordStreams()
    {
        this(CodecType.NO_COMPRESSION);
    }

    public MixedRecordStreams(CodecType bodyCompression)
    {
        this.bodyCompression = bodyCompression;
        this.compressionFactory = switch (bodyCompression) {
            case NO_COMPRESSION -> NoCompressionCodec.Factory.INSTANCE;
            case ZSTD -> CommonsCompressionFactory.INSTANCE;
            case LZ4_FRAME -> Lz4FrameCompressionCodec.FACTORY;
        };
        DictionaryEncoding kindEncoding = new DictionaryEncoding(KIND_DICTIONARY_ID, false, new ArrowType.Int(32, true));
        Schema schema = new Schema(List.of(
                new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
                new Field("size", FieldType.notNullable(new ArrowType.Int(32, true)), null),
                new Field("score", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
                new Field("name", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                new Field("path", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
                new Field("flag", FieldType.notNullable(ArrowType.Bool.INSTANCE), null),
                new Field("ts", FieldType.notNullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")), null),
                // Arrow Java's in-memory schema names the index type; the stream's schema names the value type
                new Field("kind", new FieldType(false, new ArrowType.Int(32, true), kindEncoding), null)));
        root = VectorSchemaRoot.create(schema, allocator);
        id = (BigIntVector) root.getVector("id");
        size = (IntVector) root.getVector("size");
        score = (Float8Vector) root.getVector("score");
        name = (VarCharVector) root.getVector("name");
        path = (VarCharVector) root.getVector("path");
        flag = (BitVector) root.getVector("flag");
        ts = (TimeStampMicroTZVector) root.getVector("ts");
        kind = (IntVector) root.getVector("kind");

        VarCharVector kindValues = new VarCharVector(new Field("kind", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null), allocator);
        kindValues.allocateNew();
        for (int i = 0; i < KINDS.size(); i++) {
            kindValues.setSafe(i, KINDS.get(i).getBytes(UTF_8));
        }
        kindValues.setValueCount(KINDS.size());
        dictionaries.put(new Dictionary(kindValues, kindEncoding));
    }

    /**
     * One Arrow IPC stream (schema, the dictionary, {@code batchCount} record batches, end-of-stream marker)
     * of the rows {@code firstRow} to {@code firstRow + rowCount - 1}, split as evenly as possible over the batches.
     */
    public byte[] write(long firstRow, int rowCount, int batchCount)
    {
        if (rowCount < 0 || batchCount < 1) {
            throw new IllegalArgumentException("rowCount must not be negative and batchCount positive: %s, %s".formatted(rowCount, batchCount));
        }
        out.reset();
        try (ArrowStreamWriter writer = new ArrowStreamWriter(root, dictionaries, Channels.newChannel(out), IpcOption.DEFAULT, compressionFactory, bodyCompression)) {
            writer.start();
            long row = firstRow;
            for (int batch = 0; batch < batchCount; batch++) {
                int rows = rowCount / batchCount + (batch < rowCount % batchCount ? 1 : 0);
                fill(row, rows);
                writer.writeBatch();
                row += rows;
            }
            writer.end();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void fill(long firstRow, int rows)
    {
        root.allocateNew();
        for (int i = 0; i < rows; i++) {
            long row = firstRow + i;
            long hash = mix(row);
            id.setSafe(i, row);
            size.setSafe(i, (int) (hash >>> 44));
            if (row % 17 == 0) {
                score.setNull(i);
            }
            else {
                score.setSafe(i, (hash & 0xFFFFF) / 1024.0);
            }
            setName(i, hash);
            if (row % 23 == 0) {
                path.setNull(i);
            }
            else {
                setPath(i, row, hash);
            }
            flag.setSafe(i, (int) (hash >>> 63));
            ts.setSafe(i, FIRST_TIMESTAMP_MICROS + row * 1_000);
            kind.setSafe(i, (int) ((hash >>> 20) % KIND_COUNT));
        }
        root.setRowCount(rows);
    }

    // "n-" and 5 to 12 hex digits
    private void setName(int index, long hash)
    {
        int digits = 5 + (int) ((hash >>> 8) & 7);
        text[0] = 'n';
        text[1] = '-';
        int length = 2 + writeHex(text, 2, hash, digits);
        name.setSafe(index, text, 0, length);
    }

    // "/data/tenant-NN/dir-NNNN/file-" and 12 to 19 hex digits, then ".arrow"
    private void setPath(int index, long row, long hash)
    {
        int position = copy("/data/tenant-", 0);
        position += writeDecimal(text, position, row % 64, 2);
        position = copy("/dir-", position);
        position += writeDecimal(text, position, (hash >>> 4) % 10_000, 4);
        position = copy("/file-", position);
        position += writeHex(text, position, Long.rotateLeft(hash, 17), 12 + (int) ((hash >>> 12) & 7));
        position = copy(".arrow", position);
        path.setSafe(index, text, 0, position);
    }

    private int copy(String ascii, int position)
    {
        for (int i = 0; i < ascii.length(); i++) {
            text[position + i] = (byte) ascii.charAt(i);
        }
        return position + ascii.length();
    }

    private static int writeHex(byte[] target, int position, long value, int digits)
    {
        for (int i = digits - 1; i >= 0; i--) {
            target[position + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        return digits;
    }

    private static int writeDecimal(byte[] target, int position, long value, int digits)
    {
        for (int i = digits - 1; i >= 0; i--) {
            target[position + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return digits;
    }

    // SplitMix64's finaliser: every bit of the row number affects every bit of the hash
    private static long mix(long value)
    {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public void close()
    {
        root.close();
        dictionaries.getDictionaryIds().forEach(dictionaryId -> dictionaries.lookup(dictionaryId).getVector().close());
        allocator.close();
    }
}
