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

import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.OuterColumn;
import io.trino.spi.connector.DynamicFilter;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;

import java.util.Map;

import static io.airlift.slice.Slices.utf8Slice;
import static io.bytestream.trino.BytestreamColumnHandle.Kind.OUTER;
import static io.bytestream.trino.BytestreamColumnHandle.Kind.PARTITION;
import static io.bytestream.trino.delta.PartitionMatcher.matches;
import static io.bytestream.trino.error.BytestreamErrors.parsingPartitionValues;
import static io.trino.spi.type.DateTimeEncoding.packDateTimeWithZone;
import static io.trino.spi.type.TimeZoneKey.UTC_KEY;

/**
 * Constraints on column handles as constraints on the Delta table's outer columns, which the lower layers understand.
 */
final class ColumnConstraints
{
    private ColumnConstraints() {}

    /** {@code constraint}, whose columns are all partition or outer columns, on the outer columns they show. */
    static TupleDomain<OuterColumn> onOuterColumns(TupleDomain<BytestreamColumnHandle> constraint)
    {
        return constraint.transformKeys(BytestreamColumnHandle::outerColumn);
    }

    /**
     * Whether the data file's path, size and modification time satisfy {@code fileConstraint}, whose columns are all
     * of those kinds: exactly, as every record of the file has the same values.
     */
    static boolean fileMatches(TupleDomain<BytestreamColumnHandle> fileConstraint, DataFile file)
    {
        if (fileConstraint.isNone()) {
            return false;
        }
        for (Map.Entry<BytestreamColumnHandle, Domain> entry : fileConstraint.getDomains().orElseThrow().entrySet()) {
            Object value = switch (entry.getKey().kind()) {
                case PATH -> utf8Slice(file.path());
                case FILE_SIZE -> file.size();
                case FILE_MODIFIED_TIME -> packDateTimeWithZone(file.modificationTime(), UTC_KEY);
                default -> throw new IllegalArgumentException("not a column of the data file: " + entry.getKey());
            };
            if (!entry.getValue().includesNullableValue(value)) {
                return false;
            }
        }
        return true;
    }

    /** What the dynamic filter has collected so far on outer columns that are not partition columns. */
    static TupleDomain<BytestreamColumnHandle> onOuterKind(DynamicFilter dynamicFilter)
    {
        return dynamicFilter.getCurrentPredicate()
                .transformKeys(BytestreamColumnHandle.class::cast)
                .filter((column, _) -> column.kind() == OUTER);
    }

    /** Whether the split's partition can satisfy what the dynamic filter has collected so far on partition columns of the table. */
    static boolean mayMatch(SchemaTableName table, DynamicFilter dynamicFilter, BytestreamSplit split)
    {
        TupleDomain<BytestreamColumnHandle> partitionFilter = dynamicFilter.getCurrentPredicate()
                .transformKeys(BytestreamColumnHandle.class::cast)
                .filter((column, _) -> column.kind() == PARTITION);
        // all files of a split share one partition
        return parsingPartitionValues(table, () -> matches(onOuterColumns(partitionFilter), split.files().getFirst()));
    }
}
