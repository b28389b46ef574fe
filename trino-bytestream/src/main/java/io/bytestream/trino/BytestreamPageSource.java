package io.bytestream.trino;

import com.google.common.collect.ImmutableList;
import io.airlift.slice.Slice;
import io.bytestream.arrow.DecodedBatch;
import io.bytestream.arrow.IpcColumn;
import io.bytestream.arrow.IpcFormatException;
import io.bytestream.arrow.IpcStreamDecoder;
import io.bytestream.arrow.UnsupportedArrowTypeException;
import io.bytestream.delta.DataFile;
import io.bytestream.delta.DeltaTableLog;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.trino.spi.Page;
import io.trino.spi.TrinoException;
import io.trino.spi.block.Block;
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.connector.ConnectorPageSource;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.connector.SourcePage;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static io.airlift.slice.Slices.utf8Slice;
import static io.airlift.slice.Slices.wrappedBuffer;
import static io.bytestream.trino.BytestreamErrorCode.BYTESTREAM_BAD_RECORD;
import static io.bytestream.trino.BytestreamErrorCode.BYTESTREAM_RECORD_TOO_LARGE;
import static io.bytestream.trino.BytestreamErrorCode.BYTESTREAM_UNSUPPORTED_TYPE;
import static io.bytestream.trino.DataFileErrors.dataFileException;
import static io.trino.spi.predicate.Utils.nativeValueToBlock;
import static java.util.Objects.requireNonNull;

/**
 * Reads the records of a split's data files and decodes every record batch of every record's Arrow IPC
 * stream into pages: inner columns from the stream, hidden columns repeated from the record.
 */
public class BytestreamPageSource
        implements ConnectorPageSource
{
    private static final int MAX_ROWS_PER_COUNT_PAGE = 1 << 16;

    private final DeltaTableLog log;
    private final SchemaTableName table;
    private final Iterator<DataFile> files;
    private final List<BytestreamColumnHandle> columns;
    private final int[] innerIndex;
    private final int[] outerOrdinal;
    private final IpcStreamDecoder decoder;
    private final boolean decodeInnerColumns;
    private final StructType physicalSchema;
    private final Optional<String> versionColumn;
    private final long maxRecordSize;
    private final ArrayDeque<Page> pending = new ArrayDeque<>();

    private DataFile currentFile;
    private CloseableIterator<ColumnarBatch> batches;
    private ColumnarBatch batch;
    private int row;
    private int recordInFile;
    private boolean finished;
    private long completedBytes;
    private long completedPositions;
    private long readTimeNanos;
    private long pendingBytes;

    public BytestreamPageSource(
            DeltaTableLog log,
            SchemaTableName table,
            List<DataFile> files,
            List<BytestreamColumnHandle> columns,
            String contentColumn,
            Optional<String> versionColumn,
            long maxRecordSize)
    {
        this.log = requireNonNull(log, "log is null");
        this.table = requireNonNull(table, "table is null");
        this.files = ImmutableList.copyOf(files).iterator();
        this.columns = ImmutableList.copyOf(columns);
        this.versionColumn = requireNonNull(versionColumn, "versionColumn is null");
        this.maxRecordSize = maxRecordSize;

        ImmutableList.Builder<IpcColumn> innerColumns = ImmutableList.builder();
        StructType schema = new StructType().add(contentColumn, BinaryType.BINARY);
        innerIndex = new int[columns.size()];
        int inner = 0;
        for (int channel = 0; channel < columns.size(); channel++) {
            BytestreamColumnHandle column = columns.get(channel);
            innerIndex[channel] = -1;
            switch (column.kind()) {
                case INNER -> {
                    innerIndex[channel] = inner++;
                    innerColumns.add(new IpcColumn(column.sourceName(), column.type()));
                }
                case OUTER -> {
                    if (schema.indexOf(column.sourceName()) < 0) {
                        schema = schema.add(column.sourceName(), OuterColumnTypes.deltaType(column.type()));
                    }
                }
                case PARTITION, PATH -> {}
            }
        }
        if (versionColumn.isPresent() && schema.indexOf(versionColumn.get()) < 0) {
            schema = schema.add(versionColumn.get(), LongType.LONG);
        }
        this.physicalSchema = schema;
        this.outerOrdinal = new int[columns.size()];
        for (int channel = 0; channel < columns.size(); channel++) {
            outerOrdinal[channel] = columns.get(channel).kind() == BytestreamColumnHandle.Kind.OUTER ? schema.indexOf(columns.get(channel).sourceName()) : -1;
        }
        this.decodeInnerColumns = inner > 0;
        // a compressed record may not decompress to more than an uncompressed one may hold
        this.decoder = new IpcStreamDecoder(innerColumns.build(), maxRecordSize);
    }

    @Override
    public SourcePage getNextSourcePage()
    {
        long start = System.nanoTime();
        try {
            while (pending.isEmpty() && !finished) {
                if (!advanceToNextRecord()) {
                    finished = true;
                    break;
                }
                readRecord();
            }
        }
        finally {
            readTimeNanos += System.nanoTime() - start;
        }
        Page page = pending.poll();
        if (page == null) {
            return null;
        }
        pendingBytes -= page.getRetainedSizeInBytes();
        completedPositions += page.getPositionCount();
        return SourcePage.create(page);
    }

    private boolean advanceToNextRecord()
    {
        while (batch == null || row >= batch.getSize()) {
            if (batches != null && nextBatch()) {
                continue;
            }
            closeCurrentFile();
            if (!files.hasNext()) {
                return false;
            }
            currentFile = files.next();
            recordInFile = 0;
            try {
                batches = log.readDataFile(currentFile, physicalSchema);
            }
            catch (RuntimeException e) {
                throw dataFileException(table, currentFile.path(), e);
            }
            completedBytes += currentFile.size();
        }
        return true;
    }

    private boolean nextBatch()
    {
        try {
            if (!batches.hasNext()) {
                return false;
            }
            batch = batches.next();
            row = 0;
            return true;
        }
        catch (RuntimeException e) {
            throw dataFileException(table, currentFile.path(), e);
        }
    }

    private void readRecord()
    {
        int recordRow = row++;
        int record = recordInFile++;
        ColumnVector content = batch.getColumnVector(0);
        if (content.isNullAt(recordRow)) {
            return;
        }
        byte[] bytes = content.getBinary(recordRow);
        if (bytes.length > maxRecordSize) {
            throw new TrinoException(BYTESTREAM_RECORD_TOO_LARGE, "%s holds %s bytes, more than bytestream.max-record-size (%s bytes)".formatted(describeRecord(record, recordRow), bytes.length, maxRecordSize));
        }
        Slice stream = wrappedBuffer(bytes);
        Block[] hiddenValues = hiddenValues(recordRow);
        try {
            if (decodeInnerColumns) {
                decoder.decode(stream, decoded -> addPage(decoded, hiddenValues));
            }
            else {
                long rows = IpcStreamDecoder.countRows(stream);
                while (rows > 0) {
                    int positions = (int) Math.min(rows, MAX_ROWS_PER_COUNT_PAGE);
                    addPage(new DecodedBatch(positions, new Block[0]), hiddenValues);
                    rows -= positions;
                }
            }
        }
        catch (UnsupportedArrowTypeException e) {
            throw new TrinoException(BYTESTREAM_UNSUPPORTED_TYPE, "%s: %s".formatted(describeRecord(record, recordRow), e.getMessage()), e);
        }
        catch (IpcFormatException e) {
            throw new TrinoException(BYTESTREAM_BAD_RECORD, "%s has a corrupt Arrow IPC stream: %s".formatted(describeRecord(record, recordRow), e.getMessage()), e);
        }
    }

    private Block[] hiddenValues(int recordRow)
    {
        Block[] values = new Block[columns.size()];
        for (int channel = 0; channel < columns.size(); channel++) {
            BytestreamColumnHandle column = columns.get(channel);
            Object value = switch (column.kind()) {
                case INNER -> null;
                case OUTER -> OuterColumnTypes.readValue(batch.getColumnVector(outerOrdinal[channel]), recordRow, column.type());
                case PARTITION -> OuterColumnTypes.parsePartitionValue(currentFile.partitionValues().get(column.sourceName()), column.type());
                case PATH -> utf8Slice(currentFile.path());
            };
            if (column.kind() != BytestreamColumnHandle.Kind.INNER) {
                values[channel] = nativeValueToBlock(column.type(), value);
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
        Page page = new Page(positions, blocks);
        pending.add(page);
        pendingBytes += page.getRetainedSizeInBytes();
    }

    private String describeRecord(int record, int recordRow)
    {
        StringBuilder description = new StringBuilder()
                .append("Table ").append(table)
                .append(", data file ").append(currentFile.path())
                .append(", record ").append(record);
        currentFile.partitionValues().forEach((name, value) -> description.append(", $").append(name).append('=').append(value));
        versionColumn.ifPresent(name -> {
            ColumnVector version = batch.getColumnVector(physicalSchema.indexOf(name));
            description.append(", $").append(name).append('=').append(version.isNullAt(recordRow) ? "NULL" : String.valueOf(version.getLong(recordRow)));
        });
        return description.toString();
    }

    private void closeCurrentFile()
    {
        batch = null;
        if (batches != null) {
            try {
                batches.close();
            }
            catch (IOException e) {
                throw dataFileException(table, currentFile.path(), e);
            }
            finally {
                batches = null;
            }
        }
    }

    @Override
    public long getCompletedBytes()
    {
        return completedBytes;
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
        return pendingBytes;
    }

    @Override
    public void close()
    {
        finished = true;
        pending.clear();
        pendingBytes = 0;
        closeCurrentFile();
    }
}
