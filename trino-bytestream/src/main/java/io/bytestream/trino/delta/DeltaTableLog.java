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

import com.google.common.collect.ImmutableList;
import io.delta.kernel.Scan;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.DeltaHistoryManager;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.util.VectorUtils;
import io.delta.kernel.utils.CloseableIterator;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.spi.predicate.TupleDomain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;

import static com.google.common.collect.ImmutableList.toImmutableList;

/**
 * Reads Delta snapshots and lists their data files with delta-kernel, all I/O going through a {@link TrinoFileSystem}.
 */
public final class DeltaTableLog
{
    private final TrinoFileSystem fileSystem;
    private final Engine engine;

    public DeltaTableLog(TrinoFileSystem fileSystem)
    {
        this.fileSystem = fileSystem;
        this.engine = new KernelEngine(fileSystem);
    }

    /**
     * Whether the commit file of {@code version} exists: one metadata request, far cheaper than loading
     * the latest snapshot, which lists the whole log from the last checkpoint.
     */
    public boolean commitExists(Location table, long version)
    {
        try {
            return fileSystem.newInputFile(table.appendPath("_delta_log").appendPath("%020d.json".formatted(version))).exists();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<DeltaSnapshot> latestSnapshot(Location table)
    {
        try {
            return Optional.of(new DeltaSnapshot(Table.forPath(engine, table.toString()).getLatestSnapshot(engine)));
        }
        catch (TableNotFoundException e) {
            return Optional.empty();
        }
    }

    public DeltaSnapshot snapshotAt(Location table, long version)
    {
        return new DeltaSnapshot(Table.forPath(engine, table.toString()).getSnapshotAsOfVersion(engine, version));
    }

    /**
     * The version of the newest commit made at or before {@code epochMillis} by the Delta protocol's commit time (the
     * in-commit timestamp where the table has them, else the commit file's modification time), searched among the
     * commits up to {@code latest}; {@code latest}'s own version when the instant is after it.
     *
     * @throws TimestampBeforeFirstCommitException when the instant is before the earliest commit still in the log
     */
    public long versionAsOf(DeltaSnapshot latest, long epochMillis)
    {
        Snapshot snapshot = latest.kernelSnapshot();
        DeltaHistoryManager.Commit commit = DeltaHistoryManager.getActiveCommitAtTimestamp(
                engine,
                snapshot,
                snapshot.getLogPath(),
                epochMillis,
                false,
                true,
                // the earliest commit is returned rather than kernel's error, which names neither the table nor the commit time in UTC
                true,
                List.of());
        if (commit.getTimestamp() > epochMillis) {
            throw new TimestampBeforeFirstCommitException(commit.getVersion(), commit.getTimestamp());
        }
        return commit.getVersion();
    }

    /**
     * The snapshot's active data files that can hold rows matching {@code constraint}: pruned by partition values
     * (exactly) and by file statistics (where the log has them).
     */
    public List<DataFile> activeFiles(DeltaSnapshot snapshot, TupleDomain<OuterColumn> constraint)
    {
        return listFiles(snapshot, constraint).files();
    }

    /** As {@link #activeFiles}, with the counts of the files each kind of pruning skipped. */
    public FileListing<DataFile> listFiles(DeltaSnapshot snapshot, TupleDomain<OuterColumn> constraint)
    {
        return listFiles(snapshot, constraint, (file, _) -> file, file -> file);
    }

    /**
     * The snapshot's active data files that can hold rows matching {@code constraint}, as {@link #activeFiles}, each
     * with the range of its records' {@code versionColumn} values where its statistics give it.
     */
    public FileListing<VersionedDataFile> listFilesWithVersions(DeltaSnapshot snapshot, TupleDomain<OuterColumn> constraint, OuterColumn versionColumn)
    {
        return listFiles(snapshot, constraint, (file, addFile) -> new VersionedDataFile(file, VersionStatistics.parse(addFile.getStatsJson(), versionColumn.physicalName(), file.deletionVector().isPresent())), VersionedDataFile::file);
    }

    /**
     * Kernel skips files by the statistics of the outer columns; the partition values are matched here afterwards, so
     * that each kind of pruning can be counted in one pass over the log.
     */
    private <T> FileListing<T> listFiles(DeltaSnapshot snapshot, TupleDomain<OuterColumn> constraint, BiFunction<DataFile, AddFile, T> result, Function<T, DataFile> dataFile)
    {
        if (constraint.isNone()) {
            return new FileListing<>(List.of(), 0, 0);
        }
        ScanFileCounter counter = new ScanFileCounter();
        List<T> kept = scanFiles(snapshot, KernelPredicates.toPredicate(constraint.filter((column, _) -> !column.partition())), result, counter);
        List<T> files = kept.stream()
                .filter(file -> PartitionMatcher.matches(constraint, dataFile.apply(file)))
                .collect(toImmutableList());
        long skippedByStatistics = counter.activeFiles().isPresent() ? Math.max(0, counter.activeFiles().getAsLong() - kept.size()) : 0;
        return new FileListing<>(files, skippedByStatistics, kept.size() - files.size());
    }

    private <T> List<T> scanFiles(DeltaSnapshot snapshot, Optional<Predicate> filter, BiFunction<DataFile, AddFile, T> result, ScanFileCounter counter)
    {
        PartitionValueNames partitionValueNames = PartitionValueNames.of(snapshot);
        ScanBuilder builder = snapshot.kernelSnapshot().getScanBuilder();
        if (filter.isPresent()) {
            builder = builder.withFilter(filter.get());
        }
        Scan scan = builder.build();
        Engine scanEngine = new KernelEngine(fileSystem, counter);
        ImmutableList.Builder<T> files = ImmutableList.builder();
        try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(scanEngine, true)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        Row row = rows.next();
                        AddFile addFile = new AddFile(row.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL));
                        // kernel resolves the action's path, relative to the table or absolute, to the file's location
                        String path = Locations.toLocation(InternalScanFileUtils.getAddFileStatus(row).getPath()).toString();
                        DataFile file = dataFile(path, addFile, partitionValueNames.logical(InternalScanFileUtils.getPartitionValues(row)));
                        files.add(result.apply(file, addFile));
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files.build();
    }

    /** The data file that an add action describes, at {@code path}, its partition values keyed by the schema's names. */
    static DataFile dataFile(String path, AddFile add, Map<String, String> partitionValues)
    {
        return new DataFile(path, add.getSize(), add.getModificationTime(), partitionValues, add.getDeletionVector().map(DeletionVector::of), recordStatistics(add), numRecords(add));
    }

    private static OptionalLong numRecords(AddFile addFile)
    {
        try {
            return addFile.getNumRecords().map(OptionalLong::of).orElseGet(OptionalLong::empty);
        }
        catch (RuntimeException _) {
            // statistics kernel cannot parse: as good as none
            return OptionalLong.empty();
        }
    }

    // the statistics are asked for only to check the tags' record count against the log's own
    private static Optional<RecordStatistics> recordStatistics(AddFile addFile)
    {
        Optional<Map<String, String>> tags = addFile.getTags().map(VectorUtils::toJavaMap);
        if (tags.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> numRecords;
        try {
            numRecords = addFile.getNumRecords();
        }
        catch (RuntimeException _) {
            // statistics kernel cannot parse: the tags cannot be checked against them
            return Optional.empty();
        }
        return RecordStatisticsTags.parse(tags.get(), numRecords);
    }
}
