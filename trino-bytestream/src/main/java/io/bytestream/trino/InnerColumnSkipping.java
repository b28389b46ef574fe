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

import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.FileListing;
import io.bytestream.trino.delta.InnerColumnStatistics;
import io.bytestream.trino.delta.InnerStatistics;
import io.bytestream.trino.delta.RecordStatistics;
import io.bytestream.trino.reader.BadRecordHandling;
import io.bytestream.trino.table.TableSnapshots;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.predicate.ValueSet;
import io.trino.spi.type.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.bytestream.trino.BytestreamSessionProperties.getBadRecordHandling;
import static io.bytestream.trino.reader.BadRecordHandling.FLAG;

/**
 * Data skipping on inner columns: whether a data file's inner column statistics (docs/bytestream.md, "Record
 * statistics") leave room for an inner row that matches the predicate. A file without statistics, or a column the
 * statistics do not describe as the table's type, may always match; the engine still filters the rows read.
 * <p>
 * The statistics describe the records as they were written. Under {@link BadRecordHandling#FLAG} a record that is bad
 * now (its page fails its checksum, it no longer decodes) gives a row whose inner columns are all NULL, which no
 * statistics tell of: a file may hold one wherever the predicate admits NULL in every inner column it names.
 */
final class InnerColumnSkipping
{
    private InnerColumnSkipping() {}

    /**
     * The active data files of the table's snapshot that may hold a matching inner row: pruned by partition values and
     * outer column statistics in the log, and by the file's path, size and modification time, then skipped by inner
     * column statistics as the session's bad record handling allows.
     */
    static List<DataFile> filesThatMayMatch(TableSnapshots snapshots, ConnectorSession session, BytestreamTableHandle table)
    {
        return filesThatMayMatch(snapshots, session, table, new SplitPlanningMetrics());
    }

    /** As {@link #filesThatMayMatch(TableSnapshots, ConnectorSession, BytestreamTableHandle)}, counting the files each kind of pruning skipped. */
    static List<DataFile> filesThatMayMatch(TableSnapshots snapshots, ConnectorSession session, BytestreamTableHandle table, SplitPlanningMetrics metrics)
    {
        FileListing<DataFile> listing = snapshots.listFiles(session, table.table(), ColumnConstraints.onOuterColumns(table.partitionConstraint().intersect(table.outerConstraint())));
        metrics.skippedByLog(listing);
        BadRecordHandling badRecords = getBadRecordHandling(session);
        List<DataFile> files = new ArrayList<>();
        for (DataFile file : listing.files()) {
            if (!ColumnConstraints.fileMatches(table.fileConstraint(), file)) {
                metrics.filesSkippedByPartition++;
            }
            else if (mayMatch(file, table.innerConstraint(), badRecords)) {
                files.add(file);
            }
            else {
                metrics.filesSkippedByStatistics++;
            }
        }
        return files;
    }

    static boolean mayMatch(DataFile file, TupleDomain<BytestreamColumnHandle> innerConstraint, BadRecordHandling badRecords)
    {
        if (innerConstraint.isNone()) {
            return false;
        }
        Optional<InnerStatistics> statistics = file.recordStatistics().flatMap(RecordStatistics::innerStatistics);
        if (statistics.isEmpty() || innerConstraint.isAll()) {
            return true;
        }
        if (badRecords == FLAG && matchesFlaggedRow(innerConstraint)) {
            return true;
        }
        for (Map.Entry<BytestreamColumnHandle, Domain> entry : innerConstraint.getDomains().orElseThrow().entrySet()) {
            if (statistics.get().rows() == 0) {
                // no inner row at all
                return false;
            }
            Type type = entry.getKey().type();
            Optional<InnerColumnStatistics> column = statistics.get().column(entry.getKey().sourceName()).filter(candidate -> candidate.describes(type));
            if (column.isPresent() && !mayMatch(entry.getValue(), column.get(), statistics.get().rows(), type)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the one row of a bad record under FLAG, every inner column NULL, matches. */
    private static boolean matchesFlaggedRow(TupleDomain<BytestreamColumnHandle> innerConstraint)
    {
        return innerConstraint.getDomains().orElseThrow().values().stream().allMatch(Domain::isNullAllowed);
    }

    private static boolean mayMatch(Domain domain, InnerColumnStatistics column, long rows, Type type)
    {
        if (column.nullCount() > 0 && domain.isNullAllowed()) {
            return true;
        }
        if (column.nullCount() >= rows || domain.getValues().isNone()) {
            // only nulls, which the domain does not allow, or only non-null values and the domain allows none
            return false;
        }
        if (!type.isOrderable()) {
            return true;
        }
        Optional<Object> min = column.min(type);
        Optional<Object> max = column.max(type);
        Range range;
        try {
            if (min.isPresent() && max.isPresent()) {
                range = Range.range(type, min.get(), true, max.get(), true);
            }
            else if (min.isPresent()) {
                range = Range.greaterThanOrEqual(type, min.get());
            }
            else if (max.isPresent()) {
                range = Range.lessThanOrEqual(type, max.get());
            }
            else {
                return true;
            }
        }
        catch (IllegalArgumentException _) {
            // a minimum above the maximum: statistics that prove nothing
            return true;
        }
        return domain.getValues().overlaps(ValueSet.ofRanges(range));
    }
}
