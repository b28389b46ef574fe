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

import java.util.Arrays;
import java.util.Optional;

import static io.airlift.slice.SizeOf.instanceSize;
import static io.airlift.slice.SizeOf.sizeOf;
import static java.util.Objects.requireNonNull;

/**
 * What the writer recorded of a data file's records in its add action's tags: each record's inner row count, in file
 * order, and the statistics of the inner columns. Parsed and checked by {@link RecordStatisticsTags}.
 */
public record RecordStatistics(long[] innerRowCounts, Optional<InnerStatistics> innerStatistics)
{
    private static final int INSTANCE_SIZE = instanceSize(RecordStatistics.class);

    public RecordStatistics
    {
        innerRowCounts = innerRowCounts.clone();
        requireNonNull(innerStatistics, "innerStatistics is null");
    }

    /** The inner rows of every record of the file. */
    public long innerRows()
    {
        return Arrays.stream(innerRowCounts).sum();
    }

    /** The inner rows of the records the deletion vector leaves. */
    public long innerRows(DeletedRows deletedRows)
    {
        long rows = 0;
        for (int record = 0; record < innerRowCounts.length; record++) {
            if (!deletedRows.contains(record)) {
                rows += innerRowCounts[record];
            }
        }
        return rows;
    }

    /** Without the inner column statistics, which only planning uses: what a split carries. */
    public RecordStatistics withoutInnerStatistics()
    {
        return innerStatistics.isEmpty() ? this : new RecordStatistics(innerRowCounts, Optional.empty());
    }

    long retainedSizeInBytes()
    {
        return INSTANCE_SIZE + sizeOf(innerRowCounts) + innerStatistics.map(InnerStatistics::retainedSizeInBytes).orElse(0L);
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof RecordStatistics that && Arrays.equals(innerRowCounts, that.innerRowCounts) && innerStatistics.equals(that.innerStatistics);
    }

    @Override
    public int hashCode()
    {
        return 31 * Arrays.hashCode(innerRowCounts) + innerStatistics.hashCode();
    }

    @Override
    public String toString()
    {
        return "RecordStatistics[records=%s, innerRows=%s, innerStatistics=%s]".formatted(innerRowCounts.length, innerRows(), innerStatistics);
    }
}
