package io.bytestream.trino;

import com.google.common.collect.ImmutableList;
import io.airlift.slice.Slice;
import io.bytestream.arrow.DecodedBatch;
import io.bytestream.arrow.IpcColumn;
import io.bytestream.arrow.IpcFormatException;
import io.bytestream.arrow.IpcStreamDecoder;
import io.bytestream.arrow.UnsupportedArrowTypeException;
import io.bytestream.delta.DataFile;
import io.bytestream.parquet.FileColumn;
import io.bytestream.parquet.ParquetDataFile;
import io.bytestream.parquet.ParquetDataFile.DataFilePages;
import io.bytestream.parquet.PlainContentChunks;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.memory.context.AggregatedMemoryContext;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.spi.Page;
import io.trino.spi.TrinoException;
import io.trino.spi.block.Block;
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.connector.ConnectorPageSource;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.connector.SourcePage;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static io.airlift.slice.Slices.utf8Slice;
import static io.bytestream.trino.BytestreamErrorCode.BYTESTREAM_BAD_RECORD;
import static io.bytestream.trino.BytestreamErrorCode.BYTESTREAM_RECORD_TOO_LARGE;
import static io.bytestream.trino.BytestreamErrorCode.BYTESTREAM_UNSUPPORTED_TYPE;
import static io.bytestream.trino.DataFileErrors.dataFileException;
import static io.trino.memory.context.AggregatedMemoryContext.newSimpleAggregatedMemoryContext;
import static io.trino.spi.predicate.Utils.nativeValueToBlock;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static java.util.Objects.requireNonNull;

/**
 * Reads the records of a split's data files and decodes every record batch of every record's Arrow IPC
 * stream into pages: inner columns from the stream, hidden columns repeated from the record.
 * Data files are read with Trino's Parquet reader, only the content column and the outer columns asked for.
 */
public class BytestreamPageSource
        implements ConnectorPageSource
{
    private static final int MAX_ROWS_PER_COUNT_PAGE = 1 << 16;
    private static final int CONTENT_CHANNEL = 0;

    private final TrinoFileSystem fileSystem;
    private final SchemaTableName table;
    private final Iterator<DataFile> files;
    private final List<BytestreamColumnHandle> columns;
    private final int[] innerIndex;
    private final int[] fileChannel;
    private final List<FileColumn> fileColumns;
    private final int versionChannel;
    private final Optional<String> versionColumn;
    private final IpcStreamDecoder decoder;
    private final boolean decodeInnerColumns;
    // no inner column and no outer column but content: row counts can come from the IPC headers where they lie in the file
    private final boolean countFromHeaders;
    private final long maxRecordSize;
    private final ParquetReaderOptions parquetOptions;
    private final AggregatedMemoryContext memoryContext = newSimpleAggregatedMemoryContext();
    private final ArrayDeque<Page> pending = new ArrayDeque<>();

    private DataFile currentFile;
    private ParquetDataFile dataFile;
    private DataFilePages filePages;
    private Block[] fileConstants;
    private DataFilePages.Page page;
    private int position;
    private int recordInFile;
    // the record being decoded
    private int record;
    private int recordPosition;
    private Block[] recordHiddenValues;
    private IpcStreamDecoder.DecodedBatches recordBatches;
    private boolean finished;
    private long completedBytes;
    private long completedPositions;
    private long readTimeNanos;
    private long pendingBytes;

    public BytestreamPageSource(
            TrinoFileSystem fileSystem,
            SchemaTableName table,
            List<DataFile> files,
            List<BytestreamColumnHandle> columns,
            String contentColumn,
            Optional<String> versionColumn,
            long maxRecordSize,
            ParquetReaderOptions parquetOptions)
    {
        this.fileSystem = requireNonNull(fileSystem, "fileSystem is null");
        this.table = requireNonNull(table, "table is null");
        this.files = ImmutableList.copyOf(files).iterator();
        this.columns = ImmutableList.copyOf(columns);
        this.versionColumn = requireNonNull(versionColumn, "versionColumn is null");
        this.maxRecordSize = maxRecordSize;
        this.parquetOptions = requireNonNull(parquetOptions, "parquetOptions is null");

        List<FileColumn> readColumns = new ArrayList<>();
        readColumns.add(new FileColumn(contentColumn, VARBINARY));
        ImmutableList.Builder<IpcColumn> innerColumns = ImmutableList.builder();
        innerIndex = new int[columns.size()];
        fileChannel = new int[columns.size()];
        int inner = 0;
        for (int channel = 0; channel < columns.size(); channel++) {
            BytestreamColumnHandle column = columns.get(channel);
            innerIndex[channel] = -1;
            fileChannel[channel] = -1;
            switch (column.kind()) {
                case INNER -> {
                    innerIndex[channel] = inner++;
                    innerColumns.add(new IpcColumn(column.sourceName(), column.type()));
                }
                case OUTER -> fileChannel[channel] = channelOf(readColumns, new FileColumn(column.sourceName(), column.type()));
                case PARTITION, PATH -> {}
            }
        }
        int contentAndOuterColumns = readColumns.size();
        // read only to describe a bad record: Parquet pages are lazy, so the version column is loaded only then
        this.versionChannel = versionColumn.map(name -> channelOf(readColumns, new FileColumn(name, BIGINT))).orElse(-1);
        this.fileColumns = ImmutableList.copyOf(readColumns);
        this.decodeInnerColumns = inner > 0;
        this.countFromHeaders = inner == 0 && contentAndOuterColumns == 1;
        // a compressed record may not decompress to more than an uncompressed one may hold
        this.decoder = new IpcStreamDecoder(innerColumns.build(), maxRecordSize);
    }

    private static int channelOf(List<FileColumn> readColumns, FileColumn column)
    {
        int existing = readColumns.indexOf(column);
        if (existing >= 0) {
            return existing;
        }
        readColumns.add(column);
        return readColumns.size() - 1;
    }

    @Override
    public SourcePage getNextSourcePage()
    {
        long start = System.nanoTime();
        try {
            while (pending.isEmpty() && !finished) {
                if (recordBatches != null) {
                    decodeNextBatch();
                }
                else if (page != null && position < page.positionCount()) {
                    readRecord();
                }
                else if (filePages == null || !nextFilePage()) {
                    closeCurrentFile();
                    if (files.hasNext()) {
                        openFile(files.next());
                    }
                    else {
                        finished = true;
                    }
                }
            }
        }
        finally {
            readTimeNanos += System.nanoTime() - start;
        }
        Page next = pending.poll();
        if (next == null) {
            return null;
        }
        pendingBytes -= next.getRetainedSizeInBytes();
        completedPositions += next.getPositionCount();
        return SourcePage.create(next);
    }

    private void openFile(DataFile file)
    {
        currentFile = file;
        recordInFile = 0;
        fileConstants = fileConstants(file);
        try {
            dataFile = ParquetDataFile.open(fileSystem.newInputFile(Location.of(file.path()), file.size()), file.size(), parquetOptions, memoryContext);
            if (countFromHeaders) {
                Optional<PlainContentChunks> plainContent = dataFile.plainColumn(fileColumns.get(CONTENT_CHANNEL).name());
                if (plainContent.isPresent()) {
                    addCountPages(countRowsFromHeaders(plainContent.get()), fileConstants);
                    return;
                }
            }
            filePages = dataFile.read(fileColumns);
        }
        catch (TrinoException e) {
            throw e;
        }
        catch (IOException | RuntimeException e) {
            throw dataFileException(table, file, e);
        }
    }

    /** The inner rows of every record of the file, from the IPC message headers alone. */
    private long countRowsFromHeaders(PlainContentChunks content)
            throws IOException
    {
        long[] rows = new long[1];
        content.visit((row, stream) -> {
            if (stream.isPresent()) {
                if (stream.get().length() > maxRecordSize) {
                    throw recordTooLarge(describeRecordAt(row), stream.get().length());
                }
                try {
                    rows[0] += IpcStreamDecoder.countRows(stream.get());
                }
                catch (IpcFormatException e) {
                    throw recordException(describeRecordAt(row), e);
                }
            }
        });
        return rows[0];
    }

    private boolean nextFilePage()
    {
        try {
            page = filePages.next();
            position = 0;
            return page != null;
        }
        catch (IOException | RuntimeException e) {
            throw dataFileException(table, currentFile, e);
        }
    }

    private void readRecord()
    {
        recordPosition = position++;
        record = recordInFile++;
        Block content = contentBlock();
        if (content.isNull(recordPosition)) {
            return;
        }
        Slice stream = VARBINARY.getSlice(content, recordPosition);
        if (stream.length() > maxRecordSize) {
            throw recordTooLarge(describeRecord(record, recordPosition), stream.length());
        }
        recordHiddenValues = hiddenValues(recordPosition);
        try {
            if (decodeInnerColumns) {
                recordBatches = decoder.batches(stream);
            }
            else {
                addCountPages(IpcStreamDecoder.countRows(stream), recordHiddenValues);
            }
        }
        catch (IpcFormatException e) {
            throw recordException(describeRecord(record, recordPosition), e);
        }
    }

    /** One batch of the current record: the record's batches are decoded as the engine asks for pages. */
    private void decodeNextBatch()
    {
        DecodedBatch batch;
        try {
            batch = recordBatches.next();
        }
        catch (IpcFormatException e) {
            throw recordException(describeRecord(record, recordPosition), e);
        }
        if (batch == null) {
            recordBatches = null;
            return;
        }
        addPage(batch, recordHiddenValues);
    }

    private TrinoException recordTooLarge(String record, long bytes)
    {
        return new TrinoException(BYTESTREAM_RECORD_TOO_LARGE, "%s holds %s bytes, more than bytestream.max-record-size (%s bytes)".formatted(record, bytes, maxRecordSize));
    }

    /** An unsupported type is a kind of format error: the record holds what the table's columns cannot read. */
    private static TrinoException recordException(String record, IpcFormatException e)
    {
        if (e instanceof UnsupportedArrowTypeException) {
            return new TrinoException(BYTESTREAM_UNSUPPORTED_TYPE, "%s: %s".formatted(record, e.getMessage()), e);
        }
        return new TrinoException(BYTESTREAM_BAD_RECORD, "%s has a corrupt Arrow IPC stream: %s".formatted(record, e.getMessage()), e);
    }

    private void addCountPages(long rows, Block[] hiddenValues)
    {
        while (rows > 0) {
            int positions = (int) Math.min(rows, MAX_ROWS_PER_COUNT_PAGE);
            addPage(new DecodedBatch(positions, new Block[0]), hiddenValues);
            rows -= positions;
        }
    }

    private Block contentBlock()
    {
        try {
            return page.block(CONTENT_CHANNEL);
        }
        catch (RuntimeException e) {
            throw dataFileException(table, currentFile, e);
        }
    }

    /** Values of the partition and path columns: the same for every record of a file. */
    private Block[] fileConstants(DataFile file)
    {
        Block[] values = new Block[columns.size()];
        for (int channel = 0; channel < columns.size(); channel++) {
            BytestreamColumnHandle column = columns.get(channel);
            switch (column.kind()) {
                case PARTITION -> values[channel] = nativeValueToBlock(column.type(), OuterColumnTypes.parsePartitionValue(file.partitionValues().get(column.sourceName()), column.type()));
                case PATH -> values[channel] = nativeValueToBlock(column.type(), utf8Slice(file.path()));
                case INNER, OUTER -> {}
            }
        }
        return values;
    }

    private Block[] hiddenValues(int recordPosition)
    {
        Block[] values = fileConstants.clone();
        for (int channel = 0; channel < columns.size(); channel++) {
            if (fileChannel[channel] >= 0) {
                try {
                    values[channel] = page.block(fileChannel[channel]).getSingleValueBlock(recordPosition);
                }
                catch (RuntimeException e) {
                    throw dataFileException(table, currentFile, e);
                }
            }
        }
        return values;
    }

    private void addPage(DecodedBatch decoded, Block[] hiddenValues)
    {
        int positions = decoded.positionCount();
        if (positions == 0) {
            return;
        }
        Block[] blocks = new Block[columns.size()];
        for (int channel = 0; channel < blocks.length; channel++) {
            blocks[channel] = innerIndex[channel] >= 0
                    ? decoded.blocks()[innerIndex[channel]]
                    : RunLengthEncodedBlock.create(hiddenValues[channel], positions);
        }
        Page decodedPage = new Page(positions, blocks);
        pending.add(decodedPage);
        pendingBytes += decodedPage.getRetainedSizeInBytes();
    }

    private String describeRecord(int record, int recordPosition)
    {
        OptionalLong version = OptionalLong.empty();
        if (versionColumn.isPresent()) {
            Block versions = page.block(versionChannel);
            version = versions.isNull(recordPosition) ? OptionalLong.empty() : OptionalLong.of(BIGINT.getLong(versions, recordPosition));
        }
        return describeRecord(record, Optional.of(version));
    }

    /** Describes a record found without reading the outer columns: its version is read now, on the way to an error. */
    private String describeRecordAt(long row)
    {
        if (versionColumn.isEmpty()) {
            return describeRecord(row, Optional.empty());
        }
        try {
            DataFilePages versions = dataFile.read(List.of(fileColumns.get(versionChannel)));
            long firstRow = 0;
            for (DataFilePages.Page versionPage = versions.next(); versionPage != null; versionPage = versions.next()) {
                if (row < firstRow + versionPage.positionCount()) {
                    Block block = versionPage.block(0);
                    int versionPosition = (int) (row - firstRow);
                    return describeRecord(row, Optional.of(block.isNull(versionPosition) ? OptionalLong.empty() : OptionalLong.of(BIGINT.getLong(block, versionPosition))));
                }
                firstRow += versionPage.positionCount();
            }
        }
        catch (IOException | RuntimeException _) {
            // the record is described without its version
        }
        return describeRecord(row, Optional.empty());
    }

    /** Names table, data file, record and its hidden values; {@code version} is empty where it was not read. */
    private String describeRecord(long record, Optional<OptionalLong> version)
    {
        StringBuilder description = new StringBuilder()
                .append("Table ").append(table)
                .append(", data file ").append(currentFile.path())
                .append(", record ").append(record);
        currentFile.partitionValues().forEach((name, value) -> description.append(", $").append(name).append('=').append(value));
        if (versionColumn.isPresent() && version.isPresent()) {
            description.append(", $").append(versionColumn.get()).append('=').append(version.get().isPresent() ? String.valueOf(version.get().getAsLong()) : "NULL");
        }
        return description.toString();
    }

    private void closeCurrentFile()
    {
        recordBatches = null;
        page = null;
        filePages = null;
        if (dataFile != null) {
            try {
                completedBytes += dataFile.readBytes();
                dataFile.close();
            }
            catch (IOException e) {
                throw dataFileException(table, currentFile, e);
            }
            finally {
                dataFile = null;
            }
        }
    }

    @Override
    public long getCompletedBytes()
    {
        return completedBytes + (dataFile == null ? 0 : dataFile.readBytes());
    }

    @Override
    public OptionalLong getCompletedPositions()
    {
        return OptionalLong.of(completedPositions);
    }

    @Override
    public long getReadTimeNanos()
    {
        return readTimeNanos;
    }

    @Override
    public boolean isFinished()
    {
        return finished && pending.isEmpty();
    }

    @Override
    public long getMemoryUsage()
    {
        // the Parquet reader accounts the column chunks it reads; the page of records decoded from them is held here
        return memoryContext.getBytes() + pendingBytes + (page == null ? 0 : page.retainedSizeInBytes());
    }

    @Override
    public void close()
    {
        finished = true;
        pending.clear();
        pendingBytes = 0;
        try {
            closeCurrentFile();
        }
        finally {
            memoryContext.close();
        }
    }
}
