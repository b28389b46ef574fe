package io.bytestream.trino;

import io.bytestream.delta.DataFile;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.SchemaTableName;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.nio.file.NoSuchFileException;
import java.util.List;

import static com.google.common.base.Throwables.getCausalChain;
import static io.bytestream.trino.BytestreamErrorCode.BYTESTREAM_BAD_DATA_FILE;
import static io.bytestream.trino.BytestreamErrorCode.BYTESTREAM_MISSING_DATA_FILE;

final class DataFileErrors
{
    private DataFileErrors() {}

    static TrinoException dataFileException(SchemaTableName table, DataFile file, Throwable failure)
    {
        List<Throwable> causes = getCausalChain(failure);
        if (causes.stream().anyMatch(cause -> cause instanceof FileNotFoundException || cause instanceof NoSuchFileException)) {
            return new TrinoException(BYTESTREAM_MISSING_DATA_FILE, "Table %s: data file %s named by the Delta log does not exist".formatted(table, file.path()), failure);
        }
        // only bytes within the size the log records are read: an end of file before it means the file is shorter
        if (causes.stream().anyMatch(EOFException.class::isInstance)) {
            return new TrinoException(BYTESTREAM_BAD_DATA_FILE, "Table %s: data file %s is shorter than the %s bytes the Delta log records for it".formatted(table, file.path(), file.size()), failure);
        }
        return new TrinoException(BYTESTREAM_BAD_DATA_FILE, "Table %s: cannot read data file %s: %s".formatted(table, file.path(), failureMessage(failure)), failure);
    }

    /** The failure's message, followed by its root cause's where that says more: "Failed to list location" alone does not tell why. */
    static String failureMessage(Throwable failure)
    {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        List<Throwable> causes = getCausalChain(failure);
        String rootMessage = causes.getLast().getMessage();
        if (causes.size() == 1 || rootMessage == null || rootMessage.isBlank()) {
            return message;
        }
        String rootSummary = rootMessage.lines().findFirst().orElseThrow();
        return message.contains(rootSummary) ? message : message + ": " + rootSummary;
    }
}
