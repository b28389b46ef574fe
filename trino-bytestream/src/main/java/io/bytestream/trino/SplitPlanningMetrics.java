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

import io.bytestream.trino.delta.FileListing;
import io.trino.plugin.base.metrics.LongCount;
import io.trino.spi.metrics.Metrics;

import java.util.Map;

/**
 * What split planning skipped, as connector metrics of the split source (EXPLAIN ANALYZE VERBOSE shows them as
 * "splits generation metrics").
 */
final class SplitPlanningMetrics
{
    /** Data files planned into splits. */
    static final String FILES_PLANNED = "filesPlanned";
    /** Data files whose partition values rule out the query's predicates. */
    static final String FILES_SKIPPED_BY_PARTITION = "filesSkippedByPartition";
    /** Data files whose statistics (outer columns' in the log, inner columns' in the record statistics) rule out the query's predicates. */
    static final String FILES_SKIPPED_BY_STATISTICS = "filesSkippedByStatistics";
    /** {@code $latest}: data files holding no node's newest record, by their version statistics. */
    static final String FILES_SKIPPED_BY_VERSION = "filesSkippedByVersion";
    /** {@code $latest}: data files whose version column was read, their version statistics missing or not tight. */
    static final String FILES_VERSION_COLUMN_READ = "filesVersionColumnRead";

    long filesPlanned;
    long filesSkippedByPartition;
    long filesSkippedByStatistics;
    long filesSkippedByVersion;
    long filesVersionColumnRead;

    void skippedByLog(FileListing<?> listing)
    {
        filesSkippedByPartition += listing.filesSkippedByPartition();
        filesSkippedByStatistics += listing.filesSkippedByStatistics();
    }

    Metrics toMetrics()
    {
        return new Metrics(Map.of(
                FILES_PLANNED, new LongCount(filesPlanned),
                FILES_SKIPPED_BY_PARTITION, new LongCount(filesSkippedByPartition),
                FILES_SKIPPED_BY_STATISTICS, new LongCount(filesSkippedByStatistics),
                FILES_SKIPPED_BY_VERSION, new LongCount(filesSkippedByVersion),
                FILES_VERSION_COLUMN_READ, new LongCount(filesVersionColumnRead)));
    }
}
