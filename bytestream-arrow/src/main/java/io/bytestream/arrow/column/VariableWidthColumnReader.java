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
 * utf8, large_utf8, binary and large_binary into VARCHAR or VARBINARY. The bytes between the first and
 * the last offset are copied out of the stream in one piece (see {@link VariableWidthValues}).
 */
final class VariableWidthColumnReader
        implements ColumnReader
{
    private final boolean largeOffsets;
    private final String path;

    VariableWidthColumnReader(ArrowType.VariableWidth arrowType, String path)
    {
        this.largeOffsets = arrowType.largeOffsets();
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        FieldNode field = body.nextField(parentNulls, path);
        int[] offsets = Offsets.read(body, field.positionCount(), largeOffsets, path);
        int dataBuffer = body.nextBuffer(path);
        Offsets.check(body, offsets, body.bufferLength(dataBuffer), path);
        return VariableWidthValues.create(field.positionCount(), field.isNull(), body.data(), body.bufferOffset(dataBuffer), offsets);
    }
}
