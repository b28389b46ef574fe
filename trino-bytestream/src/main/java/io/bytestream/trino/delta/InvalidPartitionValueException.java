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
 * A partition value in the Delta log that is not a value of its column's type: the log is corrupt, and reading the
 * file's records with any other value, or without them, would be a wrong answer.
 */
public final class InvalidPartitionValueException
        extends RuntimeException
{
    private static final int MAX_VALUE_LENGTH = 100;

    private final String path;
    private final String column;
    private final Type type;
    private final String value;

    InvalidPartitionValueException(String path, String column, Type type, String value, IllegalArgumentException reason)
    {
        super("Cannot parse partition value '%s' of column %s (%s) for data file %s: %s".formatted(abbreviated(value), column, type, path, reason.getMessage()), reason);
        this.path = requireNonNull(path, "path is null");
        this.column = requireNonNull(column, "column is null");
        this.type = requireNonNull(type, "type is null");
        this.value = requireNonNull(value, "value is null");
    }

    /** The data file the log gives the value. */
    public String path()
    {
        return path;
    }

    public String column()
    {
        return column;
    }

    public Type type()
    {
        return type;
    }

    /** The value as the log serialises it, cut short where it is long. */
    public String value()
    {
        return abbreviated(value);
    }

    /** What is wrong with the value. */
    public String reason()
    {
        return getCause().getMessage();
    }

    private static String abbreviated(String value)
    {
        return value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH) + "…";
    }
}
