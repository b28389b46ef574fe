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

package io.bytestream.trino.delta;

import io.airlift.slice.SizeOf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static io.airlift.slice.SizeOf.estimatedSizeOf;
import static io.airlift.slice.SizeOf.instanceSize;
import static java.util.Objects.requireNonNull;

/**
 * An active data file of a Delta snapshot. {@code partitionValues} holds the serialised partition
 * values of the Delta log (a null value for a null partition); {@code deletionVector} names the file's
 * deleted rows, where it has any; {@code recordStatistics} what the writer recorded of its records in the add action's tags;
 * {@code numRecords} the number of records (Parquet rows, deleted ones included) the add action's statistics give, where they do.
 * {@code changedRows}, where present, narrows the rows read to those it names (less those {@code deletionVector} deletes):
 * the rows a commit that changed the file's deletion vector deleted or restored, as {@code table_changes} reads them.
 */
public record DataFile(
        String path,
        long size,
        long modificationTime,
        Map<String, String> partitionValues,
        Optional<DeletionVector> deletionVector,
        Optional<RecordStatistics> recordStatistics,
        OptionalLong numRecords,
        Optional<DeletionVector> changedRows)
{
    private static final int INSTANCE_SIZE = instanceSize(DataFile.class);

    public DataFile
    {
        requireNonNull(path, "path is null");
        // a Delta partition value may be null, which ImmutableMap refuses
        partitionValues = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(partitionValues, "partitionValues is null")));
        requireNonNull(deletionVector, "deletionVector is null");
        requireNonNull(recordStatistics, "recordStatistics is null");
        requireNonNull(numRecords, "numRecords is null");
        requireNonNull(changedRows, "changedRows is null");
    }

    /** An active data file of a snapshot: all its rows but those its deletion vector deletes. */
    public DataFile(String path, long size, long modificationTime, Map<String, String> partitionValues, Optional<DeletionVector> deletionVector, Optional<RecordStatistics> recordStatistics, OptionalLong numRecords)
    {
        this(path, size, modificationTime, partitionValues, deletionVector, recordStatistics, numRecords, Optional.empty());
    }

    /** A file whose add action gives no record count. */
    public DataFile(String path, long size, long modificationTime, Map<String, String> partitionValues, Optional<DeletionVector> deletionVector, Optional<RecordStatistics> recordStatistics)
    {
        this(path, size, modificationTime, partitionValues, deletionVector, recordStatistics, OptionalLong.empty());
    }

    /** A file without record statistics. */
    public DataFile(String path, long size, long modificationTime, Map<String, String> partitionValues, Optional<DeletionVector> deletionVector)
    {
        this(path, size, modificationTime, partitionValues, deletionVector, Optional.empty());
    }

    /** A file without deleted rows. */
    public DataFile(String path, long size, long modificationTime, Map<String, String> partitionValues)
    {
        this(path, size, modificationTime, partitionValues, Optional.empty());
    }

    /** The file as a split carries it: without the inner column statistics, which only planning uses. */
    public DataFile withoutInnerStatistics()
    {
        if (recordStatistics.flatMap(RecordStatistics::innerStatistics).isEmpty()) {
            return this;
        }
        return new DataFile(path, size, modificationTime, partitionValues, deletionVector, recordStatistics.map(RecordStatistics::withoutInnerStatistics), numRecords, changedRows);
    }

    /** The records the file holds, deleted ones included, from the add action's statistics or the record statistics of its tags. */
    public OptionalLong records()
    {
        if (numRecords.isPresent()) {
            return numRecords;
        }
        return recordStatistics.map(statistics -> OptionalLong.of(statistics.innerRowCounts().length)).orElseGet(OptionalLong::empty);
    }

    /** The records the file holds once its deletion vector's are taken away; empty where {@link #records()} is. */
    public OptionalLong liveRecords()
    {
        OptionalLong records = records();
        if (records.isEmpty()) {
            return records;
        }
        long deleted = deletionVector.map(DeletionVector::cardinality).orElse(0L);
        return OptionalLong.of(Math.max(0, records.getAsLong() - deleted));
    }

    public long retainedSizeInBytes()
    {
        return INSTANCE_SIZE + estimatedSizeOf(path) + estimatedSizeOf(partitionValues, SizeOf::estimatedSizeOf, SizeOf::estimatedSizeOf)
                + deletionVector.map(DeletionVector::retainedSizeInBytes).orElse(0L)
                + changedRows.map(DeletionVector::retainedSizeInBytes).orElse(0L)
                + recordStatistics.map(RecordStatistics::retainedSizeInBytes).orElse(0L);
    }
}
