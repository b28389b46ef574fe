package io.bytestream.trino;

import io.trino.spi.TrinoException;
import io.trino.spi.connector.SchemaTableName;

import java.io.FileNotFoundException;
import java.nio.file.NoSuchFileException;

import static com.google.common.base.Throwables.getCausalChain;
import static io.bytestream.trino.BytestreamErrorCode.BYTESTREAM_BAD_DATA_FILE;
import static io.bytestream.trino.BytestreamErrorCode.BYTESTREAM_MISSING_DATA_FILE;

final class DataFileErrors
{
    private DataFileErrors() {}

    static TrinoException dataFileException(SchemaTableName table, String path, Throwable failure)
    {
        boolean missing = getCausalChain(failure).stream()
                .anyMatch(cause -> cause instanceof FileNotFoundException || cause instanceof NoSuchFileException);
        if (missing) {
            return new TrinoException(BYTESTREAM_MISSING_DATA_FILE, "Table %s: data file %s named by the Delta log does not exist".formatted(table, path), failure);
        }
        return new TrinoException(BYTESTREAM_BAD_DATA_FILE, "Table %s: cannot read data file %s: %s".formatted(table, path, failure.getMessage()), failure);
    }
}
