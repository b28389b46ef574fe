package io.bytestream.trino;

import com.google.inject.Inject;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorPageSource;
import io.trino.spi.connector.ConnectorPageSourceProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplit;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.DynamicFilter;
import io.trino.spi.connector.EmptyPageSource;

import java.util.List;

import static java.util.Objects.requireNonNull;

public class BytestreamPageSourceProvider
        implements ConnectorPageSourceProvider
{
    private static final ParquetReaderOptions PARQUET_OPTIONS = ParquetReaderOptions.defaultOptions();

    private final RecordTables tables;
    private final long maxRecordSize;

    @Inject
    public BytestreamPageSourceProvider(RecordTables tables, BytestreamConfig config)
    {
        this.tables = requireNonNull(tables, "tables is null");
        this.maxRecordSize = config.getMaxRecordSize().toBytes();
    }

    @Override
    public ConnectorPageSource createPageSource(
            ConnectorTransactionHandle transaction,
            ConnectorSession session,
            ConnectorSplit split,
            ConnectorTableHandle table,
            List<ColumnHandle> columns,
            DynamicFilter dynamicFilter)
    {
        BytestreamSplit recordSplit = (BytestreamSplit) split;
        BytestreamTableHandle recordTable = (BytestreamTableHandle) table;
        List<BytestreamColumnHandle> recordColumns = columns.stream().map(BytestreamColumnHandle.class::cast).toList();

        // a dynamic filter completed after split planning can still drop the whole split
        if (!PartitionMatcher.matches(dynamicFilter, recordSplit)) {
            return new EmptyPageSource();
        }

        return new BytestreamPageSource(
                tables.fileSystem(session),
                recordTable.schemaTableName(),
                recordSplit.files(),
                recordColumns,
                tables.contentColumn(),
                recordTable.versionColumn(),
                maxRecordSize,
                PARQUET_OPTIONS);
    }
}
