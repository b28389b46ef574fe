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

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.airlift.slice.Slice;
import io.bytestream.arrow.IpcColumn;
import io.bytestream.trino.table.RecordSchemaReader;
import io.bytestream.trino.table.RecordTable;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.ConnectorAccessControl;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.connector.TableNotFoundException;
import io.trino.spi.function.table.AbstractConnectorTableFunction;
import io.trino.spi.function.table.Argument;
import io.trino.spi.function.table.Descriptor;
import io.trino.spi.function.table.ScalarArgument;
import io.trino.spi.function.table.ScalarArgumentSpecification;
import io.trino.spi.function.table.TableFunctionAnalysis;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trino.spi.StandardErrorCode.INVALID_FUNCTION_ARGUMENT;
import static io.trino.spi.StandardErrorCode.NOT_SUPPORTED;
import static io.trino.spi.function.table.ReturnTypeSpecification.GenericTable.GENERIC_TABLE;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * {@code SELECT * FROM TABLE(<catalog>.system.table_changes(schema_name => ..., table_name => ..., [since_version => ...]))}:
 * the inner rows of the records that the table's commits after {@code since_version} (every commit where it is not
 * given) inserted and deleted, with the change's type, commit version and commit time, as Trino's Delta Lake connector
 * has it. The table is read at the version the transaction pins it to.
 */
public class TableChangesFunction
        extends AbstractConnectorTableFunction
{
    private static final String SCHEMA_NAME_ARGUMENT = "SCHEMA_NAME";
    private static final String TABLE_NAME_ARGUMENT = "TABLE_NAME";
    private static final String SINCE_VERSION_ARGUMENT = "SINCE_VERSION";

    /** The tables of a transaction, at the version it pins each to. */
    @FunctionalInterface
    public interface PinnedTables
    {
        Optional<RecordTable> latest(ConnectorSession session, ConnectorTransactionHandle transaction, SchemaTableName name);
    }

    private final PinnedTables tables;
    private final RecordSchemaReader schemas;

    public TableChangesFunction(PinnedTables tables, RecordSchemaReader schemas)
    {
        super(
                "system",
                "table_changes",
                ImmutableList.of(
                        ScalarArgumentSpecification.builder().name(SCHEMA_NAME_ARGUMENT).type(VARCHAR).build(),
                        ScalarArgumentSpecification.builder().name(TABLE_NAME_ARGUMENT).type(VARCHAR).build(),
                        ScalarArgumentSpecification.builder().name(SINCE_VERSION_ARGUMENT).type(BIGINT).defaultValue(null).build()),
                GENERIC_TABLE);
        this.tables = requireNonNull(tables, "tables is null");
        this.schemas = requireNonNull(schemas, "schemas is null");
    }

    @Override
    public TableFunctionAnalysis analyze(ConnectorSession session, ConnectorTransactionHandle transaction, Map<String, Argument> arguments, ConnectorAccessControl accessControl)
    {
        String schemaName = stringArgument(arguments, SCHEMA_NAME_ARGUMENT, "schema_name cannot be null");
        String tableName = stringArgument(arguments, TABLE_NAME_ARGUMENT, "table_name value for function table_changes() cannot be null");
        if (schemaName.isEmpty() || tableName.isEmpty()) {
            throw new TrinoException(INVALID_FUNCTION_ARGUMENT, "schema_name and table_name cannot be empty");
        }
        Object sinceVersionValue = ((ScalarArgument) arguments.get(SINCE_VERSION_ARGUMENT)).getValue();
        long sinceVersion = -1;
        if (sinceVersionValue != null) {
            sinceVersion = (long) sinceVersionValue;
            if (sinceVersion < 0) {
                throw new TrinoException(INVALID_FUNCTION_ARGUMENT, "Invalid value of since_version: %s. It must not be negative.".formatted(sinceVersion));
            }
        }

        SchemaTableName name = new SchemaTableName(schemaName, tableName);
        RecordTable table = tables.latest(session, transaction, name).orElseThrow(() -> new TableNotFoundException(name));
        if (sinceVersion > table.snapshotVersion()) {
            throw new TrinoException(INVALID_FUNCTION_ARGUMENT, "since_version: %s is higher than current table version: %s".formatted(sinceVersion, table.snapshotVersion()));
        }
        List<IpcColumn> columns = schemas.describe(session, table).innerColumns();
        accessControl.checkCanSelectFromColumns(null, name, columns.stream().map(IpcColumn::name).collect(ImmutableSet.toImmutableSet()));

        ImmutableList.Builder<Descriptor.Field> fields = ImmutableList.builder();
        for (IpcColumn column : columns) {
            fields.add(new Descriptor.Field(column.name(), Optional.of(column.type())));
        }
        for (ChangeColumn column : ChangeColumn.values()) {
            if (columns.stream().anyMatch(inner -> inner.name().equals(column.columnName()))) {
                throw new TrinoException(NOT_SUPPORTED, "Table %s has a column %s, which table_changes adds".formatted(name, column.columnName()));
            }
            fields.add(new Descriptor.Field(column.columnName(), Optional.of(column.type())));
        }
        return TableFunctionAnalysis.builder()
                .handle(new TableChangesFunctionHandle(table, sinceVersion))
                .returnedType(new Descriptor(fields.build()))
                .build();
    }

    private static String stringArgument(Map<String, Argument> arguments, String name, String nullMessage)
    {
        Object value = ((ScalarArgument) arguments.get(name)).getValue();
        if (value == null) {
            throw new TrinoException(INVALID_FUNCTION_ARGUMENT, nullMessage);
        }
        return ((Slice) value).toStringUtf8();
    }
}
