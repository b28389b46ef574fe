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

import io.airlift.slice.Slice;
import io.bytestream.arrow.StreamBytes;
import io.trino.parquet.ParquetCorruptionException;
import io.trino.parquet.ParquetDataSource;
import io.trino.parquet.ParquetDataSourceId;
import io.trino.parquet.metadata.BlockMetadata;
import io.trino.parquet.metadata.ColumnChunkMetadata;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.zip.CRC32;

import static io.trino.parquet.ParquetCompressionUtils.decompress;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.GZIP;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.LZ4;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.LZO;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.UNCOMPRESSED;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.ZSTD;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;

/**
 * The content column of a data file, read page by page without Trino's Parquet reader: each record's IPC stream
 * is handed over as {@link StreamBytes} whose message headers can be read without its batch bodies.
 * <p>
 * Where a page is stored uncompressed and PLAIN-encoded (as the project's writer stores records), a record is
 * addressed where it lies in the file: row counts of a 5 MB record cost a few kilobytes of reads. Compressed pages
 * (any codec Trino's Parquet reader supports) are decompressed one at a time and their records addressed in memory;
 * dictionary-encoded pages (the dictionary page held for its column chunk, data pages possibly falling back to PLAIN)
 * point into the dictionary. Data pages may be v1 or v2, the column optional or required. Other encodings (DELTA_*)
 * and repeated columns are left to Trino's reader.
 * <p>
 * Where the writer stored a page's CRC32 checksum (parquet-mr does by default), the page's bytes are checked against
 * it before its records are visited: each record of a page that fails is visited as {@link CorruptPage#content()}.
 */
public final class ContentColumnChunks
{
    private static final Set<Encoding> SUPPORTED_ENCODINGS = Set.of(Encoding.PLAIN, Encoding.RLE, Encoding.BIT_PACKED, Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
    private static final Set<Encoding> IN_PLACE_ENCODINGS = Set.of(Encoding.PLAIN, Encoding.RLE, Encoding.BIT_PACKED);
    // the codecs io.trino.parquet.ParquetCompressionUtils decompresses
    private static final Set<CompressionCodecName> SUPPORTED_CODECS = Set.of(UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4, LZO);
    // the largest page held in one array, with room for the decompressors' slack; a page's size is also checked
    // against its column chunk's, both before anything is allocated
    private static final int MAX_PAGE_SIZE = Integer.MAX_VALUE - 1024;

    private final ParquetDataSource source;
    private final List<ColumnChunkMetadata> chunks;
    private final boolean optional;
    private final boolean verifyChecksums;

    private ContentColumnChunks(ParquetDataSource source, List<ColumnChunkMetadata> chunks, boolean optional, boolean verifyChecksums)
    {
        this.source = source;
        this.chunks = chunks;
        this.optional = optional;
        this.verifyChecksums = verifyChecksums;
    }

    /** Visits the records of a data file in order. */
    public interface RecordVisitor
    {
        /**
         * Record {@code row} of the file; {@code content} is empty for a null content value. The content can be read
         * during the call only: a decompressed page is let go once its records are visited.
         */
        void visit(long row, Optional<StreamBytes> content);
    }

    static Optional<ContentColumnChunks> find(ParquetDataSource source, Type column, List<BlockMetadata> rowGroups, boolean verifyChecksums)
    {
        return find(source, column, rowGroups, ContentColumnChunks::isReadable, verifyChecksums);
    }

    /** The column's chunks for {@link #corruptPages()} alone, which decodes no page: any codec and encoding will do. */
    static Optional<ContentColumnChunks> findForChecksums(ParquetDataSource source, Type column, List<BlockMetadata> rowGroups)
    {
        return find(source, column, rowGroups, _ -> true, true);
    }

    private static Optional<ContentColumnChunks> find(ParquetDataSource source, Type column, List<BlockMetadata> rowGroups, Predicate<ColumnChunkMetadata> usable, boolean verifyChecksums)
    {
        if (!column.isPrimitive() || column.asPrimitiveType().getPrimitiveTypeName() != BINARY || column.isRepetition(Type.Repetition.REPEATED)) {
            return Optional.empty();
        }
        PrimitiveType type = column.asPrimitiveType();
        List<ColumnChunkMetadata> chunks = new ArrayList<>();
        for (BlockMetadata rowGroup : rowGroups) {
            ColumnChunkMetadata chunk = rowGroup.columns().stream()
                    .filter(candidate -> candidate.getPath().size() == 1 && candidate.getPath().toArray()[0].equals(type.getName()))
                    .findFirst()
                    .orElse(null);
            if (chunk == null || !usable.test(chunk)) {
                return Optional.empty();
            }
            chunks.add(chunk);
        }
        return Optional.of(new ContentColumnChunks(source, List.copyOf(chunks), column.isRepetition(Type.Repetition.OPTIONAL), verifyChecksums));
    }

    private static boolean isReadable(ColumnChunkMetadata chunk)
    {
        return SUPPORTED_CODECS.contains(chunk.getCodec()) && SUPPORTED_ENCODINGS.containsAll(chunk.getEncodings());
    }

    /**
     * Whether every record is visited as a range of the file itself, readable after its visit: the content is stored
     * uncompressed, PLAIN-encoded, without a dictionary.
     */
    public boolean storedInPlace()
    {
        return chunks.stream().allMatch(chunk -> chunk.getCodec() == UNCOMPRESSED
                && IN_PLACE_ENCODINGS.containsAll(chunk.getEncodings())
                && (chunk.getEncodingStats() == null || !chunk.getEncodingStats().hasDictionaryPages()));
    }

    /** Visits every record of the file, row group by row group. */
    public void visit(RecordVisitor visitor)
            throws IOException
    {
        visit(visitor, () -> false);
    }

    /** Visits the records of the file in order until {@code enough} says so: after a page, or after a PLAIN value. */
    public void visit(RecordVisitor visitor, BooleanSupplier enough)
            throws IOException
    {
        visit(visitor, enough, false);
    }

    /**
     * The pages whose bytes fail the checksum their writer stored, found without decompressing or decoding any page:
     * for a file whose records Trino's Parquet reader reads, which does not check checksums.
     */
    public List<CorruptPage> corruptPages()
            throws IOException
    {
        List<CorruptPage> corruptPages = new ArrayList<>();
        visit((_, content) -> {
            if (content.orElse(null) instanceof CorruptPage.Content corrupt && (corruptPages.isEmpty() || corruptPages.getLast() != corrupt.page())) {
                corruptPages.add(corrupt.page());
            }
        }, () -> false, true);
        return corruptPages;
    }

    private void visit(RecordVisitor visitor, BooleanSupplier enough, boolean checksumsOnly)
            throws IOException
    {
        long row = 0;
        for (ColumnChunkMetadata chunk : chunks) {
            if (enough.getAsBoolean()) {
                return;
            }
            row = new ChunkReader(chunk, visitor, enough, checksumsOnly).visit(row);
        }
    }

    /** One column chunk's pages, read in order; the dictionary is held while the chunk is read. */
    private final class ChunkReader
    {
        private final ParquetDataSourceId id = source.getId();
        private final ColumnChunkMetadata chunk;
        private final CompressionCodec codec;
        private final RecordVisitor visitor;
        private final BooleanSupplier enough;
        // only the pages' checksums are checked: no page is decompressed or decoded, only corrupt records visited
        private final boolean checksumsOnly;
        private Dictionary dictionary;
        private Optional<PageChecksum> corruptDictionary = Optional.empty();

        ChunkReader(ColumnChunkMetadata chunk, RecordVisitor visitor, BooleanSupplier enough, boolean checksumsOnly)
        {
            this.chunk = chunk;
            this.codec = chunk.getCodec().getParquetCompressionCodec();
            this.visitor = visitor;
            this.enough = enough;
            this.checksumsOnly = checksumsOnly;
        }

        long visit(long firstRow)
                throws IOException
        {
            long start = chunk.getStartingPos();
            long end = start + chunk.getTotalSize();
            if (start < 0 || chunk.getTotalSize() < 0 || end > source.getEstimatedSize()) {
                throw new ParquetCorruptionException(id, "Column chunk [%s, %s) lies outside the file of %s bytes", start, end, source.getEstimatedSize());
            }
            FileWindow file = new FileWindow(source, end);
            long row = firstRow;
            long valuesLeft = chunk.getValueCount();
            long position = start;
            while (valuesLeft > 0) {
                if (position >= end) {
                    throw new ParquetCorruptionException(id, "Column chunk at %s ends with %s values not read", start, valuesLeft);
                }
                WindowInputStream headerInput = new WindowInputStream(file, position, end);
                PageHeader header = Util.readPageHeader(headerInput);
                Page page = new Page(file, position, headerInput.position(), header.getCompressed_page_size(), header.getUncompressed_page_size());
                if (page.compressedSize() < 0 || page.compressedSize() > end - page.dataStart()
                        || page.uncompressedSize() < 0 || page.uncompressedSize() > Math.min(MAX_PAGE_SIZE, chunk.getTotalUncompressedSize())
                        || (codec == CompressionCodec.UNCOMPRESSED && page.uncompressedSize() != page.compressedSize())) {
                    throw new ParquetCorruptionException(id, "Page at %s declares %s bytes (%s uncompressed) in a %s column chunk ending at %s", position, page.compressedSize(), page.uncompressedSize(), codec, end);
                }
                long values = switch (header.getType()) {
                    case DATA_PAGE -> visitDataPage(page, header, header.getData_page_header().getNum_values(), header.getData_page_header().getEncoding(), row, valuesLeft);
                    case DATA_PAGE_V2 -> visitDataPage(page, header, header.getData_page_header_v2().getNum_values(), header.getData_page_header_v2().getEncoding(), row, valuesLeft);
                    case DICTIONARY_PAGE -> readDictionary(page, header, valuesLeft);
                    default -> 0;
                };
                valuesLeft -= values;
                row += values;
                position = page.dataEnd();
                if (values > 0 && enough.getAsBoolean()) {
                    break;
                }
            }
            return row;
        }

        private int visitDataPage(Page page, PageHeader header, int declaredValues, org.apache.parquet.format.Encoding encoding, long firstRow, long valuesLeft)
                throws IOException
        {
            int values = checkedValueCount(declaredValues, valuesLeft, page);
            Optional<PageChecksum> failure = checksumFailure(page, header);
            if (failure.isEmpty() && isDictionaryEncoding(encoding)) {
                failure = corruptDictionary;
            }
            if (failure.isPresent()) {
                // neither the page's levels nor its values can be trusted: every record it holds is bad
                CorruptPage corruptPage = CorruptPage.of(failure.get().pageStart(), failure.get().dictionaryPage(), firstRow, values, failure.get().stored(), failure.get().computed());
                for (int i = 0; i < values; i++) {
                    visitor.visit(firstRow + i, Optional.of(corruptPage.content()));
                }
                return values;
            }
            if (checksumsOnly) {
                return values;
            }
            switch (header.getType()) {
                case DATA_PAGE -> visitPageV1(page, header.getData_page_header(), firstRow, values);
                case DATA_PAGE_V2 -> visitPageV2(page, header.getData_page_header_v2(), firstRow, values);
                default -> throw new IllegalArgumentException("not a data page: " + header.getType());
            }
            return values;
        }

        private static boolean isDictionaryEncoding(org.apache.parquet.format.Encoding encoding)
        {
            return encoding == org.apache.parquet.format.Encoding.PLAIN_DICTIONARY || encoding == org.apache.parquet.format.Encoding.RLE_DICTIONARY;
        }

        /** The page's checksum where the writer stored one and the page's bytes, as stored, do not match it. */
        private Optional<PageChecksum> checksumFailure(Page page, PageHeader header)
                throws IOException
        {
            if (!verifyChecksums || !header.isSetCrc()) {
                return Optional.empty();
            }
            CRC32 checksum = new CRC32();
            checksum.update(page.file().readPage(page.dataStart(), page.compressedSize()).toByteBuffer());
            int computed = (int) checksum.getValue();
            return computed == header.getCrc() ? Optional.empty() : Optional.of(new PageChecksum(page.headerStart(), header.getType() == PageType.DICTIONARY_PAGE, header.getCrc(), computed));
        }

        private int readDictionary(Page page, PageHeader pageHeader, long valuesLeft)
                throws IOException
        {
            DictionaryPageHeader header = pageHeader.getDictionary_page_header();
            if (dictionary != null || corruptDictionary.isPresent() || valuesLeft != chunk.getValueCount()) {
                throw new ParquetCorruptionException(id, "Dictionary page at %s follows other pages of its column chunk", page.headerStart());
            }
            if (header.getEncoding() != org.apache.parquet.format.Encoding.PLAIN && header.getEncoding() != org.apache.parquet.format.Encoding.PLAIN_DICTIONARY) {
                throw new ParquetCorruptionException(id, "Dictionary page at %s is %s-encoded", page.headerStart(), header.getEncoding());
            }
            corruptDictionary = checksumFailure(page, pageHeader);
            if (checksumsOnly || corruptDictionary.isPresent()) {
                return 0;
            }
            Slice bytes = codec == CompressionCodec.UNCOMPRESSED
                    ? page.file().readPage(page.dataStart(), page.compressedSize())
                    : decompressed(page.file().readPage(page.dataStart(), page.compressedSize()), page.uncompressedSize(), page.headerStart());
            dictionary = Dictionary.decode(bytes, header.getNum_values(), id, page.headerStart());
            return 0;
        }

        private void visitPageV1(Page page, DataPageHeader header, long firstRow, int values)
                throws IOException
        {
            PageBytes bytes = page.file();
            long dataStart = page.dataStart();
            long dataEnd = page.dataEnd();
            if (codec != CompressionCodec.UNCOMPRESSED) {
                bytes = PageBytes.of(decompressed(page.file().readPage(dataStart, page.compressedSize()), page.uncompressedSize(), page.headerStart()));
                dataStart = 0;
                dataEnd = page.uncompressedSize();
            }
            boolean[] defined = null;
            long valuesStart = dataStart;
            if (optional) {
                if (dataEnd - dataStart < Integer.BYTES) {
                    throw new ParquetCorruptionException(id, "Page at %s is too short for its definition levels", page.headerStart());
                }
                int levelsLength = bytes.readInt(dataStart);
                if (levelsLength < 0 || levelsLength > dataEnd - dataStart - Integer.BYTES) {
                    throw new ParquetCorruptionException(id, "Definition levels of %s bytes overflow the page at %s", levelsLength, page.headerStart());
                }
                defined = definitionLevels(bytes, dataStart + Integer.BYTES, dataStart + Integer.BYTES + levelsLength, values);
                valuesStart = dataStart + Integer.BYTES + levelsLength;
            }
            visitValues(header.getEncoding(), bytes, values, defined, valuesStart, dataEnd, firstRow, page);
        }

        private void visitPageV2(Page page, DataPageHeaderV2 header, long firstRow, int values)
                throws IOException
        {
            int repetitionLength = header.getRepetition_levels_byte_length();
            int definitionLength = header.getDefinition_levels_byte_length();
            if (repetitionLength != 0 || definitionLength < 0 || definitionLength > page.compressedSize() || definitionLength > page.uncompressedSize()) {
                throw new ParquetCorruptionException(id, "Page at %s declares %s bytes of repetition and %s of definition levels", page.headerStart(), repetitionLength, definitionLength);
            }
            // the levels are stored uncompressed ahead of the values
            long levelsStart = page.dataStart();
            boolean[] defined = optional ? definitionLevels(page.file(), levelsStart, levelsStart + definitionLength, values) : null;
            PageBytes bytes = page.file();
            long valuesStart = levelsStart + definitionLength;
            long valuesEnd = page.dataEnd();
            if (codec != CompressionCodec.UNCOMPRESSED && header.isIs_compressed()) {
                int uncompressedValues = page.uncompressedSize() - definitionLength;
                bytes = PageBytes.of(decompressed(page.file().readPage(valuesStart, page.compressedSize() - definitionLength), uncompressedValues, page.headerStart()));
                valuesStart = 0;
                valuesEnd = uncompressedValues;
            }
            visitValues(header.getEncoding(), bytes, values, defined, valuesStart, valuesEnd, firstRow, page);
        }

        private void visitValues(org.apache.parquet.format.Encoding encoding, PageBytes bytes, int values, boolean[] defined, long valuesStart, long valuesEnd, long firstRow, Page page)
                throws IOException
        {
            switch (encoding) {
                case PLAIN -> visitPlainValues(bytes, values, defined, valuesStart, valuesEnd, firstRow);
                case PLAIN_DICTIONARY, RLE_DICTIONARY -> visitDictionaryValues(bytes, values, defined, valuesStart, valuesEnd, firstRow, page);
                default -> throw new ParquetCorruptionException(id, "Page at %s is %s-encoded, though its column chunk declares only %s", page.headerStart(), encoding, chunk.getEncodings());
            }
        }

        private void visitPlainValues(PageBytes bytes, int values, boolean[] defined, long valuesStart, long valuesEnd, long firstRow)
                throws IOException
        {
            long position = valuesStart;
            for (int i = 0; i < values; i++) {
                if (enough.getAsBoolean()) {
                    // the rest of the page is not walked: in place, each value's length is a read
                    return;
                }
                if (defined != null && !defined[i]) {
                    visitor.visit(firstRow + i, Optional.empty());
                    continue;
                }
                if (valuesEnd - position < Integer.BYTES) {
                    throw new ParquetCorruptionException(id, "Value %s of the page ending at %s has no length", i, valuesEnd);
                }
                int length = bytes.readInt(position);
                long valueStart = position + Integer.BYTES;
                if (length < 0 || length > valuesEnd - valueStart) {
                    throw new ParquetCorruptionException(id, "Value of %s bytes at %s overflows its page ending at %s", length, position, valuesEnd);
                }
                visitor.visit(firstRow + i, Optional.of(new PageStreamBytes(bytes, valueStart, length)));
                position = valueStart + length;
            }
            if (position != valuesEnd) {
                throw new ParquetCorruptionException(id, "Page values end at %s, %s bytes before their page's end", position, valuesEnd - position);
            }
        }

        private void visitDictionaryValues(PageBytes bytes, int values, boolean[] defined, long valuesStart, long valuesEnd, long firstRow, Page page)
                throws IOException
        {
            if (dictionary == null) {
                throw new ParquetCorruptionException(id, "Dictionary-encoded page at %s in a column chunk without a dictionary page", page.headerStart());
            }
            int present = values;
            if (defined != null) {
                present = 0;
                for (boolean value : defined) {
                    present += value ? 1 : 0;
                }
            }
            int[] indexes = new int[0];
            if (present > 0) {
                if (valuesStart >= valuesEnd) {
                    throw new ParquetCorruptionException(id, "Dictionary-encoded page at %s has no bit width", page.headerStart());
                }
                int bitWidth = bytes.readByte(valuesStart) & 0xFF;
                indexes = RleBitPackedHybrid.decode(bytes, valuesStart + 1, valuesEnd, present, bitWidth, id);
            }
            int next = 0;
            for (int i = 0; i < values; i++) {
                if (defined != null && !defined[i]) {
                    visitor.visit(firstRow + i, Optional.empty());
                    continue;
                }
                int index = indexes[next++];
                if (index < 0 || index >= dictionary.size()) {
                    throw new ParquetCorruptionException(id, "Dictionary index %s of the page at %s is outside the dictionary of %s values", Integer.toUnsignedLong(index), page.headerStart(), dictionary.size());
                }
                visitor.visit(firstRow + i, Optional.of(StreamBytes.of(dictionary.value(index))));
            }
        }

        private boolean[] definitionLevels(PageBytes bytes, long start, long end, int values)
                throws IOException
        {
            int[] levels = RleBitPackedHybrid.decode(bytes, start, end, values, 1, id);
            boolean[] defined = new boolean[values];
            for (int i = 0; i < values; i++) {
                defined[i] = levels[i] != 0;
            }
            return defined;
        }

        private Slice decompressed(Slice compressed, int uncompressedSize, long pageStart)
                throws IOException
        {
            try {
                return decompress(id, codec, compressed, uncompressedSize);
            }
            catch (IOException | RuntimeException e) {
                throw new ParquetCorruptionException(e, id, "Page at %s does not decompress with %s to %s bytes", pageStart, codec, uncompressedSize);
            }
        }

        private int checkedValueCount(int values, long valuesLeft, Page page)
                throws ParquetCorruptionException
        {
            if (values < 0 || values > valuesLeft) {
                throw new ParquetCorruptionException(id, "Page at %s declares %s values, with %s left in its column chunk", page.headerStart(), values, valuesLeft);
            }
            return values;
        }
    }

    /** The checksum a page's writer stored for it, and the one its bytes have. */
    private record PageChecksum(long pageStart, boolean dictionaryPage, int stored, int computed) {}

    /** A page's header position and its data's extent in the file. */
    private record Page(FileWindow file, long headerStart, long dataStart, int compressedSize, int uncompressedSize)
    {
        long dataEnd()
        {
            return dataStart + compressedSize;
        }
    }

    /** The PLAIN values of a dictionary page: each a 4-byte little-endian length, then the bytes. */
    private record Dictionary(Slice bytes, int[] offsets, int[] lengths)
    {
        static Dictionary decode(Slice bytes, int count, ParquetDataSourceId id, long pageStart)
                throws ParquetCorruptionException
        {
            if (count < 0 || count > bytes.length() / Integer.BYTES) {
                throw new ParquetCorruptionException(id, "Dictionary page at %s declares %s values in %s bytes", pageStart, count, bytes.length());
            }
            int[] offsets = new int[count];
            int[] lengths = new int[count];
            int position = 0;
            for (int i = 0; i < count; i++) {
                if (bytes.length() - position < Integer.BYTES) {
                    throw new ParquetCorruptionException(id, "Dictionary value %s of the page at %s has no length", i, pageStart);
                }
                int length = bytes.getInt(position);
                position += Integer.BYTES;
                if (length < 0 || length > bytes.length() - position) {
                    throw new ParquetCorruptionException(id, "Dictionary value %s of %s bytes overflows the page at %s", i, length, pageStart);
                }
                offsets[i] = position;
                lengths[i] = length;
                position += length;
            }
            return new Dictionary(bytes, offsets, lengths);
        }

        int size()
        {
            return offsets.length;
        }

        Slice value(int index)
        {
            return bytes.slice(offsets[index], lengths[index]);
        }
    }

    private record PageStreamBytes(PageBytes bytes, long start, int size)
            implements StreamBytes
    {
        @Override
        public long length()
        {
            return size;
        }

        @Override
        public Slice read(long offset, int readLength)
        {
            try {
                return bytes.read(start + offset, readLength);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The page header's bytes, for the Thrift decoder, confined to the column chunk. */
    private static final class WindowInputStream
            extends InputStream
    {
        private final FileWindow file;
        private final long end;
        private long position;

        WindowInputStream(FileWindow file, long position, long end)
        {
            this.file = file;
            this.position = position;
            this.end = end;
        }

        long position()
        {
            return position;
        }

        @Override
        public int read()
                throws IOException
        {
            if (position >= end) {
                return -1;
            }
            return file.readByte(position++) & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length)
                throws IOException
        {
            if (length == 0) {
                return 0;
            }
            if (position >= end) {
                return -1;
            }
            int count = (int) Math.min(length, end - position);
            file.read(position, count).getBytes(0, buffer, offset, count);
            position += count;
            return count;
        }
    }
}
