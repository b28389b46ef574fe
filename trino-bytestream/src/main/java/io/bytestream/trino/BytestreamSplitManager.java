package io.bytestream.trino;

import com.google.common.collect.ImmutableList;
import com.google.inject.Inject;
import io.airlift.units.Duration;
import io.bytestream.delta.DataFile;
import io.bytestream.delta.DeltaTableLog;
import io.delta.kernel.Snapshot;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplitManager;
import io.trino.spi.connector.ConnectorSplitSource;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.DynamicFilter;
import io.trino.spi.connector.FixedSplitSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.bytestream.trino.BytestreamErrorCode.BYTESTREAM_BAD_DELTA_LOG;
import static io.bytestream.trino.DataFileErrors.failureMessage;
import static java.util.Objects.requireNonNull;

/**
 * Plans a record table's pinned snapshot into splits: the active data files, pruned by partition values
 * (and by file statistics for other outer columns), small files of one partition grouped together;
 * partitions excluded by a join's dynamic filter are dropped before they are scheduled.
 */
public class BytestreamSplitManager
        implements ConnectorSplitManager
{
    private final RecordTables tables;
    private final long maxSplitSize;
    private final Duration dynamicFilteringWaitTimeout;

    @Inject
    public BytestreamSplitManager(RecordTables tables, BytestreamConfig config)
    {
        this.tables = requireNonNull(tables, "tables is null");
        this.maxSplitSize = config.getMaxSplitSize().toBytes();
        this.dynamicFilteringWaitTimeout = config.getDynamicFilteringWaitTimeout();
    }

    @Override
    public ConnectorSplitSource getSplits(ConnectorTransactionHandle transaction, ConnectorSession session, ConnectorTableHandle tableHandle, DynamicFilter dynamicFilter, Constraint constraint)
    {
        BytestreamTableHandle table = (BytestreamTableHandle) tableHandle;
        if (table.partitionConstraint().isNone() || table.outerConstraint().isNone()) {
            return new FixedSplitSource(List.of());
        }
        List<DataFile> files = activeFiles(session, table);
        List<BytestreamSplit> splits = new ArrayList<>();
        for (List<DataFile> group : groupByPartition(files)) {
            splits.addAll(packIntoSplits(group));
        }
        return new BytestreamSplitSource(splits, dynamicFilter, dynamicFilteringWaitTimeout);
    }

    private List<DataFile> activeFiles(ConnectorSession session, BytestreamTableHandle table)
    {
        DeltaTableLog log = tables.log(session);
        try {
            Snapshot snapshot = tables.snapshot(session, table);
            List<DataFile> files = log.activeFiles(snapshot, KernelPredicates.toPredicate(table.partitionConstraint().intersect(table.outerConstraint())));
            return files.stream()
                    .filter(file -> PartitionMatcher.matches(table.partitionConstraint(), file))
                    .toList();
        }
        catch (TrinoException e) {
            throw e;
        }
        catch (RuntimeException e) {
            throw new TrinoException(BYTESTREAM_BAD_DELTA_LOG, "Cannot plan table %s at version %s from its Delta log at %s: %s".formatted(table.schemaTableName(), table.snapshotVersion(), table.location(), failureMessage(e)), e);
        }
    }

    private static List<List<DataFile>> groupByPartition(List<DataFile> files)
    {
        Map<Map<String, String>, List<DataFile>> groups = new LinkedHashMap<>();
        for (DataFile file : files) {
            groups.computeIfAbsent(file.partitionValues(), _ -> new ArrayList<>()).add(file);
        }
        return ImmutableList.copyOf(groups.values());
    }

    private List<BytestreamSplit> packIntoSplits(List<DataFile> partitionFiles)
    {
        List<BytestreamSplit> splits = new ArrayList<>();
        List<DataFile> current = new ArrayList<>();
        long currentSize = 0;
        for (DataFile file : partitionFiles) {
            if (!current.isEmpty() && currentSize + file.size() > maxSplitSize) {
                splits.add(new BytestreamSplit(current));
                current = new ArrayList<>();
                currentSize = 0;
            }
            current.add(file);
            currentSize += file.size();
        }
        if (!current.isEmpty()) {
            splits.add(new BytestreamSplit(current));
        }
        return splits;
    }
}
