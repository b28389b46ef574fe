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

package io.bytestream.trino.procedure;

import io.bytestream.trino.delta.FileChange;
import io.trino.spi.type.Type;

import java.util.function.Function;

import static io.airlift.slice.Slices.utf8Slice;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DateTimeEncoding.packDateTimeWithZone;
import static io.trino.spi.type.TimeZoneKey.UTC_KEY;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MILLIS;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * The columns {@code table_changes} adds after the table's columns, named and typed as in Trino's Delta Lake connector.
 */
public enum ChangeColumn
{
    CHANGE_TYPE("_change_type", VARCHAR, change -> utf8Slice(change.type().label())),
    COMMIT_VERSION("_commit_version", BIGINT, FileChange::commitVersion),
    COMMIT_TIMESTAMP("_commit_timestamp", TIMESTAMP_TZ_MILLIS, change -> packDateTimeWithZone(change.commitTimestamp(), UTC_KEY));

    private final String columnName;
    private final Type type;
    private final Function<FileChange, Object> value;

    ChangeColumn(String columnName, Type type, Function<FileChange, Object> value)
    {
        this.columnName = requireNonNull(columnName, "columnName is null");
        this.type = requireNonNull(type, "type is null");
        this.value = requireNonNull(value, "value is null");
    }

    public String columnName()
    {
        return columnName;
    }

    public Type type()
    {
        return type;
    }

    /** The column's value, a Trino native value, in every row of the change. */
    public Object value(FileChange change)
    {
        return value.apply(change);
    }
}
