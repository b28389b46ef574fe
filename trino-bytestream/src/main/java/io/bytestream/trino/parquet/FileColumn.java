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

package io.bytestream.trino.parquet;

import io.trino.spi.type.Type;

import static java.util.Objects.requireNonNull;

/**
 * A top-level column of a data file, read as {@code type}. Names match the file's columns ignoring case,
 * as Delta column names do.
 */
public record FileColumn(String name, Type type)
{
    public FileColumn
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
