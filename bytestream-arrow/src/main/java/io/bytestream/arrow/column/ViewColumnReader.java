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

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.bytestream.arrow.body.FieldNode;
import io.bytestream.arrow.body.RecordBatchBody;
import io.trino.spi.block.Block;
import io.trino.spi.block.VariableWidthBlock;

/**
 * utf8_view and binary_view into VARCHAR or VARBINARY. Each 16-byte view holds an int32 length and either
 * the bytes themselves (up to 12, inline) or a 4-byte prefix, the index of one of the field's variadic
 * data buffers and the offset in it. Views may share or reorder bytes, so the values are copied one by one
 * into a fresh, contiguous slice.
 */
final class ViewColumnReader
        implements ColumnReader
{
    private static final int VIEW_SIZE = 16;
    private static final int MAX_INLINE_LENGTH = 12;

    private final String path;

    ViewColumnReader(String path)
    {
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        FieldNode field = body.nextField(parentNulls, path);
        int positionCount = field.positionCount();
        int viewBuffer = body.nextBuffer(path, "views", positionCount, VIEW_SIZE);
        int dataBufferCount = (int) body.nextVariadicBufferCount(path);
        int[] dataBuffers = new int[dataBufferCount];
        for (int i = 0; i < dataBufferCount; i++) {
            dataBuffers[i] = body.nextBuffer(path);
        }

        Slice data = body.data();
        // per view: length, buffer index, offset, prefix
        int[] views = data.getInts(body.bufferOffset(viewBuffer), positionCount * 4);
        int[] offsets = new int[positionCount + 1];
        long totalLength = 0;
        for (int position = 0; position < positionCount; position++) {
            if (!field.isNull(position)) {
                int length = views[4 * position];
                if (length < 0) {
                    throw body.error(path, "negative length %s in view %s".formatted(length, position));
                }
                if (length > MAX_INLINE_LENGTH) {
                    checkOutOfLine(body, dataBuffers, position, length, views[4 * position + 2], views[4 * position + 3]);
                }
                totalLength += length;
                body.checkExpansion(totalLength, "bytes of views", path);
            }
            offsets[position + 1] = (int) totalLength;
        }

        byte[] bytes = new byte[(int) totalLength];
        int viewsOffset = body.bufferOffset(viewBuffer);
        for (int position = 0; position < positionCount; position++) {
            int length = offsets[position + 1] - offsets[position];
            if (length == 0) {
                continue;
            }
            int source = length <= MAX_INLINE_LENGTH
                    ? viewsOffset + VIEW_SIZE * position + Integer.BYTES
                    : body.bufferOffset(dataBuffers[views[4 * position + 2]]) + views[4 * position + 3];
            data.getBytes(source, bytes, offsets[position], length);
        }
        return new VariableWidthBlock(positionCount, Slices.wrappedBuffer(bytes), offsets, field.nulls());
    }

    private void checkOutOfLine(RecordBatchBody body, int[] dataBuffers, int position, int length, int bufferIndex, int offset)
    {
        if (bufferIndex < 0 || bufferIndex >= dataBuffers.length) {
            throw body.error(path, "view %s refers to data buffer %s of %s".formatted(position, bufferIndex, dataBuffers.length));
        }
        int bufferLength = body.bufferLength(dataBuffers[bufferIndex]);
        if (offset < 0 || (long) offset + length > bufferLength) {
            throw body.error(path, "view %s (offset %s, length %s) lies outside its data buffer of %s bytes".formatted(position, offset, length, bufferLength));
        }
    }
}
