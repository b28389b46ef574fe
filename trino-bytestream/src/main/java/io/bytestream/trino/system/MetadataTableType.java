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

/**
 * The metadata tables of a record table, queried as {@code "<table>$<name>"}. Those read from the Delta log alone are
 * Trino system tables, answered on the coordinator; {@link #RECORDS} and {@link #LATEST} read data files and are
 * planned into splits like the table itself.
 */
public enum MetadataTableType
{
    HISTORY(true),
    PROPERTIES(true),
    PARTITIONS(true),
    RECORDS(false),
    LATEST(false);

    private final boolean systemTable;

    MetadataTableType(boolean systemTable)
    {
        this.systemTable = systemTable;
    }

    public boolean isSystemTable()
    {
        return systemTable;
    }
}
