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

import io.bytestream.arrow.DecodedBatch;
import io.bytestream.arrow.StreamBytes;
import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.RecordStatistics;
import io.bytestream.trino.reader.RecordDecoder.RecordBatches;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.spi.Page;
import io.trino.spi.TrinoException;
import io.trino.spi.block.Block;
import io.trino.spi.connector.SchemaTableName;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.bytestream.trino.error.BytestreamErrors.isBadRecord;
import static io.bytestream.trino.reader.BadRecordHandling.FAIL;
import static io.bytestream.trino.reader.BadRecordHandling.FLAG;
import static java.util.Objects.requireNonNull;

/**
 * Reads the pages of a split: data file → records ({@link DataFileRecords}) → decoded batches ({@link RecordDecoder})
 * → pages ({@link PageAssembler}). Every batch of every record is read, one batch at a time as pages are asked for.
 * Where a data file stores the content column plainly, each record's stream is read where it lies in the file, and of
 * it only what the query needs: message headers, and the buffers of the inner columns asked for. Unless bad records
 * fail the query, each record is read and decoded whole before any of its pages is returned (see
 * {@link #readWholeRecord()}).
 */
public final class RecordPageReader
        implements SplitReader
{
    private final SplitFiles files;
    private final RecordColumns columns;
    private final RecordDecoder decoder;
    private final PageAssembler assembler;
    private final ArrayDeque<Page> pending = new ArrayDeque<>();

    private DataFileRecords records;
    private Block[] fileValues;
    private Block[] recordValues;
    private RecordBatches batches;
    private boolean finished;
    private long pendingBytes;
    private long filesCountedFromHeaders;
    private long recordsRead;
    private long recordsSkipped;
    private long badRecords;
    private long batchesDecoded;
    private long bytesDecoded;

    public RecordPageReader(TrinoFileSystem fileSystem, SchemaTableName table, Location tableLocation, List<DataFile> files, RecordColumns columns, long maxRecordSize, ParquetReaderOptions parquetOptions)
    {
        this.files = new SplitFiles(fileSystem, table, tableLocation, files, columns, parquetOptions);
        this.columns = requireNonNull(columns, "columns is null");
        this.decoder = new RecordDecoder(columns.innerColumns(), maxRecordSize);
        this.assembler = new PageAssembler(table, columns);
    }

    @Override
    public Page nextPage()
    {
        while (pending.isEmpty() && !finished) {
            if (batches != null) {
                decodeNextBatch();
            }
            else if (records != null && records.next()) {
                readRecord();
            }
            else {
                closeFile();
                if (files.hasNext()) {
                    openFile(files.next());
                }
                else {
                    finished = true;
                }
            }
        }
        Page page = pending.poll();
        if (page != null) {
            pendingBytes -= page.getRetainedSizeInBytes();
        }
        return page;
    }

    @Override
    public boolean isFinished()
    {
        return finished && pending.isEmpty();
    }

    private void openFile(DataFile file)
    {
        fileValues = assembler.fileValues(file);
        // neither the log's counts nor the IPC headers tell a bad record: unless it fails the query, every record is read
        boolean countsWithoutDecoding = columns.countsRowsOnly() && columns.badRecords() == FAIL;
        if (countsWithoutDecoding && file.recordStatistics().isPresent()) {
            countFromLog(file, file.recordStatistics().get());
            return;
        }
        records = files.open(file);
        if (countsWithoutDecoding && countFromHeaders()) {
            closeFile();
            return;
        }
        records.readContentByRange();
    }

    /** Counts the inner rows of the file's records that are not deleted from the counts its add action holds, without opening it. */
    private void countFromLog(DataFile file, RecordStatistics statistics)
    {
        assembler.countPages(statistics.innerRows(files.deletedRows(file)), fileValues, this::addPage);
    }

    /** Counts the inner rows of every record of the file from their IPC headers, read from the file's pages ourselves. */
    private boolean countFromHeaders()
    {
        long[] rows = new long[1];
        long[] visited = new long[1];
        boolean counted = records.visitContent((row, content) -> {
            visited[0]++;
            if (content.isPresent()) {
                rows[0] += decoder.countRows(content.get(), () -> records.recordId(row));
            }
        });
        if (counted) {
            filesCountedFromHeaders++;
            recordsRead += visited[0];
            assembler.countPages(rows[0], fileValues, this::addPage);
        }
        return counted;
    }

    private void readRecord()
    {
        // the record filter looks at the record's outer values only: the content of a record it passes over is never decoded
        if (columns.filtersRecords() && !columns.takesRecord(records::nativeValue)) {
            recordsSkipped++;
            return;
        }
        recordsRead++;
        Optional<StreamBytes> content = records.content();
        if (content.isEmpty()) {
            // a NULL content: no inner rows, and not a bad record
            return;
        }
        Block[] values = assembler.recordValues(fileValues, records::value);
        if (columns.badRecords() == FAIL) {
            readRecord(content.get(), values);
        }
        else {
            readWholeRecord(content.get(), values);
        }
    }

    /** Reads the record's batches one at a time as pages are asked for, or counts its rows from its IPC headers. */
    private void readRecord(StreamBytes content, Block[] values)
    {
        if (columns.decodesInnerColumns()) {
            bytesDecoded += content.length();
            batches = decoder.decode(content, records::recordId);
            recordValues = values;
        }
        else {
            assembler.countPages(decoder.countRows(content, records::recordId), values, this::addPage);
        }
    }

    /**
     * Decodes the whole record, every column of its own schema, before any of its pages is returned: whatever columns
     * a query reads, a bad record is bad and gives none of its rows, or under FLAG, its one row.
     */
    private void readWholeRecord(StreamBytes content, Block[] values)
    {
        List<Page> pages = new ArrayList<>();
        try {
            StreamBytes valid = decoder.readValid(content, records::recordId);
            if (columns.decodesInnerColumns()) {
                bytesDecoded += valid.length();
                RecordBatches recordBatches = decoder.decode(valid, records::recordId);
                for (DecodedBatch batch = recordBatches.next(); batch != null; batch = recordBatches.next()) {
                    batchesDecoded++;
                    pages.add(assembler.page(batch, values));
                }
            }
            else {
                assembler.countPages(decoder.countRows(valid, records::recordId), values, pages::add);
            }
        }
        catch (TrinoException e) {
            if (!isBadRecord(e)) {
                throw e;
            }
            badRecords++;
            if (columns.badRecords() == FLAG) {
                addPage(assembler.badRecordPage(values, e.getMessage()));
            }
            return;
        }
        pages.forEach(this::addPage);
    }

    private void decodeNextBatch()
    {
        DecodedBatch batch = batches.next();
        if (batch == null) {
            batches = null;
            return;
        }
        batchesDecoded++;
        addPage(assembler.page(batch, recordValues));
    }

    private void addPage(Page page)
    {
        if (page != null) {
            pending.add(page);
            pendingBytes += page.getRetainedSizeInBytes();
        }
    }

    private void closeFile()
    {
        batches = null;
        records = null;
        files.closeCurrent();
    }

    @Override
    public long completedBytes()
    {
        return files.completedBytes();
    }

    @Override
    public long filesCountedFromHeaders()
    {
        return filesCountedFromHeaders;
    }

    /** Records whose content was decoded, or whose rows were counted from their IPC headers. */
    @Override
    public long recordsRead()
    {
        return recordsRead;
    }

    /** Records the scan's record filter passed over, their content unread. */
    @Override
    public long recordsSkipped()
    {
        return recordsSkipped;
    }

    @Override
    public long badRecords()
    {
        return badRecords;
    }

    /** IPC record batches decoded into pages. */
    @Override
    public long batchesDecoded()
    {
        return batchesDecoded;
    }

    /** Bytes of the IPC streams of the records decoded (their content's length, of which the decoder may read only part). */
    @Override
    public long bytesDecoded()
    {
        return bytesDecoded;
    }

    /** Memory held: column chunks read, the page of records being decoded, and decoded pages not yet returned. */
    @Override
    public long memoryUsage()
    {
        return files.memoryUsage() + pendingBytes;
    }

    @Override
    public void close()
    {
        finished = true;
        pending.clear();
        pendingBytes = 0;
        records = null;
        files.close();
    }
}
