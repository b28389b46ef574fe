package io.bytestream.trino.table;

import com.google.common.collect.ImmutableList;
import io.bytestream.arrow.IpcColumn;
import io.bytestream.trino.delta.OuterColumn;

import java.util.List;

/**
 * The columns of a record table at one snapshot: the inner columns from the newest record's Arrow schema, and the
 * outer columns of the Delta table other than the content column.
 */
public record RecordTableSchema(List<IpcColumn> innerColumns, List<OuterColumn> outerColumns)
{
    public RecordTableSchema
    {
        innerColumns = ImmutableList.copyOf(innerColumns);
        outerColumns = ImmutableList.copyOf(outerColumns);
    }
}
