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

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.bytestream.arrow.IpcColumn;
import io.bytestream.trino.delta.OuterColumn;
import io.bytestream.trino.parquet.FileColumn;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.Type;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntFunction;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.collect.ImmutableList.toImmutableList;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static java.util.Objects.requireNonNull;

/**
 * The columns a scan produces, in order, and where each comes from: the records' Arrow streams (inner columns),
 * the data file (outer columns), the Delta log (partition columns and the file's location, size and modification
 * time), a value given for the scan (constant columns), whether the record could be read (its error columns) or, for
 * {@code "<table>$records"}, the records' IPC headers (summary columns); and what to do with a bad record. Also which columns of
 * the data file that takes: the content column first, then the outer columns asked for.
 */
public final class RecordColumns
{
    enum Source
    {
        INNER, OUTER, PARTITION, PATH, FILE_SIZE, FILE_MODIFIED_TIME, RECORD_SUMMARY, CONSTANT, CONTENT_CORRUPT, DECODE_ERROR
    }

    record Channel(Source source, String name, Type type, int index) {}

    /** What a record's value of the data file's column at {@code fileChannel} must be for the scan to take the record. */
    private record RecordCondition(int fileChannel, Domain domain) {}

    private final List<Channel> channels;
    private final List<Object> constants;
    private final List<IpcColumn> innerColumns;
    private final List<FileColumn> fileColumns;
    private final Optional<OuterColumn> versionColumn;
    private final int versionFileChannel;
    private final Map<String, Integer> fieldIds;
    // empty where the scan takes every record
    private final Optional<List<RecordCondition>> recordConditions;
    private final boolean takesNoRecord;
    private final BadRecordHandling badRecords;
    private final boolean verifiesChecksums;

    private RecordColumns(List<Channel> channels, List<Object> constants, List<IpcColumn> innerColumns, List<FileColumn> fileColumns, Optional<OuterColumn> versionColumn, int versionFileChannel, Map<String, Integer> fieldIds, Optional<List<RecordCondition>> recordConditions, boolean takesNoRecord, BadRecordHandling badRecords, boolean verifiesChecksums)
    {
        this.verifiesChecksums = verifiesChecksums;
        this.badRecords = badRecords;
        this.recordConditions = recordConditions.map(ImmutableList::copyOf);
        this.takesNoRecord = takesNoRecord;
        this.fieldIds = ImmutableMap.copyOf(fieldIds);
        this.channels = ImmutableList.copyOf(channels);
        // constant values may be null
        this.constants = Collections.unmodifiableList(new ArrayList<>(constants));
        this.innerColumns = ImmutableList.copyOf(innerColumns);
        this.fileColumns = ImmutableList.copyOf(fileColumns);
        this.versionColumn = versionColumn;
        this.versionFileChannel = versionFileChannel;
    }

    /**
     * @param contentColumn the content column's name in the data files
     * @param versionColumn the outer {@code version} column, read only to name a record in an error: Parquet pages are
     * lazy, so it is loaded only then
     */
    public static Builder builder(String contentColumn, Optional<OuterColumn> versionColumn)
    {
        return new Builder(contentColumn, versionColumn);
    }

    List<Channel> channels()
    {
        return channels;
    }

    /** The value of a constant column, by its channel's index. */
    Object constant(int index)
    {
        return constants.get(index);
    }

    List<IpcColumn> innerColumns()
    {
        return innerColumns;
    }

    /** The data file's columns to read: the content column at channel 0. */
    List<FileColumn> fileColumns()
    {
        return fileColumns;
    }

    FileColumn contentColumn()
    {
        return fileColumns.getFirst();
    }

    /** The version column's name, as errors name it. */
    Optional<String> versionColumnName()
    {
        return versionColumn.map(OuterColumn::name);
    }

    /** The version column's channel among {@link #fileColumns()}, or -1 where the table has none. */
    int versionFileChannel()
    {
        return versionFileChannel;
    }

    /** The Parquet field ids of the data file's columns, by name, where the table maps columns by id. */
    Map<String, Integer> fieldIds()
    {
        return fieldIds;
    }

    /** Whether the content column's Parquet page checksums are verified where the writer stored them. */
    boolean verifiesChecksums()
    {
        return verifiesChecksums;
    }

    /** Whether the scan takes only some of the records: then each record's outer values are read before its content. */
    boolean filtersRecords()
    {
        return takesNoRecord || recordConditions.isPresent();
    }

    /**
     * Whether the scan takes the current record, given its values of the data file's columns by channel, as Trino
     * native values (null for NULL): exactly what the record filter's domains include.
     */
    boolean takesRecord(IntFunction<Object> fileColumnValue)
    {
        if (takesNoRecord) {
            return false;
        }
        for (RecordCondition condition : recordConditions.orElse(List.of())) {
            if (!condition.domain().includesNullableValue(fileColumnValue.apply(condition.fileChannel()))) {
                return false;
            }
        }
        return true;
    }

    boolean decodesInnerColumns()
    {
        return !innerColumns.isEmpty();
    }

    /** Whether the scan reads values of the data file's columns other than the content: to produce them, or to filter records. */
    boolean readsOuterColumns()
    {
        return filtersRecords() || channels.stream().anyMatch(channel -> channel.source() == Source.OUTER);
    }

    /** No inner column and no outer column but the content: row counts can come from the IPC headers alone. */
    boolean countsRowsOnly()
    {
        return innerColumns.isEmpty() && !readsOuterColumns();
    }

    /** What the scan does with a record whose content cannot be read. */
    BadRecordHandling badRecords()
    {
        return badRecords;
    }

    public static final class Builder
    {
        private final List<Channel> channels = new ArrayList<>();
        private final List<Object> constants = new ArrayList<>();
        private final List<IpcColumn> innerColumns = new ArrayList<>();
        private final List<FileColumn> fileColumns = new ArrayList<>();
        private final Optional<OuterColumn> versionColumn;
        private Map<String, Integer> fieldIds = Map.of();
        private TupleDomain<OuterColumn> recordConstraint = TupleDomain.all();
        private BadRecordHandling badRecords = BadRecordHandling.FAIL;
        private boolean verifyChecksums = true;

        private Builder(String contentColumn, Optional<OuterColumn> versionColumn)
        {
            fileColumns.add(new FileColumn(requireNonNull(contentColumn, "contentColumn is null"), VARBINARY));
            this.versionColumn = requireNonNull(versionColumn, "versionColumn is null");
        }

        public Builder inner(String name, Type type)
        {
            innerColumns.add(new IpcColumn(name, type));
            channels.add(new Channel(Source.INNER, name, type, innerColumns.size() - 1));
            return this;
        }

        /** An outer column, by its name in the data files. */
        public Builder outer(String name, Type type)
        {
            channels.add(new Channel(Source.OUTER, name, type, fileChannel(new FileColumn(name, type))));
            return this;
        }

        public Builder partition(String name, Type type)
        {
            channels.add(new Channel(Source.PARTITION, name, type, -1));
            return this;
        }

        public Builder path(Type type)
        {
            return sourced(Source.PATH, type);
        }

        /** The data file's size in bytes, from the Delta log. */
        public Builder fileSize(Type type)
        {
            return sourced(Source.FILE_SIZE, type);
        }

        /** The data file's modification time, from the Delta log. */
        public Builder fileModifiedTime(Type type)
        {
            return sourced(Source.FILE_MODIFIED_TIME, type);
        }

        /** Whether the record is bad: true only in the row a bad record gives under {@link BadRecordHandling#FLAG}. */
        public Builder contentCorrupt(Type type)
        {
            return sourced(Source.CONTENT_CORRUPT, type);
        }

        /** Why the record is bad, under {@link BadRecordHandling#FLAG}; NULL for a good record. */
        public Builder decodeError(Type type)
        {
            return sourced(Source.DECODE_ERROR, type);
        }

        /** What the scan does with a record whose content cannot be read; {@link BadRecordHandling#FAIL} unless told. */
        public Builder badRecords(BadRecordHandling badRecords)
        {
            this.badRecords = requireNonNull(badRecords, "badRecords is null");
            return this;
        }

        /** A column whose values come from its source alone. */
        private Builder sourced(Source source, Type type)
        {
            channels.add(new Channel(source, "", type, -1));
            return this;
        }

        /** A column of {@code "<table>$records"} read from the record's IPC headers. */
        public Builder summary(RecordSummaryColumn column)
        {
            channels.add(new Channel(Source.RECORD_SUMMARY, column.columnName(), column.type(), column.ordinal()));
            return this;
        }

        /** A column with the same value, a Trino native value, in every row of the scan. */
        public Builder constant(Type type, Object value)
        {
            constants.add(value);
            channels.add(new Channel(Source.CONSTANT, "", type, constants.size() - 1));
            return this;
        }

        /** The Parquet field ids of the data file's columns, by name, for a table that maps columns by id. */
        public Builder fieldIds(Map<String, Integer> fieldIds)
        {
            this.fieldIds = requireNonNull(fieldIds, "fieldIds is null");
            return this;
        }

        /** Takes only the records of this version, passing over the others before their content is decoded; needs the version column. */
        public Builder onlyRecordsOfVersion(OptionalLong recordVersion)
        {
            requireNonNull(recordVersion, "recordVersion is null");
            checkArgument(recordVersion.isEmpty() || versionColumn.isPresent(), "records are filtered by version, but the table has no version column");
            if (recordVersion.isPresent()) {
                onlyRecordsMatching(TupleDomain.withColumnDomains(Map.of(versionColumn.orElseThrow(), Domain.singleValue(BIGINT, recordVersion.getAsLong()))));
            }
            return this;
        }

        /**
         * Takes only the records whose values of the data file's (non-partition) outer columns {@code constraint}
         * includes, passing over the others before their content is decoded.
         */
        public Builder onlyRecordsMatching(TupleDomain<OuterColumn> constraint)
        {
            checkArgument(constraint.getDomains().map(domains -> domains.keySet().stream().noneMatch(OuterColumn::partition)).orElse(true), "records are filtered by partition columns: %s", constraint);
            recordConstraint = recordConstraint.intersect(constraint);
            return this;
        }

        /** Whether the content column's Parquet page checksums are verified where the writer stored them (by default they are). */
        public Builder verifyChecksums(boolean verifyChecksums)
        {
            this.verifyChecksums = verifyChecksums;
            return this;
        }

        public RecordColumns build()
        {
            int versionFileChannel = versionColumn.map(column -> fileChannel(new FileColumn(column.physicalName(), BIGINT))).orElse(-1);
            Optional<List<RecordCondition>> recordConditions = recordConstraint.getDomains()
                    .filter(domains -> !domains.isEmpty())
                    .map(domains -> domains.entrySet().stream()
                            .map(entry -> new RecordCondition(fileChannel(new FileColumn(entry.getKey().physicalName(), entry.getKey().type())), entry.getValue()))
                            .collect(toImmutableList()));
            return new RecordColumns(channels, constants, innerColumns, fileColumns, versionColumn, versionFileChannel, fieldIds, recordConditions, recordConstraint.isNone(), badRecords, verifyChecksums);
        }

        private int fileChannel(FileColumn column)
        {
            int existing = fileColumns.indexOf(column);
            if (existing >= 0) {
                return existing;
            }
            fileColumns.add(column);
            return fileColumns.size() - 1;
        }
    }
}
