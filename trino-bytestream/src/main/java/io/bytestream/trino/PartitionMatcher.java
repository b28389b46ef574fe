package io.bytestream.trino;

import io.bytestream.delta.DataFile;
import io.trino.spi.connector.DynamicFilter;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;

import java.util.Map;

final class PartitionMatcher
{
    private PartitionMatcher() {}

    /** Whether the split's partition can satisfy what the dynamic filter has collected so far on partition columns. */
    static boolean matches(DynamicFilter dynamicFilter, BytestreamSplit split)
    {
        TupleDomain<BytestreamColumnHandle> partitionFilter = dynamicFilter.getCurrentPredicate()
                .transformKeys(BytestreamColumnHandle.class::cast)
                .filter((column, _) -> column.kind() == BytestreamColumnHandle.Kind.PARTITION);
        // all files of a split share one partition
        return matches(partitionFilter, split.files().getFirst());
    }

    /** Whether a data file's partition values can satisfy the constraint on partition columns. */
    static boolean matches(TupleDomain<BytestreamColumnHandle> partitionConstraint, DataFile file)
    {
        if (partitionConstraint.isNone()) {
            return false;
        }
        for (Map.Entry<BytestreamColumnHandle, Domain> entry : partitionConstraint.getDomains().orElseThrow().entrySet()) {
            BytestreamColumnHandle column = entry.getKey();
            Object value = OuterColumnTypes.parsePartitionValue(file.partitionValues().get(column.sourceName()), column.type());
            if (!entry.getValue().includesNullableValue(value)) {
                return false;
            }
        }
        return true;
    }
}
