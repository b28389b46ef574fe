package io.bytestream.trino.delta;

import io.trino.spi.type.Type;

import static java.util.Objects.requireNonNull;

/**
 * A column of a Delta table's own schema (not of the records inside it), as Trino sees it.
 *
 * @param name the column's name in the Delta schema
 * @param partition whether the table is partitioned by it, so that its values are in the Delta log
 */
public record OuterColumn(String name, Type type, boolean partition)
{
    public OuterColumn
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
