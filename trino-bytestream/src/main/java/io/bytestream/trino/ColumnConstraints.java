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

import io.bytestream.trino.delta.OuterColumn;
import io.trino.spi.connector.DynamicFilter;
import io.trino.spi.predicate.TupleDomain;

import static io.bytestream.trino.BytestreamColumnHandle.Kind.PARTITION;
import static io.bytestream.trino.delta.PartitionMatcher.matches;

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

    /** Whether the split's partition can satisfy what the dynamic filter has collected so far on partition columns. */
    static boolean mayMatch(DynamicFilter dynamicFilter, BytestreamSplit split)
    {
        TupleDomain<BytestreamColumnHandle> partitionFilter = dynamicFilter.getCurrentPredicate()
                .transformKeys(BytestreamColumnHandle.class::cast)
                .filter((column, _) -> column.kind() == PARTITION);
        // all files of a split share one partition
        return matches(onOuterColumns(partitionFilter), split.files().getFirst());
    }
}
