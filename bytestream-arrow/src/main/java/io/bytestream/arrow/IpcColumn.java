package io.bytestream.arrow;

import io.trino.spi.type.Type;

import static java.util.Objects.requireNonNull;

/**
 * A top-level column of an Arrow IPC stream as Trino sees it.
 *
 * @param name the Arrow field name, lower-cased
 */
public record IpcColumn(String name, Type type)
{
    public IpcColumn
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
