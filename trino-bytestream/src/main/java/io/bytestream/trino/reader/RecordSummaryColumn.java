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

package io.bytestream.trino.reader;

import io.trino.spi.type.Type;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Locale.ROOT;

/**
 * The columns of {@code "<table>$records"} that describe a record's content, read from its IPC message headers
 * ({@link RecordSummaryReader}); the record's outer columns and data file path come with them.
 */
public enum RecordSummaryColumn
{
    /** The content's length in bytes; NULL for a NULL content. */
    CONTENT_LENGTH(BIGINT),
    /** The record batches of the stream; 0 for a NULL content, NULL for a bad record. */
    BATCHES(BIGINT),
    /** The inner rows of the stream; 0 for a NULL content, NULL for a bad record. */
    INNER_ROWS(BIGINT),
    /** The batch bodies' compression: {@code none}, {@code lz4_frame}, {@code zstd}. */
    COMPRESSION(VARCHAR),
    /** The stream's Arrow schema as {@code name: type, …}. */
    SCHEMA(VARCHAR),
    /** Why the record is bad: the message a query of the table would fail with; NULL for a good record. */
    ERROR(VARCHAR);

    private final Type type;

    RecordSummaryColumn(Type type)
    {
        this.type = type;
    }

    public String columnName()
    {
        return name().toLowerCase(ROOT);
    }

    public Type type()
    {
        return type;
    }

    public static RecordSummaryColumn fromColumnName(String name)
    {
        return valueOf(name.toUpperCase(ROOT));
    }
}
