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

package io.bytestream.trino.table;

import io.bytestream.trino.delta.Commit;
import io.bytestream.trino.delta.CommitHistory;
import io.bytestream.trino.delta.CommitsUnavailableException;
import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.DeltaSnapshot;
import io.bytestream.trino.delta.DeltaTableLog;
import io.bytestream.trino.delta.FileChange;
import io.bytestream.trino.delta.FileChanges;
import io.bytestream.trino.delta.FileListing;
import io.bytestream.trino.delta.InvalidPartitionValueException;
import io.bytestream.trino.delta.OuterColumn;
import io.bytestream.trino.delta.TimestampBeforeFirstCommitException;
import io.bytestream.trino.delta.UnsupportedTableFeatureException;
import io.bytestream.trino.delta.VersionedDataFile;
import io.trino.filesystem.Location;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTableVersion;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.statistics.TableStatistics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_BAD_DELTA_LOG;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_INVALID_VERSION;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_NOT_A_RECORD_TABLE;
import static io.bytestream.trino.error.BytestreamErrors.failureMessage;
import static io.bytestream.trino.error.BytestreamErrors.invalidPartitionValue;
import static io.trino.spi.StandardErrorCode.INVALID_FUNCTION_ARGUMENT;
import static io.trino.spi.StandardErrorCode.NOT_SUPPORTED;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static java.util.Objects.requireNonNull;

/**
 * Resolves record tables to Delta snapshots and lists a snapshot's data files; snapshots are cached across queries.
 */
public class TableSnapshots
{
    private static final String RECORD_VERSION_COLUMN = "version";

    private final TableLocations locations;
    private final MetadataCache cache;
    private final String contentColumn;

    public TableSnapshots(TableLocations locations, MetadataCache cache, String contentColumn)
    {
        this.locations = requireNonNull(locations, "locations is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.contentColumn = requireNonNull(contentColumn, "contentColumn is null");
    }

    /**
     * The table at snapshot {@code version}, or at its latest snapshot; empty when there is no such table.
     * The cached latest snapshot is used while no later commit exists: every query sees every commit made before it started.
     */
    public Optional<RecordTable> resolve(ConnectorSession session, SchemaTableName name, OptionalLong version)
    {
        return resolve(session, name, (_, latest) -> {
            if (version.isEmpty()) {
                return latest.version();
            }
            long wanted = version.getAsLong();
            if (wanted < 0 || wanted > latest.version()) {
                throw new TrinoException(BYTESTREAM_INVALID_VERSION, "Table %s has no version %s: its latest version is %s".formatted(name, wanted, latest.version()));
            }
            return wanted;
        });
    }

    /** The table as {@code FOR VERSION AS OF} or {@code FOR TIMESTAMP AS OF} asks for it; empty when there is no such table. */
    public Optional<RecordTable> resolve(ConnectorSession session, SchemaTableName name, ConnectorTableVersion version)
    {
        return switch (version.getPointerType()) {
            case TARGET_ID -> resolve(session, name, OptionalLong.of(TimeTravel.targetVersion(version)));
            case TEMPORAL -> resolveAsOf(session, name, TimeTravel.epochMillis(version, session.getTimeZoneKey()));
        };
    }

    /**
     * The table at the newest version committed at or before {@code epochMillis} by the Delta protocol's commit time, its
     * latest version when that is older; empty when there is no such table.
     */
    public Optional<RecordTable> resolveAsOf(ConnectorSession session, SchemaTableName name, long epochMillis)
    {
        return resolve(session, name, (log, latest) -> {
            try {
                return log.versionAsOf(latest, epochMillis);
            }
            catch (TimestampBeforeFirstCommitException e) {
                throw new TrinoException(BYTESTREAM_INVALID_VERSION, "Table %s has no version at or before %s: its earliest commit still in the log is version %s at %s".formatted(
                        name, Instant.ofEpochMilli(epochMillis), e.earliestVersion(), Instant.ofEpochMilli(e.earliestTimestamp())));
            }
        });
    }

    private Optional<RecordTable> resolve(ConnectorSession session, SchemaTableName name, VersionChoice choice)
    {
        Optional<Location> location = locations.findTableLocation(name);
        if (location.isEmpty()) {
            return Optional.empty();
        }
        DeltaTableLog log = log(session);
        Optional<DeltaSnapshot> snapshot = readLog(name, location.get(), () -> latestSnapshot(log, location.get()).map(latest -> {
            long wanted = choice.version(log, latest);
            if (wanted == latest.version()) {
                return latest;
            }
            return cache.snapshot(location.get().toString(), wanted, () -> log.snapshotAt(location.get(), wanted));
        }));
        return snapshot.map(resolved -> recordTable(name, location.get(), resolved));
    }

    private interface VersionChoice
    {
        long version(DeltaTableLog log, DeltaSnapshot latest);
    }

    private Optional<DeltaSnapshot> latestSnapshot(DeltaTableLog log, Location location)
    {
        String key = location.toString();
        Optional<DeltaSnapshot> cached = cache.latestSnapshot(key);
        if (cached.isPresent() && !log.commitExists(location, cached.get().version() + 1)) {
            return cached;
        }
        return cache.reloadLatestSnapshot(key, () -> log.latestSnapshot(location));
    }

    private RecordTable recordTable(SchemaTableName name, Location location, DeltaSnapshot snapshot)
    {
        OuterColumn content = snapshot.column(contentColumn)
                .filter(column -> column.type().equals(VARBINARY))
                .orElseThrow(() -> new TrinoException(BYTESTREAM_NOT_A_RECORD_TABLE, "Table %s is not a record table: it has no binary column '%s'".formatted(name, contentColumn)));
        Optional<OuterColumn> versionColumn = snapshot.column(RECORD_VERSION_COLUMN)
                .filter(column -> column.type().equals(BIGINT));
        return new RecordTable(name, location.toString(), snapshot.version(), content.physicalName(), versionColumn, snapshot.fieldIds());
    }

    /** The snapshot a resolved table is pinned to. */
    public DeltaSnapshot snapshot(ConnectorSession session, RecordTable table)
    {
        Location location = Location.of(table.location());
        return readLog(table.name(), () -> "Cannot read version %s of the Delta log of table %s at %s".formatted(table.snapshotVersion(), table.name(), location),
                () -> cache.snapshot(table.location(), table.snapshotVersion(), () -> log(session).snapshotAt(location, table.snapshotVersion())));
    }

    /** The data files of the table's snapshot that can hold records matching {@code constraint} on outer columns. */
    public List<DataFile> activeFiles(ConnectorSession session, RecordTable table, TupleDomain<OuterColumn> constraint)
    {
        return readLog(table.name(), () -> planningFailure(table), () -> log(session).activeFiles(snapshot(session, table), constraint));
    }

    /** As {@link #activeFiles}, with the counts of the files each kind of pruning skipped. */
    public FileListing<DataFile> listFiles(ConnectorSession session, RecordTable table, TupleDomain<OuterColumn> constraint)
    {
        return readLog(table.name(), () -> planningFailure(table), () -> log(session).listFiles(snapshot(session, table), constraint));
    }

    /** As {@link #listFiles}, each file with the range of its records' versions where the log's statistics give it. */
    public FileListing<VersionedDataFile> listFilesWithVersions(ConnectorSession session, RecordTable table, TupleDomain<OuterColumn> constraint, OuterColumn versionColumn)
    {
        return readLog(table.name(), () -> planningFailure(table), () -> log(session).listFilesWithVersions(snapshot(session, table), constraint, versionColumn));
    }

    private static String planningFailure(RecordTable table)
    {
        return "Cannot plan table %s at version %s from its Delta log at %s".formatted(table.name(), table.snapshotVersion(), table.location());
    }

    /**
     * The data files whose rows the commits after {@code sinceVersion} up to the table's snapshot inserted or deleted;
     * none where {@code sinceVersion} is the snapshot's version.
     */
    public List<FileChange> changes(ConnectorSession session, RecordTable table, long sinceVersion)
    {
        Location location = Location.of(table.location());
        try {
            return readLog(table.name(), () -> "Cannot read the changes of table %s after version %s from its Delta log at %s".formatted(table.name(), sinceVersion, location),
                    () -> FileChanges.since(locations.fileSystem(session), location, snapshot(session, table), sinceVersion + 1));
        }
        catch (CommitsUnavailableException e) {
            String available = e.firstAvailableVersion().isPresent()
                    ? "its oldest commit after version %s is version %s, so since_version must be %s or later".formatted(sinceVersion, e.firstAvailableVersion().getAsLong(), e.firstAvailableVersion().getAsLong() - 1)
                    : "it holds no commit after it";
            throw new TrinoException(INVALID_FUNCTION_ARGUMENT, "Table %s: the Delta log no longer holds the commit of version %s (log cleanup deleted it): %s".formatted(table.name(), e.version(), available), e);
        }
    }

    /** The commits still in the table's log up to its snapshot version that {@code versions} accepts, oldest first. */
    public List<Commit> commits(ConnectorSession session, RecordTable table, LongPredicate versions)
    {
        return readLog(table.name(), () -> "Cannot read the history of table %s from its Delta log at %s".formatted(table.name(), table.location()),
                () -> new CommitHistory(locations.fileSystem(session)).commits(Location.of(table.location()), table.snapshotVersion(), versions));
    }

    /** The table's statistics under {@code constraints} (any value with equality), computed by {@code loader} once per snapshot version. */
    public TableStatistics statistics(RecordTable table, Object constraints, Supplier<TableStatistics> loader)
    {
        return cache.statistics(table.location(), table.snapshotVersion(), constraints, loader);
    }

    /** Forgets the cached metadata of every table, of one schema's tables, or of one table. */
    public void flushCache(Optional<String> schema, Optional<String> table)
    {
        if (schema.isEmpty()) {
            cache.flush();
            return;
        }
        String prefix = table.map(name -> locations.tableLocation(new SchemaTableName(schema.get(), name)).toString())
                .orElseGet(() -> locations.schemaLocation(schema.get()).toString() + "/");
        cache.flush(location -> table.isPresent() ? location.equals(prefix) : location.startsWith(prefix));
    }

    DeltaTableLog log(ConnectorSession session)
    {
        return new DeltaTableLog(locations.fileSystem(session));
    }

    private static <T> T readLog(SchemaTableName name, Location location, Supplier<T> action)
    {
        return readLog(name, () -> "Cannot read the Delta log of table %s at %s".formatted(name, location), action);
    }

    /** Runs {@code action}, turning a failure to read the log into an error that starts with {@code context}. */
    static <T> T readLog(SchemaTableName name, Supplier<String> context, Supplier<T> action)
    {
        try {
            return action.get();
        }
        catch (TrinoException | CommitsUnavailableException e) {
            throw e;
        }
        catch (UnsupportedTableFeatureException e) {
            throw new TrinoException(NOT_SUPPORTED, "Table %s uses Delta reader features that bytestream does not support: %s".formatted(name, String.join(", ", e.features())), e);
        }
        catch (InvalidPartitionValueException e) {
            throw invalidPartitionValue(name, e);
        }
        catch (RuntimeException e) {
            throw new TrinoException(BYTESTREAM_BAD_DELTA_LOG, "%s: %s".formatted(context.get(), failureMessage(e)), e);
        }
    }
}
