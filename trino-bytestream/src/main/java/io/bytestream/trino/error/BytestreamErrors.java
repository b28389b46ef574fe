/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.bytestream.trino.error;

import io.bytestream.arrow.IpcFormatException;
import io.bytestream.arrow.UnsupportedArrowTypeException;
import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.FileChange;
import io.bytestream.trino.delta.InvalidPartitionValueException;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.SchemaTableName;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.function.Supplier;

import static com.google.common.base.Throwables.getCausalChain;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_BAD_DATA_FILE;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_BAD_DELTA_LOG;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_BAD_RECORD;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_MISSING_DATA_FILE;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_RECORD_TOO_LARGE;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_UNSUPPORTED_TYPE;

/**
 * Builds every error about a data file or a record, so that each names the table, the file and the record the same way.
 */
public final class BytestreamErrors
{
    private BytestreamErrors() {}

    public static TrinoException dataFileException(SchemaTableName table, DataFile file, Throwable failure)
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

    /** A partition value in the Delta log that is not a value of its column's type: the log is corrupt. */
    public static TrinoException invalidPartitionValue(SchemaTableName table, InvalidPartitionValueException e)
    {
        return new TrinoException(BYTESTREAM_BAD_DELTA_LOG, "Table %s: cannot parse partition value '%s' of column %s (%s) for data file %s in the Delta log: %s"
                .formatted(table, e.value(), e.column(), e.type(), e.path(), e.reason()), e);
    }

    /** Runs {@code action}, which parses partition values of the table's Delta log, a value it cannot parse failing it as {@link #invalidPartitionValue}. */
    public static <T> T parsingPartitionValues(SchemaTableName table, Supplier<T> action)
    {
        try {
            return action.get();
        }
        catch (InvalidPartitionValueException e) {
            throw invalidPartitionValue(table, e);
        }
    }

    /** A data file that a change read by {@code table_changes} needs no longer exists: VACUUM deletes files removed long enough ago. */
    public static TrinoException missingChangedFile(SchemaTableName table, FileChange change, Throwable failure)
    {
        return new TrinoException(BYTESTREAM_MISSING_DATA_FILE, "Table %s: data file %s, whose rows version %s %s, no longer exists (VACUUM deletes removed files): read the changes since version %s or later"
                .formatted(table, change.file().path(), change.commitVersion(), change.type() == FileChange.Type.INSERT ? "inserted" : "deleted", change.lastChangeOfFile()), failure);
    }

    public static TrinoException deletionVectorException(SchemaTableName table, DataFile file, Throwable failure)
    {
        return new TrinoException(BYTESTREAM_BAD_DATA_FILE, "Table %s: cannot read the deletion vector of data file %s: %s".formatted(table, file.path(), failureMessage(failure)), failure);
    }

    public static TrinoException recordTooLarge(RecordId record, long bytes, long maxRecordSize)
    {
        return new TrinoException(BYTESTREAM_RECORD_TOO_LARGE, "%s holds %s bytes, more than bytestream.max-record-size (%s bytes)".formatted(record, bytes, maxRecordSize));
    }

    /** An unsupported type is a kind of format error: the record holds what the table's columns cannot read. */
    public static TrinoException badRecord(RecordId record, IpcFormatException e)
    {
        if (e instanceof UnsupportedArrowTypeException) {
            return new TrinoException(BYTESTREAM_UNSUPPORTED_TYPE, "%s: %s".formatted(record, e.getMessage()), e);
        }
        return new TrinoException(BYTESTREAM_BAD_RECORD, "%s has a corrupt Arrow IPC stream: %s".formatted(record, e.getMessage()), e);
    }

    /** The record's content is not what its writer stored: {@code failure} says how that was found. */
    public static TrinoException corruptRecord(RecordId record, Exception failure)
    {
        return new TrinoException(BYTESTREAM_BAD_RECORD, "%s is corrupt: %s".formatted(record, failure.getMessage()), failure);
    }

    /** Whether the error is about a bad record (see docs/bytestream.md, "Bad records"), not about the data file or the table. */
    public static boolean isBadRecord(TrinoException e)
    {
        return e.getErrorCode().equals(BYTESTREAM_BAD_RECORD.toErrorCode())
                || e.getErrorCode().equals(BYTESTREAM_UNSUPPORTED_TYPE.toErrorCode())
                || e.getErrorCode().equals(BYTESTREAM_RECORD_TOO_LARGE.toErrorCode());
    }

    /** None of the newest records with content, of which the newest that decodes gives the table its Arrow schema, decodes. */
    public static TrinoException noRecordDecodes(SchemaTableName table, int recordsTried, DataFile newestFile, IpcFormatException newestFailure)
    {
        String message = "Table %s: none of the %s newest records with content decodes, so the table has no Arrow schema; the newest, in data file %s: %s"
                .formatted(table, recordsTried, newestFile.path(), newestFailure.getMessage());
        return new TrinoException(newestFailure instanceof UnsupportedArrowTypeException ? BYTESTREAM_UNSUPPORTED_TYPE : BYTESTREAM_BAD_RECORD, message, newestFailure);
    }

    /** The failure's message, followed by its root cause's where that says more: "Failed to list location" alone does not tell why. */
    public static String failureMessage(Throwable failure)
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
