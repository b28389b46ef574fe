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

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renames a file's partition values from the physical names the log keys them by to the schema's names, which the
 * layers above this package use, in the order of the table's partition columns: the order errors name them in.
 */
final class PartitionValueNames
{
    private final Map<String, String> logicalNames;
    private final List<String> partitionColumns;

    /**
     * @param logicalNames the schema's names of the columns whose physical name differs, by physical name
     * @param partitionColumns the schema's names of the partition columns, in the order the table is partitioned by
     */
    PartitionValueNames(Map<String, String> logicalNames, List<String> partitionColumns)
    {
        this.logicalNames = Map.copyOf(logicalNames);
        this.partitionColumns = List.copyOf(partitionColumns);
    }

    static PartitionValueNames of(DeltaSnapshot snapshot)
    {
        return new PartitionValueNames(snapshot.logicalNames(), snapshot.partitionColumns().stream().map(OuterColumn::name).toList());
    }

    Map<String, String> logical(Map<String, String> physicalValues)
    {
        Map<String, String> values = new HashMap<>();
        physicalValues.forEach((name, value) -> values.put(logicalNames.getOrDefault(name, name), value));
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String column : partitionColumns) {
            if (values.containsKey(column)) {
                ordered.put(column, values.remove(column));
            }
        }
        // values of columns Trino cannot read, should the log hold any: after the others, in a stable order
        ordered.putAll(new TreeMap<>(values));
        return ordered;
    }
}
