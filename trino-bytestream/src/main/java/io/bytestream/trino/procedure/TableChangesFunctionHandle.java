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

package io.bytestream.trino.procedure;

import io.bytestream.trino.table.RecordTable;
import io.trino.spi.function.table.ConnectorTableFunctionHandle;

import static java.util.Objects.requireNonNull;

/**
 * A call of {@code table_changes}: the changes of {@code table}'s commits after {@code sinceVersion}, up to the
 * version the table is pinned to.
 *
 * @param sinceVersion -1 for every commit
 */
public record TableChangesFunctionHandle(RecordTable table, long sinceVersion)
        implements ConnectorTableFunctionHandle
{
    public TableChangesFunctionHandle
    {
        requireNonNull(table, "table is null");
    }
}
