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

package io.bytestream.arrow;

import io.airlift.slice.Slice;
import io.bytestream.arrow.format.UnsupportedTypeException;
import io.bytestream.arrow.message.IpcMessageReader;
import io.bytestream.arrow.schema.ArrowField;
import io.bytestream.arrow.schema.ArrowSchema;
import io.bytestream.arrow.schema.SchemaParser;
import io.bytestream.arrow.schema.TrinoTypes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.bytestream.arrow.Guard.guard;

/**
 * Reads the columns of an Arrow IPC stream from its schema message.
 */
public final class IpcSchemaReader
{
    private IpcSchemaReader() {}

    /**
     * Parses only the schema message and maps every top-level field to a Trino column.
     *
     * @throws UnsupportedArrowTypeException if a field has a type Trino cannot represent, or two fields
     * have the same lower-cased name
     * @throws IpcFormatException if the stream does not start with a valid schema message
     */
    public static List<IpcColumn> readColumns(Slice stream)
    {
        return guard(() -> toColumns(SchemaParser.parse(new IpcMessageReader(stream).next())));
    }

    /**
     * Parses only the schema message and maps to a Trino column each top-level field a table's column can read, as the
     * decoder matches them: of fields with the same lower-cased name the first; a field without a name, or of a type
     * Trino cannot represent, is left out, as the decoder skips a field no column asks for.
     *
     * @throws IpcFormatException if the stream does not start with a valid schema message
     */
    public static List<IpcColumn> readableColumns(Slice stream)
    {
        return guard(() -> readableColumns(SchemaParser.parse(new IpcMessageReader(stream).next())));
    }

    private static List<IpcColumn> readableColumns(ArrowSchema schema)
    {
        List<IpcColumn> columns = new ArrayList<>(schema.fields().size());
        Set<String> names = new HashSet<>();
        for (ArrowField field : schema.fields()) {
            String name = TrinoTypes.columnName(field);
            if (name.isEmpty() || !names.add(name)) {
                continue;
            }
            try {
                columns.add(new IpcColumn(name, TrinoTypes.toTrinoType(field, name)));
            }
            catch (UnsupportedTypeException _) {
                // read by no column
            }
        }
        return List.copyOf(columns);
    }

    private static List<IpcColumn> toColumns(ArrowSchema schema)
    {
        List<IpcColumn> columns = new ArrayList<>(schema.fields().size());
        Set<String> names = new HashSet<>();
        for (ArrowField field : schema.fields()) {
            String name = TrinoTypes.columnName(field);
            if (name.isEmpty()) {
                throw new UnsupportedArrowTypeException("Arrow schema has a column without a name");
            }
            if (!names.add(name)) {
                throw new UnsupportedArrowTypeException("Arrow schema has more than one column named '%s' (names are compared lower-cased)".formatted(name));
            }
            columns.add(new IpcColumn(name, TrinoTypes.toTrinoType(field, name)));
        }
        return List.copyOf(columns);
    }
}
