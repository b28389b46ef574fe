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

package io.bytestream.trino.delta;

import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;

import java.util.Map;

/**
 * Whether a data file's partition, as the Delta log records it, can satisfy a constraint.
 */
public final class PartitionMatcher
{
    private PartitionMatcher() {}

    /**
     * Whether the file's partition values can satisfy the constraint's domains on partition columns; other columns are not looked at.
     *
     * @throws InvalidPartitionValueException where a value of a column with a domain is not one of its type: such a file is not pruned
     */
    public static boolean matches(TupleDomain<OuterColumn> constraint, DataFile file)
    {
        if (constraint.isNone()) {
            return false;
        }
        for (Map.Entry<OuterColumn, Domain> entry : constraint.getDomains().orElseThrow().entrySet()) {
            OuterColumn column = entry.getKey();
            if (column.partition() && !entry.getValue().includesNullableValue(PartitionValues.value(file, column.name(), column.type()))) {
                return false;
            }
        }
        return true;
    }
}
