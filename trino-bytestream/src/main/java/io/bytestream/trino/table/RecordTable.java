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

package io.bytestream.trino.table;

import com.google.common.collect.ImmutableMap;
import io.bytestream.trino.delta.OuterColumn;
import io.trino.spi.connector.SchemaTableName;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A record table resolved to one Delta snapshot version, so every part of a query reads the same snapshot.
 *
 * @param location the table's folder, holding its {@code _delta_log}
 * @param contentColumn the content column's name in the data files
 * @param versionColumn the outer {@code version} column (a long), read to name records in error messages
 * @param fieldIds under column mapping mode id, the Parquet field id of each column by its physical name
 */
public record RecordTable(SchemaTableName name, String location, long snapshotVersion, String contentColumn, Optional<OuterColumn> versionColumn, Map<String, Integer> fieldIds)
{
    public RecordTable
    {
        requireNonNull(name, "name is null");
        requireNonNull(location, "location is null");
        requireNonNull(contentColumn, "contentColumn is null");
        requireNonNull(versionColumn, "versionColumn is null");
        fieldIds = ImmutableMap.copyOf(fieldIds);
    }

    @Override
    public String toString()
    {
        return name + "@v" + snapshotVersion;
    }
}
