package io.bytestream.trino;

import io.trino.spi.connector.ConnectorTransactionHandle;

import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * One transaction (for an auto-commit query: the query); its metadata pins the snapshot of every table it reads.
 */
public record BytestreamTransactionHandle(UUID uuid)
        implements ConnectorTransactionHandle
{
    public BytestreamTransactionHandle
    {
        requireNonNull(uuid, "uuid is null");
    }

    public static BytestreamTransactionHandle create()
    {
        return new BytestreamTransactionHandle(UUID.randomUUID());
    }
}
