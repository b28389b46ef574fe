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

package io.bytestream.trino.reader;

import io.bytestream.arrow.StreamBytes;
import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.DeletedRows;
import io.bytestream.trino.error.RecordId;
import io.bytestream.trino.parquet.ContentColumnChunks;
import io.bytestream.trino.parquet.ContentColumnChunks.RecordVisitor;
import io.bytestream.trino.parquet.CorruptPage;
import io.bytestream.trino.parquet.FileColumn;
import io.bytestream.trino.parquet.ParquetDataFile;
import io.bytestream.trino.parquet.ParquetDataFile.DataFilePages;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.memory.context.AggregatedMemoryContext;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.spi.TrinoException;
import io.trino.spi.block.Block;
import io.trino.spi.connector.SchemaTableName;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static com.google.common.base.Preconditions.checkState;
import static io.bytestream.trino.error.BytestreamErrors.dataFileException;
import static io.bytestream.trino.error.BytestreamErrors.deletionVectorException;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.TypeUtils.readNativeValue;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static java.util.Objects.requireNonNull;

/**
 * The records of one data file, one at a time: the first stage of reading a split. A record's content and outer
 * values are read from Trino's Parquet reader pages; where the content column lies plainly in the file, records can
 * instead be visited, or read one at a time, as byte ranges of the file, so that only the parts of their IPC
 * streams a query needs are read: the outer values then come from the Parquet reader without the content column,
 * matched to the records by row. Records that the file's deletion vector deletes are passed over either way.
 */
final class DataFileRecords
        implements Closeable
{
    private static final int CONTENT_CHANNEL = 0;

    private record ContentRange(long row, Optional<StreamBytes> content) {}

    private final SchemaTableName table;
    private final DataFile file;
    private final RecordColumns columns;
    private final ParquetDataFile dataFile;
    private final DeletedRows deletedRows;
    // the data file's columns the Parquet reader reads, and how far their channels are from those of columns.fileColumns()
    private List<FileColumn> pageColumns;
    private int channelShift;
    // where the content is read by range: the records left, and the current one
    private Iterator<ContentRange> contentRanges;
    private ContentRange contentRange;
    private boolean readsOuterValues;
    private DataFilePages pages;
    private DataFilePages.Page page;
    // the content column's pages that fail their checksums, found before Trino's Parquet reader, which does not check them, reads content
    private List<CorruptPage> corruptPages;
    private int position;
    private int recordPosition;
    private long record = -1;
    private boolean done;

    private DataFileRecords(SchemaTableName table, DataFile file, RecordColumns columns, ParquetDataFile dataFile, DeletedRows deletedRows)
    {
        this.table = table;
        this.file = file;
        this.columns = columns;
        this.dataFile = dataFile;
        this.deletedRows = deletedRows;
        this.pageColumns = columns.fileColumns();
    }

    /**
     * @param tableLocation the table's folder, where deletion vectors stored by UUID are
     */
    static DataFileRecords open(TrinoFileSystem fileSystem, SchemaTableName table, Location tableLocation, DataFile file, RecordColumns columns, ParquetReaderOptions options, AggregatedMemoryContext memoryContext)
    {
        requireNonNull(table, "table is null");
        requireNonNull(columns, "columns is null");
        DeletedRows deletedRows = deletedRows(fileSystem, table, tableLocation, file);
        try {
            return new DataFileRecords(table, file, columns, ParquetDataFile.open(fileSystem.newInputFile(Location.of(file.path()), file.size()), file.size(), options, memoryContext, columns.fieldIds()), deletedRows);
        }
        catch (IOException | RuntimeException e) {
            throw dataFileException(table, file, e);
        }
    }

    static DeletedRows deletedRows(TrinoFileSystem fileSystem, SchemaTableName table, Location tableLocation, DataFile file)
    {
        try {
            return DeletedRows.of(fileSystem, tableLocation, file);
        }
        catch (IOException | RuntimeException e) {
            throw deletionVectorException(table, file, e);
        }
    }

    DataFile file()
    {
        return file;
    }

    /**
     * Visits every record of the file as the byte range of its page where the content column is read without
     * Trino's Parquet reader (see {@link ContentColumnChunks}); returns false, visiting nothing, where it is not.
     */
    boolean visitContent(RecordVisitor visitor)
    {
        return visitContent(false, visitor);
    }

    private boolean visitContent(boolean inPlaceOnly, RecordVisitor visitor)
    {
        try {
            Optional<ContentColumnChunks> chunks = dataFile.contentColumn(columns.contentColumn().name(), columns.verifiesChecksums());
            if (chunks.isEmpty() || (inPlaceOnly && !chunks.get().storedInPlace())) {
                return false;
            }
            chunks.get().visit((row, content) -> {
                if (!deletedRows.contains(row)) {
                    visitor.visit(row, content);
                }
            });
            return true;
        }
        catch (TrinoException e) {
            throw e;
        }
        catch (IOException | RuntimeException e) {
            throw dataFileException(table, file, e);
        }
    }

    /**
     * Reads the records' content where it lies in the file from now on ({@link #content()}), where the content
     * column is stored plainly; returns false, changing nothing, where it is not. The outer values are then read by
     * the Parquet reader without the content column. Call before the first {@link #next()}.
     */
    boolean readContentByRange()
    {
        checkState(pages == null && record < 0, "records already read");
        List<ContentRange> ranges = new ArrayList<>();
        // only ranges of the file itself: a range of a decompressed page would keep every page of the file in memory
        if (!visitContent(true, (row, content) -> ranges.add(new ContentRange(row, content)))) {
            return false;
        }
        contentRanges = ranges.iterator();
        pageColumns = columns.fileColumns().subList(CONTENT_CHANNEL + 1, columns.fileColumns().size());
        channelShift = CONTENT_CHANNEL + 1;
        readsOuterValues = columns.readsOuterColumns();
        return true;
    }

    /** Moves to the next record; false after the last. */
    boolean next()
    {
        if (done) {
            return false;
        }
        if (contentRanges != null) {
            return nextContentRange();
        }
        do {
            if (!nextRow()) {
                done = true;
                return false;
            }
        }
        while (deletedRows.contains(record));
        return true;
    }

    private boolean nextContentRange()
    {
        if (!contentRanges.hasNext()) {
            done = true;
            return false;
        }
        contentRange = contentRanges.next();
        if (!readsOuterValues) {
            record = contentRange.row();
            return true;
        }
        // both in file row order: the Parquet reader's rows up to this record's, deleted ones included, are passed over
        while (record < contentRange.row()) {
            if (!nextRow()) {
                throw dataFileException(table, file, new IllegalStateException("the outer columns end before record %s of the content column".formatted(contentRange.row())));
            }
        }
        return true;
    }

    private boolean nextRow()
    {
        try {
            while (page == null || position >= page.positionCount()) {
                if (pages == null) {
                    pages = dataFile.read(pageColumns);
                }
                page = pages.next();
                position = 0;
                if (page == null) {
                    return false;
                }
            }
        }
        catch (IOException | RuntimeException e) {
            throw dataFileException(table, file, e);
        }
        recordPosition = position++;
        record++;
        return true;
    }

    /** Whether the content is read by range, after {@link #readContentByRange()}. */
    boolean readsContentByRange()
    {
        return contentRanges != null;
    }

    /**
     * The current record's content: where it lies in the file after {@link #readContentByRange()}, in memory as Trino's
     * Parquet reader read it otherwise. A record of a page that fails its checksum has a {@link CorruptPage} content
     * either way, which readers refuse as a bad record. Empty for a NULL content.
     */
    Optional<StreamBytes> content()
    {
        if (contentRanges != null) {
            return contentRange.content();
        }
        for (CorruptPage corruptPage : corruptPages()) {
            if (corruptPage.holds(record)) {
                return Optional.of(corruptPage.content());
            }
        }
        Block content = block(CONTENT_CHANNEL);
        return content.isNull(recordPosition) ? Optional.empty() : Optional.of(StreamBytes.of(VARBINARY.getSlice(content, recordPosition)));
    }

    private List<CorruptPage> corruptPages()
    {
        if (corruptPages == null) {
            if (!columns.verifiesChecksums()) {
                corruptPages = List.of();
                return corruptPages;
            }
            try {
                corruptPages = dataFile.corruptPages(columns.contentColumn().name());
            }
            catch (IOException | RuntimeException e) {
                throw dataFileException(table, file, e);
            }
        }
        return corruptPages;
    }

    /** The current record's value of file column {@code fileChannel}, as a single-value block. */
    Block value(int fileChannel)
    {
        try {
            return block(fileChannel).getSingleValueBlock(recordPosition);
        }
        catch (RuntimeException e) {
            throw dataFileException(table, file, e);
        }
    }

    /** The current record's value of file column {@code fileChannel} as a Trino native value (null for NULL), read without its content. */
    Object nativeValue(int fileChannel)
    {
        checkState(contentRanges == null || readsOuterValues, "the outer columns are not read");
        try {
            return readNativeValue(columns.fileColumns().get(fileChannel).type(), block(fileChannel), recordPosition);
        }
        catch (TrinoException e) {
            throw e;
        }
        catch (RuntimeException e) {
            throw dataFileException(table, file, e);
        }
    }

    /** Names the current record in errors, with its version. */
    RecordId recordId()
    {
        if (contentRanges != null && !readsOuterValues) {
            return recordId(record);
        }
        Optional<OptionalLong> version = Optional.empty();
        if (columns.versionFileChannel() >= 0) {
            version = Optional.of(version(block(columns.versionFileChannel()), recordPosition));
        }
        return new RecordId(table, file, record, columns.versionColumnName(), version);
    }

    /** Names record {@code row} of the file, found without reading the outer columns: its version is read now, on the way to an error. */
    RecordId recordId(long row)
    {
        return new RecordId(table, file, row, columns.versionColumnName(), columns.versionFileChannel() < 0 ? Optional.empty() : readVersion(row));
    }

    private Optional<OptionalLong> readVersion(long row)
    {
        try {
            DataFilePages versions = dataFile.read(List.of(columns.fileColumns().get(columns.versionFileChannel())));
            long firstRow = 0;
            for (DataFilePages.Page versionPage = versions.next(); versionPage != null; versionPage = versions.next()) {
                if (row < firstRow + versionPage.positionCount()) {
                    return Optional.of(version(versionPage.block(0), (int) (row - firstRow)));
                }
                firstRow += versionPage.positionCount();
            }
        }
        catch (IOException | RuntimeException _) {
            // the record is described without its version
        }
        return Optional.empty();
    }

    private static OptionalLong version(Block versions, int position)
    {
        return versions.isNull(position) ? OptionalLong.empty() : OptionalLong.of(BIGINT.getLong(versions, position));
    }

    private Block block(int fileChannel)
    {
        try {
            return page.block(fileChannel - channelShift);
        }
        catch (RuntimeException e) {
            throw dataFileException(table, file, e);
        }
    }

    /** Bytes read from storage so far. */
    long readBytes()
    {
        return dataFile.readBytes();
    }

    /** Memory held by the page of records being read; the Parquet reader accounts its column chunks itself. */
    long retainedSizeInBytes()
    {
        return page == null ? 0 : page.retainedSizeInBytes();
    }

    @Override
    public void close()
    {
        page = null;
        pages = null;
        try {
            dataFile.close();
        }
        catch (IOException e) {
            throw dataFileException(table, file, e);
        }
    }
}
