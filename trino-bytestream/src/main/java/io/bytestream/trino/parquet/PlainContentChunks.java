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
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.PageHeader;
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

import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;

/**
 * The content column of a data file when it is stored plainly: uncompressed, PLAIN-encoded pages, no dictionary
 * (as Parquet writers store values too large or too random to compress). Each record's IPC stream can then be
 * addressed where it lies in the file, and its message headers read without its batch bodies: row counts of a
 * 5 MB record cost a few kilobytes of reads.
 */
public final class PlainContentChunks
{
    private static final Set<Encoding> PLAIN_PAGES = Set.of(Encoding.PLAIN, Encoding.RLE, Encoding.BIT_PACKED);

    private final ParquetDataSource source;
    private final List<ColumnChunkMetadata> chunks;
    private final boolean optional;

    private PlainContentChunks(ParquetDataSource source, List<ColumnChunkMetadata> chunks, boolean optional)
    {
        this.source = source;
        this.chunks = chunks;
        this.optional = optional;
    }

    /** Visits the records of a data file in order. */
    public interface RecordVisitor
    {
        /** Record {@code row} of the file; {@code content} is empty for a null content value. */
        void visit(long row, Optional<StreamBytes> content);
    }

    static Optional<PlainContentChunks> find(ParquetDataSource source, Type column, List<BlockMetadata> rowGroups)
            throws IOException
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
            if (chunk == null || !isPlain(chunk)) {
                return Optional.empty();
            }
            chunks.add(chunk);
        }
        return Optional.of(new PlainContentChunks(source, List.copyOf(chunks), column.isRepetition(Type.Repetition.OPTIONAL)));
    }

    private static boolean isPlain(ColumnChunkMetadata chunk)
    {
        if (chunk.getCodec() != CompressionCodecName.UNCOMPRESSED) {
            return false;
        }
        EncodingStats stats = chunk.getEncodingStats();
        if (stats != null && (stats.hasDictionaryPages() || stats.hasDictionaryEncodedPages())) {
            return false;
        }
        return PLAIN_PAGES.containsAll(chunk.getEncodings());
    }

    /** Visits every record of the file, row group by row group. */
    public void visit(RecordVisitor visitor)
            throws IOException
    {
        long row = 0;
        for (ColumnChunkMetadata chunk : chunks) {
            row = visitChunk(chunk, row, visitor);
        }
    }

    private long visitChunk(ColumnChunkMetadata chunk, long firstRow, RecordVisitor visitor)
            throws IOException
    {
        ParquetDataSourceId id = source.getId();
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
            long dataStart = headerInput.position();
            long dataEnd = dataStart + header.getCompressed_page_size();
            if (header.getCompressed_page_size() < 0 || dataEnd > end || header.getUncompressed_page_size() != header.getCompressed_page_size()) {
                throw new ParquetCorruptionException(id, "Page at %s declares %s bytes (%s uncompressed) in a column chunk ending at %s", position, header.getCompressed_page_size(), header.getUncompressed_page_size(), end);
            }
            int values = switch (header.getType()) {
                case DATA_PAGE -> visitPageV1(file, header.getData_page_header(), dataStart, dataEnd, row, visitor);
                case DATA_PAGE_V2 -> visitPageV2(file, header.getData_page_header_v2(), dataStart, dataEnd, row, visitor);
                case DICTIONARY_PAGE -> throw new ParquetCorruptionException(id, "Dictionary page at %s in a column chunk without dictionary encoding", position);
                default -> 0;
            };
            if (values > valuesLeft) {
                throw new ParquetCorruptionException(id, "Page at %s holds %s values, more than the %s left in its column chunk", position, values, valuesLeft);
            }
            valuesLeft -= values;
            row += values;
            position = dataEnd;
        }
        return row;
    }

    private int visitPageV1(FileWindow file, DataPageHeader header, long dataStart, long dataEnd, long firstRow, RecordVisitor visitor)
            throws IOException
    {
        int values = checkedValueCount(header.getNum_values(), dataStart);
        checkPlain(header.getEncoding(), dataStart);
        boolean[] defined = null;
        long valuesStart = dataStart;
        if (optional) {
            if (dataEnd - dataStart < Integer.BYTES) {
                throw new ParquetCorruptionException(source.getId(), "Page at %s is too short for its definition levels", dataStart);
            }
            int levelsLength = file.readInt(dataStart);
            if (levelsLength < 0 || levelsLength > dataEnd - dataStart - Integer.BYTES) {
                throw new ParquetCorruptionException(source.getId(), "Definition levels of %s bytes overflow the page at %s", levelsLength, dataStart);
            }
            defined = DefinitionLevels.decode(file, dataStart + Integer.BYTES, dataStart + Integer.BYTES + levelsLength, values, source.getId());
            valuesStart = dataStart + Integer.BYTES + levelsLength;
        }
        visitValues(file, values, defined, valuesStart, dataEnd, firstRow, visitor);
        return values;
    }

    private int visitPageV2(FileWindow file, DataPageHeaderV2 header, long dataStart, long dataEnd, long firstRow, RecordVisitor visitor)
            throws IOException
    {
        int values = checkedValueCount(header.getNum_values(), dataStart);
        checkPlain(header.getEncoding(), dataStart);
        int repetitionLength = header.getRepetition_levels_byte_length();
        int definitionLength = header.getDefinition_levels_byte_length();
        if (repetitionLength != 0 || definitionLength < 0 || definitionLength > dataEnd - dataStart) {
            throw new ParquetCorruptionException(source.getId(), "Page at %s declares %s bytes of repetition and %s of definition levels", dataStart, repetitionLength, definitionLength);
        }
        boolean[] defined = optional ? DefinitionLevels.decode(file, dataStart, dataStart + definitionLength, values, source.getId()) : null;
        visitValues(file, values, defined, dataStart + definitionLength, dataEnd, firstRow, visitor);
        return values;
    }

    private void visitValues(FileWindow file, int values, boolean[] defined, long valuesStart, long dataEnd, long firstRow, RecordVisitor visitor)
            throws IOException
    {
        long position = valuesStart;
        for (int i = 0; i < values; i++) {
            if (defined != null && !defined[i]) {
                visitor.visit(firstRow + i, Optional.empty());
                continue;
            }
            if (dataEnd - position < Integer.BYTES) {
                throw new ParquetCorruptionException(source.getId(), "Value %s of the page ending at %s has no length", i, dataEnd);
            }
            int length = file.readInt(position);
            long valueStart = position + Integer.BYTES;
            if (length < 0 || length > dataEnd - valueStart) {
                throw new ParquetCorruptionException(source.getId(), "Value of %s bytes at %s overflows its page ending at %s", length, position, dataEnd);
            }
            visitor.visit(firstRow + i, Optional.of(new FileStreamBytes(file, valueStart, length)));
            position = valueStart + length;
        }
    }

    private int checkedValueCount(int values, long dataStart)
            throws ParquetCorruptionException
    {
        if (values < 0) {
            throw new ParquetCorruptionException(source.getId(), "Page at %s declares %s values", dataStart, values);
        }
        return values;
    }

    private void checkPlain(org.apache.parquet.format.Encoding encoding, long dataStart)
            throws ParquetCorruptionException
    {
        if (encoding != org.apache.parquet.format.Encoding.PLAIN) {
            throw new ParquetCorruptionException(source.getId(), "Page at %s is %s-encoded, though the column chunk declares only plain pages", dataStart, encoding);
        }
    }

    private record FileStreamBytes(FileWindow file, long start, int size)
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
                return file.read(start + offset, readLength);
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
