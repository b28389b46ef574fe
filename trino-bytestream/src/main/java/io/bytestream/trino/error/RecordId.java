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

package io.bytestream.trino.error;

import io.bytestream.trino.delta.DataFile;
import io.trino.spi.connector.SchemaTableName;

import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Names one record in error messages: its table, data file, position in the file and hidden values.
 *
 * @param versionColumn the outer {@code version} column, where the table has one
 * @param version the record's version; empty where it was not read, an empty OptionalLong for NULL
 */
public record RecordId(SchemaTableName table, DataFile file, long record, Optional<String> versionColumn, Optional<OptionalLong> version)
{
    public RecordId
    {
        requireNonNull(table, "table is null");
        requireNonNull(file, "file is null");
        requireNonNull(versionColumn, "versionColumn is null");
        requireNonNull(version, "version is null");
    }

    @Override
    public String toString()
    {
        StringBuilder description = new StringBuilder()
                .append("Table ").append(table)
                .append(", data file ").append(file.path())
                .append(", record ").append(record);
        file.partitionValues().forEach((name, value) -> description.append(", $").append(name).append('=').append(value));
        if (versionColumn.isPresent() && version.isPresent()) {
            description.append(", $").append(versionColumn.get()).append('=').append(version.get().isPresent() ? String.valueOf(version.get().getAsLong()) : "NULL");
        }
        return description.toString();
    }
}
