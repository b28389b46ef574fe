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

package io.bytestream.trino;

import io.bytestream.trino.reader.RecordPageReader;
import io.bytestream.trino.reader.SplitReader;
import io.trino.plugin.base.metrics.LongCount;
import io.trino.spi.Page;
import io.trino.spi.connector.ConnectorPageSource;
import io.trino.spi.connector.SourcePage;
import io.trino.spi.metrics.Metrics;

import java.util.Map;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * The pages of a split's records: inner columns decoded from every record batch of every record's Arrow IPC stream,
 * hidden columns repeated from the record; or for {@code "<table>$records"}, one row per record. The reading itself is
 * {@link RecordPageReader}'s or {@link io.bytestream.trino.reader.RecordSummaryReader}'s.
 */
public class BytestreamPageSource
        implements ConnectorPageSource
{
    /** Connector metric: data files whose records were counted from their IPC headers, read from the file's pages by the connector itself. */
    public static final String FILES_COUNTED_FROM_HEADERS = "filesCountedFromHeaders";
    /** Connector metric: records whose content was decoded or whose rows were counted from their IPC headers. */
    public static final String RECORDS_READ = "recordsRead";
    /** Connector metric: records passed over by the scan's record filter ({@code $latest}) before their content was read. */
    public static final String RECORDS_SKIPPED = "recordsSkipped";
    /** Connector metric: bad records passed over or flagged by {@code bad_record_handling} SKIP or FLAG. */
    public static final String BAD_RECORDS = "badRecords";
    /** Connector metric: Arrow IPC record batches decoded. */
    public static final String IPC_BATCHES_DECODED = "ipcBatchesDecoded";
    /** Connector metric: bytes of the Arrow IPC streams of the records decoded. */
    public static final String IPC_BYTES_DECODED = "ipcBytesDecoded";

    private final SplitReader reader;
    private long completedPositions;
    private long readTimeNanos;

    public BytestreamPageSource(SplitReader reader)
    {
        this.reader = requireNonNull(reader, "reader is null");
    }

    @Override
    public SourcePage getNextSourcePage()
    {
        long start = System.nanoTime();
        Page page;
        try {
            page = reader.nextPage();
        }
        finally {
            readTimeNanos += System.nanoTime() - start;
        }
        if (page == null) {
            return null;
        }
        completedPositions += page.getPositionCount();
        return SourcePage.create(page);
    }

    @Override
    public long getCompletedBytes()
    {
        return reader.completedBytes();
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
        return reader.isFinished();
    }

    @Override
    public long getMemoryUsage()
    {
        return reader.memoryUsage();
    }

    @Override
    public Metrics getMetrics()
    {
        return new Metrics(Map.of(
                FILES_COUNTED_FROM_HEADERS, new LongCount(reader.filesCountedFromHeaders()),
                RECORDS_READ, new LongCount(reader.recordsRead()),
                RECORDS_SKIPPED, new LongCount(reader.recordsSkipped()),
                BAD_RECORDS, new LongCount(reader.badRecords()),
                IPC_BATCHES_DECODED, new LongCount(reader.batchesDecoded()),
                IPC_BYTES_DECODED, new LongCount(reader.bytesDecoded())));
    }

    @Override
    public void close()
    {
        reader.close();
    }
}
