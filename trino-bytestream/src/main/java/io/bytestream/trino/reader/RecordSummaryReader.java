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

import io.bytestream.arrow.IpcStreamSummary;
import io.bytestream.arrow.StreamBytes;
import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.parquet.CorruptPage;
import io.bytestream.trino.reader.RecordColumns.Channel;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.spi.Page;
import io.trino.spi.PageBuilder;
import io.trino.spi.TrinoException;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.connector.SchemaTableName;

import java.util.List;

import static io.airlift.slice.Slices.utf8Slice;
import static io.bytestream.trino.error.BytestreamErrors.isBadRecord;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * Reads the rows of {@code "<table>$records"} for a split: one per live record of its data files, with the record's
 * outer values and what its IPC message headers tell of its content ({@link RecordSummaryColumn}). Batch bodies are
 * never read; where a data file stores the content column plainly, only the headers are read from the file. A bad
 * record gives a row with its error, never a failure.
 */
public final class RecordSummaryReader
        implements SplitReader
{
    private final SplitFiles files;
    private final RecordColumns columns;
    private final List<Channel> channels;
    private final RecordDecoder decoder;
    private final PageAssembler assembler;
    private final PageBuilder pageBuilder;

    private DataFileRecords records;
    private Block[] fileValues;
    private boolean finished;
    private long recordsRead;
    private long recordsSkipped;

    public RecordSummaryReader(TrinoFileSystem fileSystem, SchemaTableName table, Location tableLocation, List<DataFile> files, RecordColumns columns, long maxRecordSize, ParquetReaderOptions parquetOptions)
    {
        this.files = new SplitFiles(fileSystem, table, tableLocation, files, columns, parquetOptions);
        this.columns = columns;
        this.channels = columns.channels();
        this.decoder = new RecordDecoder(List.of(), maxRecordSize);
        this.assembler = new PageAssembler(table, columns);
        this.pageBuilder = new PageBuilder(channels.stream().map(Channel::type).toList());
    }

    @Override
    public Page nextPage()
    {
        while (!finished && !pageBuilder.isFull()) {
            if (records != null && records.next()) {
                addRow();
            }
            else {
                records = null;
                files.closeCurrent();
                if (files.hasNext()) {
                    openFile(files.next());
                }
                else {
                    finished = true;
                }
            }
        }
        if (pageBuilder.isEmpty()) {
            return null;
        }
        Page page = pageBuilder.build();
        pageBuilder.reset();
        return page;
    }

    private void openFile(DataFile file)
    {
        fileValues = assembler.fileValues(file);
        records = files.open(file);
        records.readContentByRange();
    }

    private void addRow()
    {
        // as for the table's rows, a record the record filter passes over is not looked at further
        if (columns.filtersRecords() && !columns.takesRecord(records::nativeValue)) {
            recordsSkipped++;
            return;
        }
        Block[] values = assembler.recordValues(fileValues, records::value);
        Summary summary = summarize();
        recordsRead++;
        pageBuilder.declarePosition();
        for (int channel = 0; channel < channels.size(); channel++) {
            BlockBuilder output = pageBuilder.getBlockBuilder(channel);
            Channel column = channels.get(channel);
            if (column.source() == RecordColumns.Source.RECORD_SUMMARY) {
                summary.write(RecordSummaryColumn.values()[column.index()], output);
            }
            else {
                output.append(values[channel].getUnderlyingValueBlock(), values[channel].getUnderlyingValuePosition(0));
            }
        }
    }

    private Summary summarize()
    {
        return records.content().map(this::summarize).orElse(Summary.NULL_CONTENT);
    }

    private Summary summarize(StreamBytes content)
    {
        try {
            return Summary.of(content.length(), decoder.summarize(content, records::recordId));
        }
        catch (TrinoException e) {
            if (isBadRecord(e)) {
                // the length of a record of a page that fails its checksum is not known
                return Summary.bad(content instanceof CorruptPage.Content ? null : content.length(), e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public boolean isFinished()
    {
        return finished && pageBuilder.isEmpty();
    }

    @Override
    public long completedBytes()
    {
        return files.completedBytes();
    }

    @Override
    public long memoryUsage()
    {
        return files.memoryUsage() + pageBuilder.getRetainedSizeInBytes();
    }

    @Override
    public long filesCountedFromHeaders()
    {
        return 0;
    }

    /** Records whose IPC headers were read. */
    @Override
    public long recordsRead()
    {
        return recordsRead;
    }

    /** Records the scan's record filter passed over, their headers unread. */
    @Override
    public long recordsSkipped()
    {
        return recordsSkipped;
    }

    /** None: batch bodies are never decoded. */
    @Override
    public long batchesDecoded()
    {
        return 0;
    }

    @Override
    public long bytesDecoded()
    {
        return 0;
    }

    @Override
    public void close()
    {
        finished = true;
        pageBuilder.reset();
        records = null;
        files.close();
    }

    /**
     * One record's summary columns; a NULL content has no batches and no inner rows, and a bad record only its length
     * and error.
     */
    private record Summary(Long contentLength, Long batches, Long innerRows, String compression, String schema, String error)
    {
        static final Summary NULL_CONTENT = new Summary(null, 0L, 0L, null, null, null);

        static Summary of(long contentLength, IpcStreamSummary stream)
        {
            return new Summary(contentLength, stream.recordBatches(), stream.rows(), stream.compression(), stream.schema(), null);
        }

        static Summary bad(Long contentLength, String error)
        {
            return new Summary(contentLength, null, null, null, null, error);
        }

        void write(RecordSummaryColumn column, BlockBuilder output)
        {
            switch (column) {
                case CONTENT_LENGTH -> writeBigint(contentLength, output);
                case BATCHES -> writeBigint(batches, output);
                case INNER_ROWS -> writeBigint(innerRows, output);
                case COMPRESSION -> writeVarchar(compression, output);
                case SCHEMA -> writeVarchar(schema, output);
                case ERROR -> writeVarchar(error, output);
            }
        }

        private static void writeBigint(Long value, BlockBuilder output)
        {
            if (value == null) {
                output.appendNull();
            }
            else {
                BIGINT.writeLong(output, value);
            }
        }

        private static void writeVarchar(String value, BlockBuilder output)
        {
            if (value == null) {
                output.appendNull();
            }
            else {
                VARCHAR.writeSlice(output, utf8Slice(value));
            }
        }
    }
}
