package io.bytestream.trino;

import io.trino.spi.connector.ConnectorTransactionHandle;

public enum BytestreamTransactionHandle
        implements ConnectorTransactionHandle
{
    INSTANCE
}
