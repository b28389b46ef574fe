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

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.inject.Inject;
import io.airlift.log.Logger;
import io.bytestream.trino.BytestreamTableHandle.View;
import io.bytestream.trino.delta.OuterColumn;
import io.bytestream.trino.procedure.TableChangesFunctionHandle;
import io.bytestream.trino.reader.BadRecordHandling;
import io.bytestream.trino.system.HistoryTable;
import io.bytestream.trino.system.LatestRecordFiles;
import io.bytestream.trino.system.MetadataTableName;
import io.bytestream.trino.system.MetadataTableType;
import io.bytestream.trino.system.PartitionsTable;
import io.bytestream.trino.system.PropertiesTable;
import io.bytestream.trino.table.InnerRowSampler;
import io.bytestream.trino.table.RecordSchemaReader;
import io.bytestream.trino.table.RecordTable;
import io.bytestream.trino.table.TableLocations;
import io.bytestream.trino.table.TableSnapshots;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTableMetadata;
import io.trino.spi.connector.ConnectorTableVersion;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.ConstraintApplicationResult;
import io.trino.spi.connector.RelationColumnsMetadata;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.connector.SystemTable;
import io.trino.spi.connector.TableFunctionApplicationResult;
import io.trino.spi.function.table.ConnectorTableFunctionHandle;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.statistics.Estimate;
import io.trino.spi.statistics.TableStatistics;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

import static com.google.common.collect.ImmutableMap.toImmutableMap;
import static io.bytestream.trino.BytestreamColumnHandle.Kind.FILE_MODIFIED_TIME;
import static io.bytestream.trino.BytestreamColumnHandle.Kind.FILE_SIZE;
import static io.bytestream.trino.BytestreamColumnHandle.Kind.INNER;
import static io.bytestream.trino.BytestreamColumnHandle.Kind.OUTER;
import static io.bytestream.trino.BytestreamColumnHandle.Kind.PARTITION;
import static io.bytestream.trino.BytestreamColumnHandle.Kind.PATH;
import static io.bytestream.trino.BytestreamSessionProperties.getBadRecordHandling;
import static io.trino.spi.StandardErrorCode.NOT_SUPPORTED;
import static java.util.Objects.requireNonNull;

/**
 * The metadata of one transaction: the first time it resolves a table's latest snapshot, it pins that version,
 * so that every later reference to the table in the transaction (a self-join, a subquery) reads the same snapshot.
 */
public class BytestreamMetadata
        implements ConnectorMetadata
{
    private static final Logger LOG = Logger.get(BytestreamMetadata.class);

    private final TableLocations locations;
    private final TableSnapshots snapshots;
    private final RecordSchemaReader schemas;
    private final InnerRowSampler innerRowSampler;
    private final MetadataListingExecutor listingExecutor;
    private final ConcurrentMap<SchemaTableName, Long> latestVersions = new ConcurrentHashMap<>();

    @Inject
    public BytestreamMetadata(TableLocations locations, TableSnapshots snapshots, RecordSchemaReader schemas, InnerRowSampler innerRowSampler, MetadataListingExecutor listingExecutor)
    {
        this.locations = requireNonNull(locations, "locations is null");
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
        this.schemas = requireNonNull(schemas, "schemas is null");
        this.innerRowSampler = requireNonNull(innerRowSampler, "innerRowSampler is null");
        this.listingExecutor = requireNonNull(listingExecutor, "listingExecutor is null");
    }

    @Override
    public List<String> listSchemaNames(ConnectorSession session)
    {
        return locations.listSchemas(session);
    }

    @Override
    public boolean schemaExists(ConnectorSession session, String schemaName)
    {
        return locations.schemaExists(session, schemaName);
    }

    @Override
    public List<SchemaTableName> listTables(ConnectorSession session, Optional<String> schemaName)
    {
        return locations.listTables(session, schemaName);
    }

    @Override
    public Iterator<RelationColumnsMetadata> streamRelationColumns(ConnectorSession session, Optional<String> schemaName, UnaryOperator<Set<SchemaTableName>> relationFilter)
    {
        Set<SchemaTableName> names = relationFilter.apply(ImmutableSet.copyOf(locations.listTables(session, schemaName)));
        return listingExecutor.map(ImmutableList.copyOf(names), name -> describeForListing(session, name)).stream()
                .flatMap(Optional::stream)
                .iterator();
    }

    /** Columns for information_schema and JDBC metadata; a table that cannot be described is left out, as Trino's Delta Lake connector does. */
    private Optional<RelationColumnsMetadata> describeForListing(ConnectorSession session, SchemaTableName name)
    {
        try {
            ConnectorTableHandle table = getTableHandle(session, name, Optional.empty(), Optional.empty());
            if (table == null) {
                return Optional.empty();
            }
            List<ColumnMetadata> columns = columns(session, (BytestreamTableHandle) table).stream()
                    .filter(column -> !column.isHidden())
                    .map(BytestreamColumnHandle::toColumnMetadata)
                    .toList();
            return Optional.of(RelationColumnsMetadata.forTable(name, columns));
        }
        catch (TrinoException e) {
            LOG.debug(e, "Leaving table %s out of the column listing", name);
            return Optional.empty();
        }
    }

    @Override
    public ConnectorTableHandle getTableHandle(ConnectorSession session, SchemaTableName tableName, Optional<ConnectorTableVersion> startVersion, Optional<ConnectorTableVersion> endVersion)
    {
        if (startVersion.isPresent()) {
            throw new TrinoException(NOT_SUPPORTED, "Reading changes between table versions is not supported");
        }
        Optional<MetadataTableName> name = MetadataTableName.parse(tableName.getTableName());
        if (name.isEmpty() || name.get().metadataTable().map(MetadataTableType::isSystemTable).orElse(false)) {
            // metadata tables read from the log alone are system tables: see getSystemTable
            return null;
        }
        SchemaTableName dataTable = new SchemaTableName(tableName.getSchemaName(), name.get().tableName());
        Optional<RecordTable> table = endVersion.isPresent()
                ? snapshots.resolve(session, dataTable, endVersion.get())
                : latest(session, dataTable);
        View view = name.get().metadataTable().map(BytestreamMetadata::view).orElse(View.ROWS);
        if (view == View.LATEST) {
            table.ifPresent(resolved -> checkHasLatestRecords(session, resolved));
        }
        return table.map(resolved -> new BytestreamTableHandle(resolved, view)).orElse(null);
    }

    /** {@code "<table>$latest"} needs the node of each record as a partition column, and a version to order its records by. */
    private void checkHasLatestRecords(ConnectorSession session, RecordTable table)
    {
        boolean partitionedByNode = snapshots.snapshot(session, table).column(LatestRecordFiles.NODE_COLUMN).map(OuterColumn::partition).orElse(false);
        if (!partitionedByNode || table.versionColumn().isEmpty()) {
            throw new TrinoException(NOT_SUPPORTED, "Table %s has no $latest: it needs a partition column %s and a bigint column version".formatted(table.name(), LatestRecordFiles.NODE_COLUMN));
        }
    }

    private static View view(MetadataTableType metadataTable)
    {
        return switch (metadataTable) {
            case RECORDS -> View.RECORDS;
            case LATEST -> View.LATEST;
            case HISTORY, PROPERTIES, PARTITIONS -> throw new IllegalArgumentException("not read from data files: " + metadataTable);
        };
    }

    @Override
    public Optional<SystemTable> getSystemTable(ConnectorSession session, SchemaTableName tableName)
    {
        Optional<MetadataTableName> name = MetadataTableName.parse(tableName.getTableName());
        if (name.isEmpty() || name.get().metadataTable().filter(MetadataTableType::isSystemTable).isEmpty()) {
            return Optional.empty();
        }
        SchemaTableName dataTable = new SchemaTableName(tableName.getSchemaName(), name.get().tableName());
        Optional<RecordTable> table = latest(session, dataTable);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (name.get().metadataTable().get()) {
            case PARTITIONS -> new PartitionsTable(tableName, dataTable, snapshots.snapshot(session, table.get()).partitionColumns(),
                    filesSession -> snapshots.activeFiles(filesSession, table.get(), TupleDomain.all()));
            case HISTORY -> new HistoryTable(tableName, table.get(), snapshots);
            case PROPERTIES -> new PropertiesTable(tableName, table.get(), snapshots);
            case RECORDS, LATEST -> throw new IllegalArgumentException("not a system table: " + tableName);
        });
    }

    /** The table at its latest snapshot when the transaction first asked for it. */
    Optional<RecordTable> latest(ConnectorSession session, SchemaTableName tableName)
    {
        Long pinned = latestVersions.get(tableName);
        if (pinned != null) {
            return snapshots.resolve(session, tableName, OptionalLong.of(pinned));
        }
        Optional<RecordTable> latest = snapshots.resolve(session, tableName, OptionalLong.empty());
        if (latest.isEmpty()) {
            return latest;
        }
        pinned = latestVersions.putIfAbsent(tableName, latest.get().snapshotVersion());
        if (pinned != null && pinned != latest.get().snapshotVersion()) {
            // another thread of the transaction pinned the table first
            return snapshots.resolve(session, tableName, OptionalLong.of(pinned));
        }
        return latest;
    }

    @Override
    public ConnectorTableMetadata getTableMetadata(ConnectorSession session, ConnectorTableHandle tableHandle)
    {
        BytestreamTableHandle table = (BytestreamTableHandle) tableHandle;
        List<ColumnMetadata> columns = columns(session, table).stream()
                .map(BytestreamColumnHandle::toColumnMetadata)
                .toList();
        return new ConnectorTableMetadata(table.name(), columns);
    }

    @Override
    public Map<String, ColumnHandle> getColumnHandles(ConnectorSession session, ConnectorTableHandle tableHandle)
    {
        return columns(session, (BytestreamTableHandle) tableHandle).stream()
                .collect(toImmutableMap(BytestreamColumnHandle::name, column -> column));
    }

    private List<BytestreamColumnHandle> columns(ConnectorSession session, BytestreamTableHandle table)
    {
        if (table.view() == View.RECORDS) {
            // from the log alone: the records need not decode, nor the table have a schema
            return BytestreamColumnHandle.recordsColumnsOf(schemas.outerColumns(session, table.table()));
        }
        if (table.view() == View.CHANGES) {
            return BytestreamColumnHandle.changeColumnsOf(schemas.describe(session, table.table()));
        }
        return BytestreamColumnHandle.columnsOf(schemas.describe(session, table.table()));
    }

    @Override
    public Optional<TableFunctionApplicationResult<ConnectorTableHandle>> applyTableFunction(ConnectorSession session, ConnectorTableFunctionHandle handle)
    {
        if (!(handle instanceof TableChangesFunctionHandle changes)) {
            return Optional.empty();
        }
        BytestreamTableHandle table = BytestreamTableHandle.changes(changes.table(), changes.sinceVersion());
        return Optional.of(new TableFunctionApplicationResult<>(table, ImmutableList.copyOf(columns(session, table))));
    }

    @Override
    public ColumnMetadata getColumnMetadata(ConnectorSession session, ConnectorTableHandle tableHandle, ColumnHandle columnHandle)
    {
        return ((BytestreamColumnHandle) columnHandle).toColumnMetadata();
    }

    @Override
    public TableStatistics getTableStatistics(ConnectorSession session, ConnectorTableHandle tableHandle)
    {
        BytestreamTableHandle table = (BytestreamTableHandle) tableHandle;
        if (table.view() == View.CHANGES) {
            return TableStatistics.empty();
        }
        if (table.matchesNothing()) {
            return TableStatistics.builder().setRowCount(Estimate.zero()).build();
        }
        if (table.view() == View.LATEST) {
            // the table's statistics count every record, not only each node's newest
            return TableStatistics.empty();
        }
        // the files skipped by inner column statistics depend on the session's bad record handling
        BadRecordHandling badRecords = getBadRecordHandling(session);
        List<Object> constraints = List.of(table.view(), table.partitionConstraint(), table.outerConstraint(), table.innerConstraint(), table.fileConstraint(), badRecords);
        if (table.view() == View.RECORDS) {
            return snapshots.statistics(table.table(), constraints, () -> RecordTableStatistics.ofRecords(InnerColumnSkipping.filesThatMayMatch(snapshots, session, table)));
        }
        return snapshots.statistics(table.table(), constraints, () -> RecordTableStatistics.of(
                InnerColumnSkipping.filesThatMayMatch(snapshots, session, table),
                columns(session, table),
                () -> innerRowSampler.sample(session, table.table())));
    }

    @Override
    public Optional<ConstraintApplicationResult<ConnectorTableHandle>> applyFilter(ConnectorSession session, ConnectorTableHandle tableHandle, Constraint constraint)
    {
        BytestreamTableHandle table = (BytestreamTableHandle) tableHandle;
        if (table.view() == View.CHANGES) {
            // the changes are listed from the log alone: no predicate prunes them
            return Optional.empty();
        }
        TupleDomain<BytestreamColumnHandle> summary = constraint.getSummary().transformKeys(BytestreamColumnHandle.class::cast);
        if (summary.isNone()) {
            if (table.partitionConstraint().isNone()) {
                return Optional.empty();
            }
            return Optional.of(new ConstraintApplicationResult<>(table.withConstraints(TupleDomain.none(), TupleDomain.none(), TupleDomain.none()).withFileConstraint(TupleDomain.none()), TupleDomain.all(), constraint.getExpression(), false));
        }
        Map<BytestreamColumnHandle, Domain> domains = summary.getDomains().orElseThrow();
        TupleDomain<BytestreamColumnHandle> partitionPart = TupleDomain.withColumnDomains(filterByKind(domains, PARTITION));
        TupleDomain<BytestreamColumnHandle> outerPart = TupleDomain.withColumnDomains(filterByKind(domains, OUTER));
        TupleDomain<BytestreamColumnHandle> innerPart = TupleDomain.withColumnDomains(filterByKind(domains, INNER));
        TupleDomain<BytestreamColumnHandle> filePart = TupleDomain.withColumnDomains(filterByKind(domains, PATH, FILE_SIZE, FILE_MODIFIED_TIME));

        TupleDomain<BytestreamColumnHandle> partitionConstraint = table.partitionConstraint().intersect(partitionPart);
        TupleDomain<BytestreamColumnHandle> outerConstraint = table.outerConstraint().intersect(outerPart);
        TupleDomain<BytestreamColumnHandle> innerConstraint = table.innerConstraint().intersect(innerPart);
        TupleDomain<BytestreamColumnHandle> fileConstraint = table.fileConstraint().intersect(filePart);
        if (partitionConstraint.equals(table.partitionConstraint()) && outerConstraint.equals(table.outerConstraint()) && innerConstraint.equals(table.innerConstraint())
                && fileConstraint.equals(table.fileConstraint())) {
            return Optional.empty();
        }
        // partition and data file predicates are enforced by pruning files, every record of a file having the file's
        // values; everything else, inner predicates too, is still checked by the engine
        Set<BytestreamColumnHandle.Kind> enforced = Set.of(PARTITION, PATH, FILE_SIZE, FILE_MODIFIED_TIME);
        TupleDomain<ColumnHandle> remaining = TupleDomain.withColumnDomains(domains.entrySet().stream()
                .filter(entry -> !enforced.contains(entry.getKey().kind()))
                .collect(toImmutableMap(Map.Entry::getKey, Map.Entry::getValue)));
        return Optional.of(new ConstraintApplicationResult<>(
                table.withConstraints(partitionConstraint, outerConstraint, innerConstraint).withFileConstraint(fileConstraint),
                remaining,
                constraint.getExpression(),
                false));
    }

    private static Map<BytestreamColumnHandle, Domain> filterByKind(Map<BytestreamColumnHandle, Domain> domains, BytestreamColumnHandle.Kind... kinds)
    {
        Set<BytestreamColumnHandle.Kind> wanted = Set.of(kinds);
        return domains.entrySet().stream()
                .filter(entry -> wanted.contains(entry.getKey().kind()))
                .collect(ImmutableMap.toImmutableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
