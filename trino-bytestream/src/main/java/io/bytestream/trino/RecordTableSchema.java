package io.bytestream.trino;

import com.google.common.collect.ImmutableList;
import io.bytestream.arrow.IpcColumn;

import java.util.List;
import java.util.Optional;

import static com.google.common.collect.ImmutableList.toImmutableList;

/**
 * The columns of a record table at one snapshot: inner columns from the newest record's Arrow schema,
 * then the hidden columns.
 */
public record RecordTableSchema(List<BytestreamColumnHandle> innerColumns, List<BytestreamColumnHandle> hiddenColumns)
{
    public RecordTableSchema
    {
        innerColumns = ImmutableList.copyOf(innerColumns);
        hiddenColumns = ImmutableList.copyOf(hiddenColumns);
    }

    public List<BytestreamColumnHandle> columns()
    {
        return ImmutableList.<BytestreamColumnHandle>builder().addAll(innerColumns).addAll(hiddenColumns).build();
    }

    public Optional<BytestreamColumnHandle> column(String name)
    {
        return columns().stream().filter(column -> column.name().equals(name)).findFirst();
    }

    static List<BytestreamColumnHandle> innerColumnHandles(List<IpcColumn> columns)
    {
        return columns.stream()
                .map(column -> new BytestreamColumnHandle(column.name(), column.name(), column.type(), BytestreamColumnHandle.Kind.INNER))
                .collect(toImmutableList());
    }
}
