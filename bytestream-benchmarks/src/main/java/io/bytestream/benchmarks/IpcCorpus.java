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

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The records one decoder benchmark operation reads: {@value #ROWS_PER_PASS} inner rows of
 * {@link MixedRecordStreams} in records of {@code rowsPerRecord} rows, each of {@value #BATCHES_PER_RECORD} record batches.
 */
public record IpcCorpus(int rowsPerRecord, List<byte[]> records)
{
    public static final int ROWS_PER_PASS = 256_000;
    public static final int BATCHES_PER_RECORD = 4;

    public IpcCorpus
    {
        records = List.copyOf(requireNonNull(records, "records is null"));
    }

    public static IpcCorpus create(int rowsPerRecord)
    {
        if (rowsPerRecord <= 0 || ROWS_PER_PASS % rowsPerRecord != 0) {
            throw new IllegalArgumentException("rowsPerRecord must divide %s: %s".formatted(ROWS_PER_PASS, rowsPerRecord));
        }
        List<byte[]> records = new ArrayList<>();
        try (MixedRecordStreams streams = new MixedRecordStreams()) {
            for (long firstRow = 0; firstRow < ROWS_PER_PASS; firstRow += rowsPerRecord) {
                records.add(streams.write(firstRow, rowsPerRecord, BATCHES_PER_RECORD));
            }
        }
        return new IpcCorpus(rowsPerRecord, records);
    }

    public List<Slice> slices()
    {
        return records.stream().map(Slices::wrappedBuffer).toList();
    }

    public long totalBytes()
    {
        return records.stream().mapToLong(record -> record.length).sum();
    }

    public int largestRecord()
    {
        return records.stream().mapToInt(record -> record.length).max().orElse(0);
    }

    public String describe()
    {
        return "%,d rows in %d records of %,d rows (%d batches each): %,d IPC bytes, %.1f bytes/row".formatted(
                ROWS_PER_PASS, records.size(), rowsPerRecord, BATCHES_PER_RECORD, totalBytes(), totalBytes() / (double) ROWS_PER_PASS);
    }
}
