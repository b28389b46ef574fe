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
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A kernel columnar batch over column vectors. Kernel's write path reshapes batches
 * (drops partition columns, adds columns), which the interface's default methods do not support.
 */
final class VectorColumnarBatch
        implements ColumnarBatch
{
    private final StructType schema;
    private final List<ColumnVector> vectors;
    private final int size;

    VectorColumnarBatch(StructType schema, List<ColumnVector> vectors, int size)
    {
        this.schema = requireNonNull(schema, "schema is null");
        this.vectors = List.copyOf(requireNonNull(vectors, "vectors is null"));
        this.size = size;
        if (schema.length() != vectors.size()) {
            throw new IllegalArgumentException("schema has %s fields but %s vectors given".formatted(schema.length(), vectors.size()));
        }
    }

    @Override
    public StructType getSchema()
    {
        return schema;
    }

    @Override
    public ColumnVector getColumnVector(int ordinal)
    {
        return vectors.get(ordinal);
    }

    @Override
    public int getSize()
    {
        return size;
    }

    @Override
    public ColumnarBatch withNewColumn(int ordinal, StructField field, ColumnVector vector)
    {
        List<StructField> fields = new ArrayList<>(schema.fields());
        fields.add(ordinal, field);
        List<ColumnVector> newVectors = new ArrayList<>(vectors);
        newVectors.add(ordinal, vector);
        return new VectorColumnarBatch(new StructType(fields), newVectors, size);
    }

    @Override
    public ColumnarBatch withDeletedColumnAt(int ordinal)
    {
        List<StructField> fields = new ArrayList<>(schema.fields());
        fields.remove(ordinal);
        List<ColumnVector> newVectors = new ArrayList<>(vectors);
        newVectors.remove(ordinal);
        return new VectorColumnarBatch(new StructType(fields), newVectors, size);
    }

    @Override
    public ColumnarBatch withNewSchema(StructType newSchema)
    {
        return new VectorColumnarBatch(newSchema, vectors, size);
    }
}
