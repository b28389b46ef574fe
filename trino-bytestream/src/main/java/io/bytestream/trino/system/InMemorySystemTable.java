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

import io.trino.spi.PageBuilder;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorPageSource;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTableMetadata;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.FixedPageSource;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.connector.SystemTable;
import io.trino.spi.predicate.TupleDomain;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A metadata table whose rows are made on the coordinator, from the Delta log, into one page.
 */
abstract class InMemorySystemTable
        implements SystemTable
{
    private final ConnectorTableMetadata metadata;

    InMemorySystemTable(SchemaTableName name, List<ColumnMetadata> columns)
    {
        this.metadata = new ConnectorTableMetadata(requireNonNull(name, "name is null"), columns);
    }

    @Override
    public final Distribution getDistribution()
    {
        return Distribution.SINGLE_COORDINATOR;
    }

    @Override
    public final ConnectorTableMetadata getTableMetadata()
    {
        return metadata;
    }

    @Override
    public final ConnectorPageSource pageSource(ConnectorTransactionHandle transaction, ConnectorSession session, TupleDomain<Integer> constraint)
    {
        PageBuilder page = pageBuilder(metadata.getColumns());
        appendRows(page, session, constraint);
        return new FixedPageSource(page.isEmpty() ? List.of() : List.of(page.build()));
    }

    static PageBuilder pageBuilder(List<ColumnMetadata> columns)
    {
        return new PageBuilder(columns.stream().map(ColumnMetadata::getType).toList());
    }

    /**
     * Appends the table's rows, a channel per column of {@link #getTableMetadata()}.
     *
     * @param constraint on the columns by their index; rows outside it may be appended, the engine filters them
     */
    abstract void appendRows(PageBuilder page, ConnectorSession session, TupleDomain<Integer> constraint);
}
