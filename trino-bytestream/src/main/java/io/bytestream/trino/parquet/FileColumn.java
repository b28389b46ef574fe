package io.bytestream.trino.parquet;

import io.trino.spi.type.Type;

import static java.util.Objects.requireNonNull;

/**
 * A top-level column of a data file, read as {@code type}. Names match the file's columns ignoring case,
 * as Delta column names do.
 */
public record FileColumn(String name, Type type)
{
    public FileColumn
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
