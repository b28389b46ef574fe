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

import io.bytestream.benchmarks.RecordTableGenerator.TableStatistics;
import io.bytestream.writer.Record;
import org.apache.arrow.vector.compression.CompressionUtil.CodecType;

import java.time.Duration;
import java.time.Instant;

/**
 * The records of the benchmark's record table, the same in every layout: rows {@code 0} to {@code rows - 1} of
 * {@link MixedRecordStreams} in records of {@code rowsPerRecord} rows; record {@code r} belongs to node
 * {@code r % nodes}, has version {@code r / nodes + 1} and timestamp {@link #timestamp}.
 * A record's content is a pure function of its index, so layouts may write the records in any order; its
 * inner rows are the same whether its IPC bodies are compressed or not.
 */
final class GeneratedRecords
        implements AutoCloseable
{
    private static final Instant FIRST_RECORD_TIME = Instant.parse("2024-01-01T00:00:00Z");

    private final long rows;
    private final int rowsPerRecord;
    private final int batchesPerRecord;
    private final int nodes;
    private final MixedRecordStreams streams;
    private long contentBytes;

    /**
     * @param ipcBodyCompression how Arrow Java compresses the record batch bodies of the contents
     */
    GeneratedRecords(long rows, int rowsPerRecord, int batchesPerRecord, int nodes, CodecType ipcBodyCompression)
    {
        this.streams = new MixedRecordStreams(ipcBodyCompression);
        this.rows = rows;
        this.rowsPerRecord = rowsPerRecord;
        this.batchesPerRecord = batchesPerRecord;
        this.nodes = nodes;
    }

    static String nodeId(int node)
    {
        return "%016x".formatted(0x4d2L + node);
    }

    int nodes()
    {
        return nodes;
    }

    long recordCount()
    {
        return Math.ceilDiv(rows, rowsPerRecord);
    }

    /**
     * Groups of one record of every node (the last group may be short): {@code RecordTableWriter} commits each
     * group, and the version of a record is its group's number plus one.
     */
    long groupCount()
    {
        return Math.ceilDiv(recordCount(), nodes);
    }

    /**
     * The record of node {@code node} in group {@code group}, or null where the last group is short.
     */
    Record recordOf(long group, int node)
    {
        long index = group * nodes + node;
        return index < recordCount() ? record(index) : null;
    }

    Record record(long index)
    {
        long firstRow = index * rowsPerRecord;
        int recordRows = (int) Math.min(rowsPerRecord, rows - firstRow);
        byte[] content = streams.write(firstRow, recordRows, batchesPerRecord);
        contentBytes += content.length;
        return new Record(nodeId((int) (index % nodes)), timestamp(index), version(index, nodes), content);
    }

    /**
     * Increasing with the index, with a millisecond part (which Spark's INT96 keeps in its nanoseconds of the day).
     */
    static Instant timestamp(long recordIndex)
    {
        return FIRST_RECORD_TIME.plusSeconds(recordIndex).plusMillis(recordIndex % 1000);
    }

    static long version(long recordIndex, int nodes)
    {
        return recordIndex / nodes + 1;
    }

    /**
     * @param commits the Delta commits the layout wrote the records in
     */
    TableStatistics statistics(long commits, Duration writeTime)
    {
        return new TableStatistics(rows, recordCount(), commits, contentBytes, writeTime);
    }

    @Override
    public void close()
    {
        streams.close();
    }
}
