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
import io.trino.spi.block.Block;
import io.trino.spi.block.ByteArrayBlock;

/**
 * bool: a bitmap in Arrow, one byte per value in Trino.
 */
final class BooleanColumnReader
        implements ColumnReader
{
    private final String path;

    BooleanColumnReader(String path)
    {
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        FieldNode field = body.nextField(parentNulls, path);
        int positionCount = field.positionCount();
        int bitmapBytes = RecordBatchBody.bitmapBytes(positionCount);
        int buffer = body.nextBuffer(path, "data", bitmapBytes, 1);
        byte[] bitmap = body.data().getBytes(body.bufferOffset(buffer), bitmapBytes);
        byte[] values = new byte[positionCount];
        for (int position = 0; position < positionCount; position++) {
            values[position] = (byte) ((bitmap[position >>> 3] >>> (position & 7)) & 1);
        }
        return new ByteArrayBlock(positionCount, field.nulls(), values);
    }
}
