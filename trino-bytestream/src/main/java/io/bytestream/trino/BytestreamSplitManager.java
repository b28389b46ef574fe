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

import com.google.inject.Inject;
import io.airlift.units.Duration;
import io.bytestream.trino.BytestreamTableHandle.View;
import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.FileListing;
import io.bytestream.trino.delta.OuterColumn;
import io.bytestream.trino.delta.PartitionMatcher;
import io.bytestream.trino.delta.VersionedDataFile;
import io.bytestream.trino.reader.BadRecordHandling;
import io.bytestream.trino.reader.RecordVersions;
import io.bytestream.trino.system.LatestRecordFiles;
import io.bytestream.trino.system.LatestRecordFiles.LatestFile;
import io.bytestream.trino.table.RecordTable;
import io.bytestream.trino.table.TableLocations;
import io.bytestream.trino.table.TableSnapshots;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplitManager;
import io.trino.spi.connector.ConnectorSplitSource;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.DynamicFilter;
import io.trino.spi.connector.FixedSplitSource;
import io.trino.spi.predicate.TupleDomain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static io.bytestream.trino.error.BytestreamErrors.parsingPartitionValues;
import static java.util.Objects.requireNonNull;

/**
 * Plans a record table's pinned snapshot into splits: the active data files, pruned by partition values
 * (and by file statistics for other outer columns), small files of one partition grouped together;
 * partitions excluded by a join's dynamic filter are dropped before they are scheduled.
 */
public class BytestreamSplitManager
        implements ConnectorSplitManager
{
    private static final ParquetReaderOptions PARQUET_OPTIONS = ParquetReaderOptions.defaultOptions();

    private final TableSnapshots snapshots;
    private final TableLocations locations;
    private final long maxSplitSize;
    private final Duration dynamicFilteringWaitTimeout;

    @Inject
    public BytestreamSplitManager(TableSnapshots snapshots, TableLocations locations, BytestreamConfig config)
    {
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
        this.locations = requireNonNull(locations, "locations is null");
        this.maxSplitSize = config.getMaxSplitSize().toBytes();
        this.dynamicFilteringWaitTimeout = config.getDynamicFilteringWaitTimeout();
    }

    @Override
    public ConnectorSplitSource getSplits(ConnectorTransactionHandle transaction, ConnectorSession session, ConnectorTableHandle tableHandle, DynamicFilter dynamicFilter, Constraint constraint)
    {
        BytestreamTableHandle table = (BytestreamTableHandle) tableHandle;
        if (table.view() == View.CHANGES) {
            // a split per changed file: its change type and commit are constants of its rows
            return new FixedSplitSource(snapshots.changes(session, table.table(), table.changesSinceVersion().getAsLong()).stream()
                    .map(TableChangesSplit::new)
                    .toList());
        }
        if (table.matchesNothing()) {
            return new FixedSplitSource(List.of());
        }
        SplitPlanningMetrics metrics = new SplitPlanningMetrics();
        List<BytestreamSplit> splits = table.view() == View.LATEST ? latestSplits(session, table, metrics) : splits(session, table, metrics);
        return new BytestreamSplitSource(table.table().name(), splits, dynamicFilter, dynamicFilteringWaitTimeout, metrics.toMetrics());
    }

    private List<BytestreamSplit> splits(ConnectorSession session, BytestreamTableHandle table, SplitPlanningMetrics metrics)
    {
        List<DataFile> files = InnerColumnSkipping.filesThatMayMatch(snapshots, session, table, metrics).stream()
                .map(DataFile::withoutInnerStatistics)
                .toList();
        metrics.filesPlanned = files.size();
        return SplitPacker.pack(files, maxSplitSize);
    }

    /**
     * The splits of {@code "<table>$latest"}: each node's newest record chosen from the log among all its files (a
     * predicate on anything but the node may not prune before the choice), each split reading only that version's records.
     */
    private List<BytestreamSplit> latestSplits(ConnectorSession session, BytestreamTableHandle table, SplitPlanningMetrics metrics)
    {
        RecordTable recordTable = table.table();
        OuterColumn versionColumn = recordTable.versionColumn().orElseThrow();
        TupleDomain<OuterColumn> partitionConstraint = ColumnConstraints.onOuterColumns(table.partitionConstraint());
        TupleDomain<OuterColumn> nodeConstraint = partitionConstraint.filter((column, _) -> column.name().equals(LatestRecordFiles.NODE_COLUMN));
        FileListing<VersionedDataFile> listing = snapshots.listFilesWithVersions(session, recordTable, nodeConstraint, versionColumn);
        metrics.skippedByLog(listing);
        TrinoFileSystem fileSystem = locations.fileSystem(session);
        Location tableLocation = Location.of(recordTable.location());
        LatestRecordFiles.Choice choice = LatestRecordFiles.choose(
                listing.files(),
                file -> RecordVersions.maxLiveVersion(fileSystem, recordTable.name(), tableLocation, file, versionColumn, recordTable.fieldIds(), PARQUET_OPTIONS));
        metrics.filesSkippedByVersion = choice.filesSkipped();
        metrics.filesVersionColumnRead = choice.filesVersionRead();
        BadRecordHandling badRecords = BytestreamSessionProperties.getBadRecordHandling(session);
        Map<Map<String, String>, Long> versionByPartition = new HashMap<>();
        List<DataFile> files = new ArrayList<>();
        for (LatestFile file : choice.files()) {
            if (!parsingPartitionValues(recordTable.name(), () -> PartitionMatcher.matches(partitionConstraint, file.file())) || !ColumnConstraints.fileMatches(table.fileConstraint(), file.file())) {
                metrics.filesSkippedByPartition++;
            }
            else if (!InnerColumnSkipping.mayMatch(file.file(), table.innerConstraint(), badRecords)) {
                metrics.filesSkippedByStatistics++;
            }
            else {
                versionByPartition.put(file.file().partitionValues(), file.version());
                files.add(file.file().withoutInnerStatistics());
            }
        }
        metrics.filesPlanned = files.size();
        // a split's files share one partition, so one node and one version
        return SplitPacker.pack(files, maxSplitSize).stream()
                .map(split -> new BytestreamSplit(split.files(), OptionalLong.of(versionByPartition.get(split.files().getFirst().partitionValues()))))
                .toList();
    }
}
