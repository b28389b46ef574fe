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

package io.bytestream.trino;

import com.google.common.collect.ImmutableList;
import io.bytestream.arrow.IpcColumn;
import io.bytestream.trino.delta.OuterColumn;
import io.bytestream.trino.procedure.ChangeColumn;
import io.bytestream.trino.reader.RecordSummaryColumn;
import io.bytestream.trino.table.RecordTableSchema;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.type.Type;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import static com.google.common.base.Preconditions.checkState;
import static com.google.common.collect.ImmutableSet.toImmutableSet;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MILLIS;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Locale.ROOT;
import static java.util.Objects.requireNonNull;

/**
 * A column of a record table: an inner column (a field of the records' Arrow schema) or a hidden column
 * ({@code "$name"}) for an outer Delta column or the data file's path, size or modification time; or a column of
 * {@code "<table>$records"}.
 *
 * @param name the Trino column name ({@code "$node_id"} for hidden columns)
 * @param sourceName the Arrow field name (lower-cased) or the outer Delta column name
 * @param physicalName the outer column's name in the data files (differs from {@code sourceName} under column mapping)
 */
public record BytestreamColumnHandle(String name, String sourceName, String physicalName, Type type, Kind kind)
        implements ColumnHandle
{
    public enum Kind
    {
        /** A field of the records' Arrow schema. */
        INNER,
        /** A non-partition outer column, read from the data file. */
        OUTER,
        /** A partition column, read from the Delta log. */
        PARTITION,
        /** The data file's location. */
        PATH,
        /** The data file's size in bytes, from the Delta log. */
        FILE_SIZE,
        /** The data file's modification time, from the Delta log. */
        FILE_MODIFIED_TIME,
        /** A column of {@code "<table>$records"} read from the record's IPC headers: {@code sourceName} names its {@link RecordSummaryColumn}. */
        RECORD_SUMMARY,
        /** A column {@code table_changes} adds: the change's type, commit version or commit time. */
        CHANGE,
        /** Whether the record is bad: true only in the row {@code bad_record_handling = 'FLAG'} gives a bad record. */
        CONTENT_CORRUPT,
        /** Why the record is bad, as {@code FAIL} would say it; NULL for a good record. */
        DECODE_ERROR,
    }

    public static final String PATH_COLUMN_NAME = "$path";
    public static final String FILE_SIZE_COLUMN_NAME = "$file_size";
    public static final String FILE_MODIFIED_TIME_COLUMN_NAME = "$file_modified_time";
    public static final String CONTENT_CORRUPT_COLUMN_NAME = "$content_corrupt";
    public static final String DECODE_ERROR_COLUMN_NAME = "$decode_error";
    /** The data file's location in {@code "<table>$records"}. */
    public static final String RECORDS_PATH_COLUMN_NAME = "path";

    public BytestreamColumnHandle
    {
        requireNonNull(name, "name is null");
        requireNonNull(sourceName, "sourceName is null");
        requireNonNull(physicalName, "physicalName is null");
        requireNonNull(type, "type is null");
        requireNonNull(kind, "kind is null");
    }

    public BytestreamColumnHandle(String name, String sourceName, Type type, Kind kind)
    {
        this(name, sourceName, sourceName, type, kind);
    }

    /**
     * The inner columns, then the hidden columns: one for each outer column, then {@code $path}, {@code $file_size},
     * {@code $file_modified_time}, {@code $content_corrupt} and {@code $decode_error}, which an outer column of the same
     * name gives way to.
     */
    public static List<BytestreamColumnHandle> columnsOf(RecordTableSchema schema)
    {
        ImmutableList.Builder<BytestreamColumnHandle> columns = ImmutableList.builder();
        for (IpcColumn column : schema.innerColumns()) {
            columns.add(new BytestreamColumnHandle(column.name(), column.name(), column.type(), Kind.INNER));
        }
        List<BytestreamColumnHandle> fileColumns = List.of(
                new BytestreamColumnHandle(PATH_COLUMN_NAME, PATH_COLUMN_NAME, VARCHAR, Kind.PATH),
                new BytestreamColumnHandle(FILE_SIZE_COLUMN_NAME, FILE_SIZE_COLUMN_NAME, BIGINT, Kind.FILE_SIZE),
                new BytestreamColumnHandle(FILE_MODIFIED_TIME_COLUMN_NAME, FILE_MODIFIED_TIME_COLUMN_NAME, TIMESTAMP_TZ_MILLIS, Kind.FILE_MODIFIED_TIME),
                new BytestreamColumnHandle(CONTENT_CORRUPT_COLUMN_NAME, CONTENT_CORRUPT_COLUMN_NAME, BOOLEAN, Kind.CONTENT_CORRUPT),
                new BytestreamColumnHandle(DECODE_ERROR_COLUMN_NAME, DECODE_ERROR_COLUMN_NAME, VARCHAR, Kind.DECODE_ERROR));
        // "$path" and the like are the data file's, as in Trino's Hive and Delta Lake connectors
        columns.addAll(outerColumns(schema.outerColumns(), BytestreamColumnHandle::hiddenName, fileColumns));
        columns.addAll(fileColumns);
        return columns.build();
    }

    /**
     * The columns of {@code "<table>$records"}: each outer column by its own name, then {@code path} and the
     * {@link RecordSummaryColumn}s, which an outer column of the same name gives way to.
     */
    public static List<BytestreamColumnHandle> recordsColumnsOf(List<OuterColumn> outerColumns)
    {
        ImmutableList.Builder<BytestreamColumnHandle> ownColumns = ImmutableList.builder();
        ownColumns.add(new BytestreamColumnHandle(RECORDS_PATH_COLUMN_NAME, PATH_COLUMN_NAME, VARCHAR, Kind.PATH));
        for (RecordSummaryColumn column : RecordSummaryColumn.values()) {
            ownColumns.add(new BytestreamColumnHandle(column.columnName(), column.columnName(), column.type(), Kind.RECORD_SUMMARY));
        }
        List<BytestreamColumnHandle> own = ownColumns.build();
        return ImmutableList.<BytestreamColumnHandle>builder()
                .addAll(outerColumns(outerColumns, name -> name, own))
                .addAll(own)
                .build();
    }

    /** A column for each outer column, named by {@code naming} from its lower-cased name, but those named like one of {@code reserved}. */
    private static List<BytestreamColumnHandle> outerColumns(List<OuterColumn> outerColumns, UnaryOperator<String> naming, List<BytestreamColumnHandle> reserved)
    {
        Set<String> reservedNames = reserved.stream().map(BytestreamColumnHandle::name).collect(toImmutableSet());
        ImmutableList.Builder<BytestreamColumnHandle> columns = ImmutableList.builder();
        for (OuterColumn column : outerColumns) {
            String name = naming.apply(column.name().toLowerCase(ROOT));
            if (!reservedNames.contains(name)) {
                columns.add(new BytestreamColumnHandle(name, column.name(), column.physicalName(), column.type(), column.partition() ? Kind.PARTITION : Kind.OUTER));
            }
        }
        return columns.build();
    }

    /** The inner columns, then the columns {@code table_changes} adds. */
    public static List<BytestreamColumnHandle> changeColumnsOf(RecordTableSchema schema)
    {
        ImmutableList.Builder<BytestreamColumnHandle> columns = ImmutableList.builder();
        for (IpcColumn column : schema.innerColumns()) {
            columns.add(new BytestreamColumnHandle(column.name(), column.name(), column.type(), Kind.INNER));
        }
        for (ChangeColumn column : ChangeColumn.values()) {
            columns.add(new BytestreamColumnHandle(column.columnName(), column.name(), column.type(), Kind.CHANGE));
        }
        return columns.build();
    }

    /** The change column a {@link Kind#CHANGE} column shows. */
    public ChangeColumn changeColumn()
    {
        checkState(kind == Kind.CHANGE, "not a change column: %s", name);
        return ChangeColumn.valueOf(sourceName);
    }

    public static String hiddenName(String outerColumnName)
    {
        return "$" + outerColumnName;
    }

    /** The outer column of the Delta table that this partition or outer column shows. */
    public OuterColumn outerColumn()
    {
        checkState(kind == Kind.PARTITION || kind == Kind.OUTER, "not an outer column: %s", name);
        return new OuterColumn(sourceName, physicalName, type, kind == Kind.PARTITION);
    }

    /** The table's {@code "$name"} columns are hidden; its inner columns, and the columns of {@code "<table>$records"}, are not. */
    public boolean isHidden()
    {
        return kind != Kind.INNER && name.startsWith("$");
    }

    public ColumnMetadata toColumnMetadata()
    {
        return ColumnMetadata.builder()
                .setName(name)
                .setType(type)
                .setHidden(isHidden())
                .setComment(isHidden() ? Optional.of(hiddenComment()) : Optional.empty())
                .build();
    }

    private String hiddenComment()
    {
        return switch (kind) {
            case PATH -> "Location of the data file holding the record";
            case FILE_SIZE -> "Size in bytes of the data file holding the record";
            case FILE_MODIFIED_TIME -> "Modification time of the data file holding the record";
            case PARTITION -> "Partition column " + sourceName + " of the record";
            case CONTENT_CORRUPT -> "Whether the record's content cannot be read (with bad_record_handling = 'FLAG')";
            case DECODE_ERROR -> "Why the record's content cannot be read (with bad_record_handling = 'FLAG')";
            default -> "Column " + sourceName + " of the record";
        };
    }
}
