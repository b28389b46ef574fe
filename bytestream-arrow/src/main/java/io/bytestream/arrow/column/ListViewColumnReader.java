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
import io.trino.spi.block.ArrayBlock;
import io.trino.spi.block.Block;
import io.trino.spi.block.DictionaryBlock;

/**
 * list_view and large_list_view into ARRAY. Each list is an (offset, size) view into the child, and views
 * may overlap or come in any order, while a Trino array block needs each list to follow the previous one.
 * Views that already do (as most writers produce them) keep the child as is; otherwise the elements are
 * a dictionary block over the child, listing the positions of every view in turn.
 */
final class ListViewColumnReader
        implements ColumnReader
{
    private final boolean largeOffsets;
    private final ColumnReader elementReader;
    private final String path;

    ListViewColumnReader(ArrowType.ListView arrowType, ColumnReader elementReader, String path)
    {
        this.largeOffsets = arrowType.largeOffsets();
        this.elementReader = elementReader;
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        FieldNode field = body.nextField(parentNulls, path);
        int positionCount = field.positionCount();
        int byteWidth = largeOffsets ? Long.BYTES : Integer.BYTES;
        long[] viewOffsets = IntegerValues.next(body, "offsets", positionCount, byteWidth, true, path);
        long[] sizes = IntegerValues.next(body, "sizes", positionCount, byteWidth, true, path);
        Block elements = elementReader.read(body, null);
        int elementCount = elements.getPositionCount();

        long totalSize = 0;
        boolean consecutive = true;
        long firstOffset = 0;
        // where the next non-empty view starts if it follows the previous one; -1 before the first
        long nextOffset = -1;
        for (int position = 0; position < positionCount; position++) {
            if (field.isNull(position)) {
                continue;
            }
            long offset = viewOffsets[position];
            long size = sizes[position];
            if (offset < 0 || size < 0 || offset > elementCount - size) {
                throw body.error(path, "list view %s (offset %s, size %s) lies outside the %s elements of its child".formatted(position, offset, size, elementCount));
            }
            totalSize += size;
            if (size > 0) {
                if (nextOffset < 0) {
                    firstOffset = offset;
                }
                else if (offset != nextOffset) {
                    consecutive = false;
                }
                nextOffset = offset + size;
            }
        }

        int[] offsets = new int[positionCount + 1];
        if (consecutive) {
            offsets[0] = (int) firstOffset;
            for (int position = 0; position < positionCount; position++) {
                boolean empty = field.isNull(position);
                offsets[position + 1] = offsets[position] + (empty ? 0 : (int) sizes[position]);
            }
            return ArrayBlock.fromElementBlock(positionCount, field.nulls(), offsets, elements);
        }
        body.checkExpansion(totalSize, "list view elements", path);
        int[] positions = new int[(int) totalSize];
        for (int position = 0; position < positionCount; position++) {
            int start = offsets[position];
            if (!field.isNull(position)) {
                int offset = (int) viewOffsets[position];
                int size = (int) sizes[position];
                for (int i = 0; i < size; i++) {
                    positions[start + i] = offset + i;
                }
                start += size;
            }
            offsets[position + 1] = start;
        }
        return ArrayBlock.fromElementBlock(positionCount, field.nulls(), offsets, DictionaryBlock.create(positions.length, elements, positions));
    }
}
