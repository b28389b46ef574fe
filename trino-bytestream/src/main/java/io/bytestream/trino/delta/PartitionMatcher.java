package io.bytestream.trino.delta;

import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;

import java.util.Map;

/**
 * Whether a data file's partition, as the Delta log records it, can satisfy a constraint.
 */
public final class PartitionMatcher
{
    private PartitionMatcher() {}

    /** Whether the file's partition values can satisfy the constraint's domains on partition columns; other columns are not looked at. */
    public static boolean matches(TupleDomain<OuterColumn> constraint, DataFile file)
    {
        if (constraint.isNone()) {
            return false;
        }
        for (Map.Entry<OuterColumn, Domain> entry : constraint.getDomains().orElseThrow().entrySet()) {
            OuterColumn column = entry.getKey();
            if (column.partition() && !entry.getValue().includesNullableValue(PartitionValues.parse(file.partitionValues().get(column.name()), column.type()))) {
                return false;
            }
        }
        return true;
    }
}
