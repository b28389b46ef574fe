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
import io.delta.kernel.CommitActions;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.DeltaLogActionUtils;
import io.delta.kernel.internal.DeltaLogActionUtils.DeltaAction;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.RemoveFile;
import io.delta.kernel.internal.fs.Path;
import io.delta.kernel.internal.util.FileNames;
import io.delta.kernel.internal.util.FileNames.DeltaLogFileType;
import io.delta.kernel.internal.util.VectorUtils;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static io.bytestream.trino.delta.FileChange.Type.DELETE;
import static io.bytestream.trino.delta.FileChange.Type.INSERT;
import static java.util.Objects.requireNonNull;

/**
 * The data files that commits added and removed, read from the commits' add and remove actions (record tables have
 * no change data feed): an added file's rows are inserted, a removed file's deleted. Actions without a data change
 * (compaction) change no row. A file removed and added again in one commit with another deletion vector (a DELETE of
 * some of its records) deletes the rows of the records its new vector deletes and the old did not, and inserts those
 * the old deleted and the new does not; the old vector is the one the remove action names, as the protocol requires.
 */
public final class FileChanges
{
    private final TrinoFileSystem fileSystem;
    private final Engine engine;
    private final Location table;
    private final PartitionValueNames partitionValueNames;

    private FileChanges(TrinoFileSystem fileSystem, Location table, DeltaSnapshot snapshot)
    {
        this.fileSystem = requireNonNull(fileSystem, "fileSystem is null");
        this.engine = new KernelEngine(fileSystem);
        this.table = requireNonNull(table, "table is null");
        this.partitionValueNames = PartitionValueNames.of(snapshot);
    }

    /**
     * The file changes of every commit from {@code firstVersion} to the snapshot's version, in commit order.
     *
     * @throws CommitsUnavailableException where the log no longer holds a commit of the range
     */
    public static List<FileChange> since(TrinoFileSystem fileSystem, Location table, DeltaSnapshot snapshot, long firstVersion)
    {
        if (firstVersion > snapshot.version()) {
            return List.of();
        }
        return new FileChanges(fileSystem, table, snapshot).read(firstVersion, snapshot.version());
    }

    private List<FileChange> read(long firstVersion, long lastVersion)
    {
        List<FileChange> changes = new ArrayList<>();
        List<FileStatus> commits = commitFiles(firstVersion, lastVersion);
        try (CloseableIterator<CommitActions> commitActions = DeltaLogActionUtils.getActionsFromCommitFilesWithProtocolValidation(engine, table.toString(), commits, Set.of(DeltaAction.ADD, DeltaAction.REMOVE))) {
            while (commitActions.hasNext()) {
                try (CommitActions commit = commitActions.next()) {
                    changes.addAll(commitChanges(commit));
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (RuntimeException e) {
            throw e;
        }
        catch (Exception e) {
            throw new RuntimeException(e);
        }
        return withLastChangeOfFiles(changes);
    }

    private List<FileStatus> commitFiles(long firstVersion, long lastVersion)
    {
        List<FileStatus> commits;
        try (CloseableIterator<FileStatus> files = DeltaLogActionUtils.listDeltaLogFilesAsIter(engine, Set.of(DeltaLogFileType.COMMIT), new Path(table.toString()), firstVersion, Optional.of(lastVersion), false)) {
            commits = files.toInMemoryList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long expected = firstVersion;
        for (FileStatus commit : commits) {
            long version = FileNames.deltaVersion(new Path(commit.getPath()));
            if (version != expected) {
                throw new CommitsUnavailableException(expected, OptionalLong.of(version));
            }
            expected++;
        }
        if (expected <= lastVersion) {
            throw new CommitsUnavailableException(expected, OptionalLong.empty());
        }
        return commits;
    }

    private List<FileChange> commitChanges(CommitActions commit)
            throws IOException
    {
        Map<String, AddFile> adds = new LinkedHashMap<>();
        Map<String, RemoveFile> removes = new LinkedHashMap<>();
        try (CloseableIterator<ColumnarBatch> batches = commit.getActions()) {
            while (batches.hasNext()) {
                ColumnarBatch batch = batches.next();
                int addOrdinal = batch.getSchema().indexOf(DeltaAction.ADD.colName);
                int removeOrdinal = batch.getSchema().indexOf(DeltaAction.REMOVE.colName);
                try (CloseableIterator<Row> rows = batch.getRows()) {
                    while (rows.hasNext()) {
                        Row row = rows.next();
                        if (!row.isNullAt(addOrdinal)) {
                            AddFile add = new AddFile(row.getStruct(addOrdinal));
                            adds.put(absolutePath(add.getPath()), add);
                        }
                        if (!row.isNullAt(removeOrdinal)) {
                            RemoveFile remove = new RemoveFile(row.getStruct(removeOrdinal));
                            removes.put(absolutePath(remove.getPath()), remove);
                        }
                    }
                }
            }
        }
        ImmutableList.Builder<FileChange> changes = ImmutableList.builder();
        long version = commit.getVersion();
        long timestamp = commit.getTimestamp();
        for (Map.Entry<String, AddFile> entry : adds.entrySet()) {
            AddFile add = entry.getValue();
            DataFile file = DeltaTableLog.dataFile(entry.getKey(), add, partitionValues(add.getPartitionValues()));
            RemoveFile remove = removes.remove(entry.getKey());
            if (remove == null && add.getDataChange()) {
                changes.add(new FileChange(file, INSERT, version, timestamp, version));
            }
            else if (remove != null && (add.getDataChange() || remove.getDataChange())) {
                deletionVectorChanges(file, remove).forEach((type, changed) -> changes.add(new FileChange(changed, type, version, timestamp, version)));
            }
        }
        for (Map.Entry<String, RemoveFile> entry : removes.entrySet()) {
            if (entry.getValue().getDataChange()) {
                changes.add(new FileChange(removedFile(entry.getKey(), entry.getValue()), DELETE, version, timestamp, version));
            }
        }
        return changes.build();
    }

    /**
     * The same file removed and added again with another deletion vector: the rows the new vector deletes and the old
     * did not are deleted, those the old deleted and the new does not inserted.
     */
    private Map<FileChange.Type, DataFile> deletionVectorChanges(DataFile added, RemoveFile remove)
            throws IOException
    {
        Optional<DeletionVector> before = remove.getDeletionVector().map(DeletionVector::of);
        Optional<DeletionVector> after = added.deletionVector();
        Map<FileChange.Type, DataFile> changes = new EnumMap<>(FileChange.Type.class);
        if (after.isPresent() && (before.isEmpty() || !DeletedRows.isSubset(engine, table, after.get(), before.get()))) {
            changes.put(DELETE, withRows(added, before, after));
        }
        if (before.isPresent() && (after.isEmpty() || !DeletedRows.isSubset(engine, table, before.get(), after.get()))) {
            changes.put(INSERT, withRows(added, after, before));
        }
        return changes;
    }

    private DataFile removedFile(String path, RemoveFile remove)
            throws IOException
    {
        long size = remove.getSize().isPresent() ? remove.getSize().get() : fileSystem.newInputFile(Location.of(path)).length();
        Map<String, String> partitionValues = remove.getPartitionValues().map(this::partitionValues).orElse(Map.of());
        return new DataFile(path, size, remove.getDeletionTimestamp().orElse(0L), partitionValues, remove.getDeletionVector().map(DeletionVector::of));
    }

    private static DataFile withRows(DataFile file, Optional<DeletionVector> deletionVector, Optional<DeletionVector> changedRows)
    {
        return new DataFile(file.path(), file.size(), file.modificationTime(), file.partitionValues(), deletionVector, Optional.empty(), file.numRecords(), changedRows);
    }

    /** An action's path, relative to the table and URL-encoded or absolute, as the location of the file. */
    private String absolutePath(String path)
    {
        return Locations.toLocation(new Path(new Path(table.toString()), new Path(URI.create(path))).toString()).toString();
    }

    private Map<String, String> partitionValues(MapValue values)
    {
        return partitionValueNames.logical(VectorUtils.toJavaMap(values));
    }

    private static List<FileChange> withLastChangeOfFiles(List<FileChange> changes)
    {
        Map<String, Long> lastChange = new HashMap<>();
        for (FileChange change : changes) {
            lastChange.merge(change.file().path(), change.commitVersion(), Math::max);
        }
        return changes.stream()
                .map(change -> change.withLastChangeOfFile(lastChange.get(change.file().path())))
                .collect(ImmutableList.toImmutableList());
    }
}
