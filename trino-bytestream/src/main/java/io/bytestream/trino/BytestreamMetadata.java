package io.bytestream.trino;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.inject.Inject;
import io.airlift.log.Logger;
import io.delta.kernel.Snapshot;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StructType;
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
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TinyintType;

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
import static io.bytestream.trino.BytestreamColumnHandle.Kind.OUTER;
import static io.bytestream.trino.BytestreamColumnHandle.Kind.PARTITION;
import static io.trino.spi.StandardErrorCode.NOT_SUPPORTED;
import static io.trino.spi.connector.PointerType.TARGET_ID;
import static java.util.Objects.requireNonNull;

/**
 * The metadata of one transaction: the first time it resolves a table's latest snapshot, it pins that version,
 * so that every later reference to the table in the transaction (a self-join, a subquery) reads the same snapshot.
 */
public class BytestreamMetadata
        implements ConnectorMetadata
{
    private static final Logger LOG = Logger.get(BytestreamMetadata.class);
    private static final String RECORD_VERSION_COLUMN = "version";

    private final RecordTables tables;
    private final MetadataListingExecutor listingExecutor;
    private final ConcurrentMap<SchemaTableName, Long> latestVersions = new ConcurrentHashMap<>();

    @Inject
    public BytestreamMetadata(RecordTables tables, MetadataListingExecutor listingExecutor)
    {
        this.tables = requireNonNull(tables, "tables is null");
        this.listingExecutor = requireNonNull(listingExecutor, "listingExecutor is null");
    }

    @Override
    public List<String> listSchemaNames(ConnectorSession session)
    {
        return tables.listSchemas(session);
    }

    @Override
    public boolean schemaExists(ConnectorSession session, String schemaName)
    {
        return tables.schemaExists(session, schemaName);
    }

    @Override
    public List<SchemaTableName> listTables(ConnectorSession session, Optional<String> schemaName)
    {
        return tables.listTables(session, schemaName);
    }

    @Override
    public Iterator<RelationColumnsMetadata> streamRelationColumns(ConnectorSession session, Optional<String> schemaName, UnaryOperator<Set<SchemaTableName>> relationFilter)
    {
        Set<SchemaTableName> names = relationFilter.apply(ImmutableSet.copyOf(tables.listTables(session, schemaName)));
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
            List<ColumnMetadata> columns = tables.describe(session, (BytestreamTableHandle) table).innerColumns().stream()
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
        Optional<Snapshot> snapshot = endVersion.isPresent()
                ? tables.loadSnapshot(session, tableName, snapshotVersion(endVersion.get()))
                : latestSnapshot(session, tableName);
        if (snapshot.isEmpty()) {
            return null;
        }
        tables.verifyContentColumn(tableName, snapshot.get().getSchema());
        return new BytestreamTableHandle(
                tableName,
                tables.tableLocation(tableName.getSchemaName(), tableName.getTableName()).toString(),
                snapshot.get().getVersion(),
                versionColumn(snapshot.get().getSchema()),
                TupleDomain.all(),
                TupleDomain.all());
    }

    /** The table's latest snapshot when the transaction first asked for it. */
    private Optional<Snapshot> latestSnapshot(ConnectorSession session, SchemaTableName tableName)
    {
        Long pinned = latestVersions.get(tableName);
        if (pinned != null) {
            return tables.loadSnapshot(session, tableName, OptionalLong.of(pinned));
        }
        Optional<Snapshot> latest = tables.loadSnapshot(session, tableName, OptionalLong.empty());
        if (latest.isEmpty()) {
            return latest;
        }
        pinned = latestVersions.putIfAbsent(tableName, latest.get().getVersion());
        if (pinned != null && pinned != latest.get().getVersion()) {
            // another thread of the transaction pinned the table first
            return tables.loadSnapshot(session, tableName, OptionalLong.of(pinned));
        }
        return latest;
    }

    private static Optional<String> versionColumn(StructType outerSchema)
    {
        int index = outerSchema.indexOf(RECORD_VERSION_COLUMN);
        if (index >= 0 && outerSchema.at(index).getDataType() instanceof LongType) {
            return Optional.of(RECORD_VERSION_COLUMN);
        }
        return Optional.empty();
    }

    private static OptionalLong snapshotVersion(ConnectorTableVersion version)
    {
        boolean integral = version.getVersionType() instanceof BigintType
                || version.getVersionType() instanceof IntegerType
                || version.getVersionType() instanceof SmallintType
                || version.getVersionType() instanceof TinyintType;
        if (version.getPointerType() != TARGET_ID || !integral) {
            throw new TrinoException(NOT_SUPPORTED, "Only FOR VERSION AS OF <Delta version number> is supported");
        }
        return OptionalLong.of((long) version.getVersion());
    }

    @Override
    public ConnectorTableMetadata getTableMetadata(ConnectorSession session, ConnectorTableHandle tableHandle)
    {
        BytestreamTableHandle table = (BytestreamTableHandle) tableHandle;
        List<ColumnMetadata> columns = tables.describe(session, table).columns().stream()
                .map(BytestreamColumnHandle::toColumnMetadata)
                .toList();
        return new ConnectorTableMetadata(table.schemaTableName(), columns);
    }

    @Override
    public Map<String, ColumnHandle> getColumnHandles(ConnectorSession session, ConnectorTableHandle tableHandle)
    {
        return tables.describe(session, (BytestreamTableHandle) tableHandle).columns().stream()
                .collect(toImmutableMap(BytestreamColumnHandle::name, column -> column));
    }

    @Override
    public ColumnMetadata getColumnMetadata(ConnectorSession session, ConnectorTableHandle tableHandle, ColumnHandle columnHandle)
    {
        return ((BytestreamColumnHandle) columnHandle).toColumnMetadata();
    }

    @Override
    public Optional<ConstraintApplicationResult<ConnectorTableHandle>> applyFilter(ConnectorSession session, ConnectorTableHandle tableHandle, Constraint constraint)
    {
        BytestreamTableHandle table = (BytestreamTableHandle) tableHandle;
        TupleDomain<BytestreamColumnHandle> summary = constraint.getSummary().transformKeys(BytestreamColumnHandle.class::cast);
        if (summary.isNone()) {
            if (table.partitionConstraint().isNone()) {
                return Optional.empty();
            }
            return Optional.of(new ConstraintApplicationResult<>(table.withConstraints(TupleDomain.none(), TupleDomain.none()), TupleDomain.all(), constraint.getExpression(), false));
        }
        Map<BytestreamColumnHandle, Domain> domains = summary.getDomains().orElseThrow();
        TupleDomain<BytestreamColumnHandle> partitionPart = TupleDomain.withColumnDomains(filterByKind(domains, PARTITION));
        TupleDomain<BytestreamColumnHandle> outerPart = TupleDomain.withColumnDomains(filterByKind(domains, OUTER));

        TupleDomain<BytestreamColumnHandle> partitionConstraint = table.partitionConstraint().intersect(partitionPart);
        TupleDomain<BytestreamColumnHandle> outerConstraint = table.outerConstraint().intersect(outerPart);
        if (partitionConstraint.equals(table.partitionConstraint()) && outerConstraint.equals(table.outerConstraint())) {
            return Optional.empty();
        }
        // partition predicates are enforced by pruning files; everything else is still checked by the engine
        TupleDomain<ColumnHandle> remaining = TupleDomain.withColumnDomains(domains.entrySet().stream()
                .filter(entry -> entry.getKey().kind() != PARTITION)
                .collect(toImmutableMap(Map.Entry::getKey, Map.Entry::getValue)));
        return Optional.of(new ConstraintApplicationResult<>(
                table.withConstraints(partitionConstraint, outerConstraint),
                remaining,
                constraint.getExpression(),
                false));
    }

    private static Map<BytestreamColumnHandle, Domain> filterByKind(Map<BytestreamColumnHandle, Domain> domains, BytestreamColumnHandle.Kind kind)
    {
        return domains.entrySet().stream()
                .filter(entry -> entry.getKey().kind() == kind)
                .collect(ImmutableMap.toImmutableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
