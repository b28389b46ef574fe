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

import com.google.common.collect.ImmutableList;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.filesystem.TrinoFileSystemFactory;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.SchemaTableName;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_FILESYSTEM_ERROR;
import static io.bytestream.trino.error.BytestreamErrors.failureMessage;
import static java.util.Objects.requireNonNull;

/**
 * Where schemas and tables are under the root location, and which names they have:
 * {@code <root>/<schema>/<table>/_delta_log/}.
 */
public class TableLocations
{
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final String DELTA_LOG = "_delta_log";

    private final TrinoFileSystemFactory fileSystemFactory;
    private final Location root;

    public TableLocations(TrinoFileSystemFactory fileSystemFactory, String rootLocation)
    {
        this.fileSystemFactory = requireNonNull(fileSystemFactory, "fileSystemFactory is null");
        this.root = Location.of(rootLocation.endsWith("/") ? rootLocation.substring(0, rootLocation.length() - 1) : rootLocation);
    }

    /** A name users can type: lower-case identifier, so no name can address anything outside the root. */
    public static boolean isValidName(String name)
    {
        return IDENTIFIER.matcher(name).matches();
    }

    public TrinoFileSystem fileSystem(ConnectorSession session)
    {
        return fileSystemFactory.create(session);
    }

    public List<String> listSchemas(ConnectorSession session)
    {
        return listSubfolders(fileSystem(session), root, true);
    }

    public boolean schemaExists(ConnectorSession session, String schema)
    {
        if (!isValidName(schema)) {
            return false;
        }
        try {
            return fileSystem(session).directoryExists(schemaLocation(schema)).orElse(true);
        }
        catch (IOException e) {
            throw new TrinoException(BYTESTREAM_FILESYSTEM_ERROR, "Cannot check schema folder %s: %s".formatted(schemaLocation(schema), failureMessage(e)), e);
        }
    }

    public List<SchemaTableName> listTables(ConnectorSession session, Optional<String> schema)
    {
        TrinoFileSystem fileSystem = fileSystem(session);
        List<String> schemaNames = schema.map(List::of).orElseGet(() -> listSchemas(session));
        ImmutableList.Builder<SchemaTableName> tables = ImmutableList.builder();
        for (String schemaName : schemaNames) {
            if (!isValidName(schemaName)) {
                continue;
            }
            for (String tableName : listSubfolders(fileSystem, schemaLocation(schemaName), true)) {
                SchemaTableName table = new SchemaTableName(schemaName, tableName);
                if (listSubfolders(fileSystem, tableLocation(table), false).contains(DELTA_LOG)) {
                    tables.add(table);
                }
            }
        }
        return tables.build();
    }

    /** The table's folder; empty for a name that is not valid, which therefore names no table. */
    public Optional<Location> findTableLocation(SchemaTableName table)
    {
        if (!isValidName(table.getSchemaName()) || !isValidName(table.getTableName())) {
            return Optional.empty();
        }
        return Optional.of(tableLocation(table));
    }

    public Location tableLocation(SchemaTableName table)
    {
        return schemaLocation(table.getSchemaName()).appendPath(table.getTableName());
    }

    public Location schemaLocation(String schema)
    {
        return root.appendPath(schema);
    }

    private static List<String> listSubfolders(TrinoFileSystem fileSystem, Location location, boolean validNamesOnly)
    {
        try {
            return fileSystem.listDirectories(location).stream()
                    .map(TableLocations::lastSegment)
                    .filter(name -> !validNamesOnly || isValidName(name))
                    .sorted()
                    .collect(ImmutableList.toImmutableList());
        }
        catch (IOException e) {
            throw new TrinoException(BYTESTREAM_FILESYSTEM_ERROR, "Cannot list %s: %s".formatted(location, failureMessage(e)), e);
        }
    }

    private static String lastSegment(Location directory)
    {
        String path = directory.path();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
