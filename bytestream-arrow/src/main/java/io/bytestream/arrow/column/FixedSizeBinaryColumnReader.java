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

package io.bytestream.arrow.column;

import io.bytestream.arrow.body.FieldNode;
import io.bytestream.arrow.body.RecordBatchBody;
import io.bytestream.arrow.schema.ArrowType;
import io.trino.spi.block.Block;

/**
 * fixed_size_binary(w) into VARBINARY.
 */
final class FixedSizeBinaryColumnReader
        implements ColumnReader
{
    private final int byteWidth;
    private final String path;

    FixedSizeBinaryColumnReader(ArrowType.FixedSizeBinary arrowType, String path)
    {
        this.byteWidth = arrowType.byteWidth();
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        FieldNode field = body.nextField(parentNulls, path);
        int positionCount = field.positionCount();
        int buffer = body.nextBuffer(path, "data", positionCount, byteWidth);
        if (byteWidth == 0) {
            body.checkUnbackedLength(positionCount, path);
        }
        // fits an int: the buffer holds positionCount * byteWidth bytes
        int[] offsets = new int[positionCount + 1];
        for (int i = 1; i <= positionCount; i++) {
            offsets[i] = offsets[i - 1] + byteWidth;
        }
        return VariableWidthValues.create(positionCount, field.isNull(), body.data(), body.bufferOffset(buffer), offsets);
    }
}
