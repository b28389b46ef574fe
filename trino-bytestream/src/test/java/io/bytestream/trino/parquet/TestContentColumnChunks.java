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

package io.bytestream.trino.parquet;

import io.airlift.compress.v3.Compressor;
import io.airlift.compress.v3.snappy.SnappyCompressor;
import io.airlift.compress.v3.zstd.ZstdCompressor;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoInputFile;
import io.trino.filesystem.local.LocalFileSystem;
import io.trino.parquet.ParquetCorruptionException;
import io.trino.parquet.ParquetDataSource;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.parquet.metadata.BlockMetadata;
import io.trino.parquet.metadata.ColumnChunkMetadata;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static io.trino.memory.context.AggregatedMemoryContext.newSimpleAggregatedMemoryContext;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.GZIP;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.UNCOMPRESSED;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.ZSTD;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Column chunks of the content column written page by page here, so that every field of a page can be wrong. */
class TestContentColumnChunks
{
    private static final PrimitiveType OPTIONAL_CONTENT = Types.optional(BINARY).named("content");
    private static final PrimitiveType REQUIRED_CONTENT = Types.required(BINARY).named("content");
    private static final byte[] A = "record a".getBytes(StandardCharsets.UTF_8);
    private static final byte[] B = "the second record".getBytes(StandardCharsets.UTF_8);
    private static final byte[] C = "c".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    @Test
    void testCompressedPagesV1WithNulls()
            throws IOException
    {
        for (CompressionCodecName codec : List.of(SNAPPY, ZSTD, GZIP, UNCOMPRESSED)) {
            Chunk chunk = new Chunk(codec)
                    .dataPageV1(definedLevels(true, false, true), Encoding.PLAIN, plain(A, B), 3)
                    .dataPageV1(definedLevels(true), Encoding.PLAIN, plain(C), 1);
            assertThat(read(chunk, OPTIONAL_CONTENT)).as(codec.name()).containsExactly(A, null, B, C);
        }
    }

    @Test
    void testOnlyUncompressedPlainContentIsStoredInPlace()
            throws IOException
    {
        Chunk plain = new Chunk(UNCOMPRESSED).dataPageV1(definedLevels(true), Encoding.PLAIN, plain(A), 1);
        assertThat(chunks(plain, OPTIONAL_CONTENT).orElseThrow().storedInPlace()).isTrue();
        Chunk compressed = new Chunk(SNAPPY).dataPageV1(definedLevels(true), Encoding.PLAIN, plain(A), 1);
        assertThat(chunks(compressed, OPTIONAL_CONTENT).orElseThrow().storedInPlace()).isFalse();
        Chunk dictionary = new Chunk(UNCOMPRESSED)
                .dictionaryPage(plain(A, B), 2)
                .dataPageV1(definedLevels(true), Encoding.RLE_DICTIONARY, concat(new byte[] {1}, rle(1, 1, true)), 1);
        assertThat(chunks(dictionary, OPTIONAL_CONTENT).orElseThrow().storedInPlace()).isFalse();
        assertThat(read(dictionary, OPTIONAL_CONTENT)).containsExactly(B);
    }

    @Test
    void testDataPagesV2()
            throws IOException
    {
        for (CompressionCodecName codec : List.of(SNAPPY, ZSTD, UNCOMPRESSED)) {
            Chunk optional = new Chunk(codec)
                    .dataPageV2(rle(1, 1, false), Encoding.PLAIN, plain(A), 2, true)
                    .dataPageV2(rle(2, 1, true), Encoding.PLAIN, plain(B, C), 2, false);
            assertThat(read(optional, OPTIONAL_CONTENT)).as(codec.name()).containsExactly(A, null, B, C);
        }
        Chunk required = new Chunk(ZSTD).dataPageV2(new byte[0], Encoding.PLAIN, plain(A, B, C), 3, true);
        assertThat(read(required, REQUIRED_CONTENT)).containsExactly(A, B, C);
    }

    @Test
    void testDictionaryThenPlainFallback()
            throws IOException
    {
        for (CompressionCodecName codec : List.of(SNAPPY, GZIP, UNCOMPRESSED)) {
            Chunk chunk = new Chunk(codec)
                    .dictionaryPage(plain(A, B, C), 3)
                    // indices 2, 0, 0, 1 with bit width 2: a bit-packed group of eight, then a run of two zeros
                    .dataPageV1(definedLevels(true, true, true, true, false), Encoding.RLE_DICTIONARY, concat(new byte[] {2, 3, 0b0100_0010, 0, 4, 0}, new byte[0]), 5)
                    .dataPageV1(definedLevels(true, true), Encoding.PLAIN_DICTIONARY, concat(new byte[] {2}, rle(2, 2, true)), 2)
                    .dataPageV1(definedLevels(true), Encoding.PLAIN, plain(B), 1);
            assertThat(read(chunk, OPTIONAL_CONTENT)).as(codec.name()).containsExactly(C, A, A, B, null, C, C, B);
        }
    }

    @Test
    void testPagesLargerThanTheReadWindowAreReadOnce()
            throws IOException
    {
        byte[] large = new byte[100_000];
        new Random(7).nextBytes(large);
        for (CompressionCodecName codec : List.of(SNAPPY, UNCOMPRESSED)) {
            Chunk chunk = new Chunk(codec)
                    .dataPageV1(definedLevels(true, true), Encoding.PLAIN, plain(large, A), 2)
                    .dataPageV1(definedLevels(true), Encoding.PLAIN, plain(large), 1)
                    .dataPageV1(definedLevels(true, true), Encoding.PLAIN, plain(B, large), 2);
            byte[] bytes = chunk.bytes();
            TrinoInputDataSource source = new TrinoInputDataSource(inputFile(bytes), bytes.length, ParquetReaderOptions.defaultOptions());
            List<byte[]> contents = read(chunk, OPTIONAL_CONTENT, source, bytes.length);
            assertThat(contents).as(codec.name()).containsExactly(large, A, large, B, large);
            // each page and the next page's header come in one read, and no byte is read twice
            assertThat(source.getReadBytes()).isEqualTo(bytes.length - Chunk.START);
        }
    }

    @Test
    void testTruncatedCompressedPage()
    {
        Chunk chunk = new Chunk(SNAPPY).dataPageV1(definedLevels(true), Encoding.PLAIN, plain(A), 1).truncate(3);
        assertCorrupt(chunk, "declares");
    }

    @Test
    void testCorruptCompressedBytes()
    {
        for (CompressionCodecName codec : List.of(SNAPPY, ZSTD, GZIP)) {
            Chunk chunk = new Chunk(codec).corruptingCompressedBytes().dataPageV1(definedLevels(true, true), Encoding.PLAIN, plain(A, B), 2);
            assertCorrupt(chunk, "does not decompress");
        }
    }

    @Test
    void testUncompressedSizeThatLies()
    {
        for (int lie : new int[] {-3, 5, 1_000_000, Integer.MAX_VALUE}) {
            for (CompressionCodecName codec : List.of(SNAPPY, ZSTD, GZIP)) {
                Chunk chunk = new Chunk(codec).lyingUncompressedSize(lie).dataPageV1(definedLevels(true, true), Encoding.PLAIN, plain(A, B), 2);
                assertThatThrownBy(() -> read(chunk, OPTIONAL_CONTENT)).as("%s %s", codec, lie).isInstanceOf(ParquetCorruptionException.class);
            }
        }
    }

    @Test
    void testDictionaryIndexOutOfRange()
    {
        Chunk chunk = new Chunk(SNAPPY)
                .dictionaryPage(plain(A, B), 2)
                .dataPageV1(definedLevels(true), Encoding.RLE_DICTIONARY, concat(new byte[] {2}, rle(1, 3, true)), 1);
        assertCorrupt(chunk, "outside the dictionary of 2 values");
    }

    @Test
    void testBitWidthOver32()
    {
        Chunk chunk = new Chunk(SNAPPY)
                .dictionaryPage(plain(A, B), 2)
                .dataPageV1(definedLevels(true), Encoding.RLE_DICTIONARY, concat(new byte[] {33}, rle(1, 0, true)), 1);
        assertCorrupt(chunk, "Bit width 33");
    }

    @Test
    void testDictionaryPageWithoutDictionary()
    {
        Chunk chunk = new Chunk(ZSTD).dataPageV1(definedLevels(true), Encoding.RLE_DICTIONARY, concat(new byte[] {1}, rle(1, 0, true)), 1);
        assertCorrupt(chunk, "without a dictionary page");
    }

    @Test
    void testMoreValuesThanTheChunk()
    {
        Chunk chunk = new Chunk(SNAPPY).dataPageV1(definedLevels(true, true), Encoding.PLAIN, plain(A, B), 2).claimingValues(1);
        assertCorrupt(chunk, "declares 2 values, with 1 left");
    }

    @Test
    void testValueOverflowingItsDecompressedPage()
    {
        byte[] values = plain(A);
        values[0] = 100;
        Chunk chunk = new Chunk(ZSTD).dataPageV1(definedLevels(true), Encoding.PLAIN, values, 1);
        assertCorrupt(chunk, "overflows its page");
    }

    @Test
    void testUnsupportedEncodingFallsBack()
            throws IOException
    {
        Chunk chunk = new Chunk(SNAPPY).dataPageV1(definedLevels(true), Encoding.DELTA_LENGTH_BYTE_ARRAY, plain(A), 1);
        assertThat(chunks(chunk, OPTIONAL_CONTENT)).isEmpty();
        assertThat(chunks(chunk, Types.repeated(BINARY).named("content"))).isEmpty();
    }

    private void assertCorrupt(Chunk chunk, String message)
    {
        assertThatThrownBy(() -> read(chunk, OPTIONAL_CONTENT))
                .isInstanceOf(ParquetCorruptionException.class)
                .hasMessageContaining(message);
    }

    private List<byte[]> read(Chunk chunk, PrimitiveType column)
            throws IOException
    {
        byte[] bytes = chunk.bytes();
        return read(chunk, column, new InMemoryDataSource(inputFile(bytes), bytes.length, newSimpleAggregatedMemoryContext()), bytes.length);
    }

    private static List<byte[]> read(Chunk chunk, PrimitiveType column, ParquetDataSource source, long fileLength)
            throws IOException
    {
        List<byte[]> contents = new ArrayList<>();
        chunks(chunk, column, source, fileLength).orElseThrow().visit((row, content) -> {
            assertThat(row).isEqualTo(contents.size());
            contents.add(content.map(bytes -> bytes.read(0, (int) bytes.length()).getBytes()).orElse(null));
        });
        return contents;
    }

    private Optional<ContentColumnChunks> chunks(Chunk chunk, Type column)
            throws IOException
    {
        byte[] bytes = chunk.bytes();
        return chunks(chunk, column, new InMemoryDataSource(inputFile(bytes), bytes.length, newSimpleAggregatedMemoryContext()), bytes.length);
    }

    private TrinoInputFile inputFile(byte[] bytes)
            throws IOException
    {
        Path file = Files.createTempFile(directory, "chunk", ".parquet");
        Files.write(file, bytes);
        return new LocalFileSystem(Path.of("/")).newInputFile(Location.of("local://" + file));
    }

    private static Optional<ContentColumnChunks> chunks(Chunk chunk, Type column, ParquetDataSource source, long fileLength)
    {
        long chunkSize = fileLength - Chunk.START;
        ColumnChunkMetadata metadata = ColumnChunkMetadata.get(
                ColumnPath.get("content"),
                OPTIONAL_CONTENT,
                chunk.codec,
                null,
                chunk.encodings,
                null,
                Chunk.START,
                0,
                chunk.declaredValues(),
                chunkSize,
                chunk.uncompressedSize);
        return ContentColumnChunks.find(source, column, List.of(new BlockMetadata(0, chunk.declaredValues(), List.of(metadata))), true);
    }

    /** Definition levels of a v1 page: their length, then one bit-packed run. */
    private static byte[] definedLevels(boolean... defined)
    {
        byte[] run = bitPacked(defined);
        return concat(littleEndianInt(run.length), run);
    }

    private static byte[] bitPacked(boolean... defined)
    {
        int groups = (defined.length + 7) / 8;
        byte[] run = new byte[1 + groups];
        run[0] = (byte) (groups << 1 | 1);
        for (int i = 0; i < defined.length; i++) {
            run[1 + i / 8] |= (byte) ((defined[i] ? 1 : 0) << (i % 8));
        }
        return run;
    }

    /** One RLE run of {@code count} times {@code value}, a byte wide; for v2 levels, a run of defined then one undefined. */
    private static byte[] rle(int count, int value, boolean single)
    {
        byte[] run = {(byte) (count << 1), (byte) value};
        return single ? run : concat(run, new byte[] {2, 0});
    }

    private static byte[] plain(byte[]... values)
    {
        byte[] result = new byte[0];
        for (byte[] value : values) {
            result = concat(result, littleEndianInt(value.length), value);
        }
        return result;
    }

    private static byte[] littleEndianInt(int value)
    {
        return ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static byte[] concat(byte[]... parts)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A column chunk after a 4-byte magic: its pages as a writer would store them, or with one field wrong. */
    private static final class Chunk
    {
        static final int START = 4;

        private final CompressionCodecName codec;
        private final Set<Encoding> encodings = new HashSet<>(Set.of(Encoding.RLE));
        private final ByteArrayOutputStream pages = new ByteArrayOutputStream();
        private long values;
        private long uncompressedSize;
        private Long claimedValues;
        private int truncation;
        private boolean corruptCompressedBytes;
        private Integer uncompressedSizeLie;

        Chunk(CompressionCodecName codec)
        {
            this.codec = codec;
            pages.writeBytes("PAR1".getBytes(StandardCharsets.US_ASCII));
        }

        Chunk dictionaryPage(byte[] values, int count)
        {
            encodings.add(Encoding.PLAIN);
            PageHeader header = new PageHeader(PageType.DICTIONARY_PAGE, 0, 0);
            header.setDictionary_page_header(new DictionaryPageHeader(count, org.apache.parquet.format.Encoding.PLAIN));
            return page(header, new byte[0], values);
        }

        Chunk dataPageV1(byte[] levels, Encoding encoding, byte[] values, int count)
        {
            encodings.add(encoding);
            PageHeader header = new PageHeader(PageType.DATA_PAGE, 0, 0);
            header.setData_page_header(new DataPageHeader(count, org.apache.parquet.format.Encoding.valueOf(encoding.name()), org.apache.parquet.format.Encoding.RLE, org.apache.parquet.format.Encoding.RLE));
            this.values += count;
            return page(header, new byte[0], concat(levels, values));
        }

        Chunk dataPageV2(byte[] levels, Encoding encoding, byte[] values, int count, boolean compressed)
        {
            encodings.add(encoding);
            PageHeader header = new PageHeader(PageType.DATA_PAGE_V2, 0, 0);
            DataPageHeaderV2 v2 = new DataPageHeaderV2(count, 0, count, org.apache.parquet.format.Encoding.valueOf(encoding.name()), levels.length, 0);
            v2.setIs_compressed(compressed);
            header.setData_page_header_v2(v2);
            this.values += count;
            return page(header, levels, compressed ? values : null, values);
        }

        private Chunk page(PageHeader header, byte[] levels, byte[] values)
        {
            return page(header, levels, values, values);
        }

        /** Compresses {@code compressible} where given, stores {@code values} as they are where not. */
        private Chunk page(PageHeader header, byte[] levels, byte[] compressible, byte[] values)
        {
            byte[] stored = compressible == null ? values : compress(compressible);
            if (corruptCompressedBytes) {
                for (int i = 0; i < stored.length; i++) {
                    stored[i] ^= (byte) (0x5A + i);
                }
            }
            header.setUncompressed_page_size(uncompressedSizeLie != null ? uncompressedSizeLie : levels.length + values.length);
            header.setCompressed_page_size(levels.length + stored.length);
            try {
                ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
                Util.writePageHeader(header, headerBytes);
                pages.writeBytes(headerBytes.toByteArray());
                uncompressedSize += headerBytes.size() + levels.length + values.length;
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pages.writeBytes(levels);
            pages.writeBytes(stored);
            return this;
        }

        private byte[] compress(byte[] bytes)
        {
            return switch (codec) {
                case UNCOMPRESSED -> bytes.clone();
                case SNAPPY -> compress(SnappyCompressor.create(), bytes);
                case ZSTD -> compress(ZstdCompressor.create(), bytes);
                case GZIP -> gzip(bytes);
                default -> throw new IllegalArgumentException(codec.name());
            };
        }

        private static byte[] compress(Compressor compressor, byte[] bytes)
        {
            byte[] output = new byte[compressor.maxCompressedLength(bytes.length)];
            int length = compressor.compress(bytes, 0, bytes.length, output, 0, output.length);
            return Arrays.copyOf(output, length);
        }

        private static byte[] gzip(byte[] bytes)
        {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(bytes);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        Chunk corruptingCompressedBytes()
        {
            corruptCompressedBytes = true;
            return this;
        }

        Chunk lyingUncompressedSize(int size)
        {
            uncompressedSizeLie = size;
            return this;
        }

        /** The column chunk's metadata declares {@code count} values. */
        Chunk claimingValues(long count)
        {
            claimedValues = count;
            return this;
        }

        /** The file, and so the chunk, ends {@code bytes} early. */
        Chunk truncate(int bytes)
        {
            truncation = bytes;
            return this;
        }

        long declaredValues()
        {
            return claimedValues == null ? values : claimedValues;
        }

        byte[] bytes()
        {
            byte[] bytes = pages.toByteArray();
            return Arrays.copyOf(bytes, bytes.length - truncation);
        }
    }
}
