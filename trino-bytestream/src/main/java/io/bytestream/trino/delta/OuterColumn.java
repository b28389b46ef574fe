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

import io.trino.spi.type.Type;

import static java.util.Objects.requireNonNull;

/**
 * A column of a Delta table's own schema (not of the records inside it), as Trino sees it.
 *
 * @param name the column's name in the Delta schema
 * @param physicalName its name in the data files, which differs from {@code name} where the table uses column mapping
 * @param partition whether the table is partitioned by it, so that its values are in the Delta log
 */
public record OuterColumn(String name, String physicalName, Type type, boolean partition)
{
    public OuterColumn
    {
        requireNonNull(name, "name is null");
        requireNonNull(physicalName, "physicalName is null");
        requireNonNull(type, "type is null");
    }

    /** A column of a table without column mapping: data files name it as the schema does. */
    public OuterColumn(String name, Type type, boolean partition)
    {
        this(name, name, type, partition);
    }
}
