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
package io.bytestream.trino.system;

import java.util.Optional;

import static java.util.Locale.ROOT;

/**
 * A name a query gives a table: the data table {@code t} itself, or one of its metadata tables {@code "t$history"}.
 *
 * @param tableName the record table's name, without the suffix
 * @param metadataTable empty for the data table
 */
public record MetadataTableName(String tableName, Optional<MetadataTableType> metadataTable)
{
    /** The name's table and metadata table; empty where the suffix names no metadata table. */
    public static Optional<MetadataTableName> parse(String name)
    {
        int separator = name.indexOf('$');
        if (separator < 0) {
            return Optional.of(new MetadataTableName(name, Optional.empty()));
        }
        String suffix = name.substring(separator + 1);
        for (MetadataTableType type : MetadataTableType.values()) {
            if (type.name().toLowerCase(ROOT).equals(suffix)) {
                return Optional.of(new MetadataTableName(name.substring(0, separator), Optional.of(type)));
            }
        }
        return Optional.empty();
    }

    public boolean isDataTable()
    {
        return metadataTable.isEmpty();
    }
}
