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

package io.bytestream.writer;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A kernel column vector over Java values: String for STRING, Long for LONG and TIMESTAMP (micros), byte[] for BINARY.
 */
final class ValueColumnVector
        implements ColumnVector
{
    private final DataType dataType;
    private final List<?> values;

    ValueColumnVector(DataType dataType, List<?> values)
    {
        this.dataType = requireNonNull(dataType, "dataType is null");
        this.values = requireNonNull(values, "values is null");
    }

    @Override
    public DataType getDataType()
    {
        return dataType;
    }

    @Override
    public int getSize()
    {
        return values.size();
    }

    @Override
    public void close() {}

    @Override
    public boolean isNullAt(int rowId)
    {
        return values.get(rowId) == null;
    }

    @Override
    public long getLong(int rowId)
    {
        return (Long) values.get(rowId);
    }

    @Override
    public String getString(int rowId)
    {
        return (String) values.get(rowId);
    }

    @Override
    public byte[] getBinary(int rowId)
    {
        return (byte[]) values.get(rowId);
    }
}
