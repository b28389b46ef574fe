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

/**
 * list, large_list and fixed_size_list into ARRAY.
 */
final class ListColumnReader
        implements ColumnReader
{
    private final ArrowType arrowType;
    private final ColumnReader elementReader;
    private final String path;

    ListColumnReader(ArrowType arrowType, ColumnReader elementReader, String path)
    {
        this.arrowType = arrowType;
        this.elementReader = elementReader;
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        FieldNode field = body.nextField(parentNulls, path);
        int positionCount = field.positionCount();
        int[] offsets;
        Block elements;
        if (arrowType instanceof ArrowType.FixedSizeList(int listSize)) {
            elements = elementReader.read(body, null);
            offsets = fixedSizeOffsets(body, positionCount, listSize, elements.getPositionCount());
        }
        else {
            offsets = Offsets.read(body, positionCount, ((ArrowType.List) arrowType).largeOffsets(), path);
            elements = elementReader.read(body, null);
            Offsets.check(body, offsets, elements.getPositionCount(), path);
        }
        NullCompaction.Compacted compacted = NullCompaction.compact(positionCount, field.isNull(), offsets, elements);
        return ArrayBlock.fromElementBlock(positionCount, field.nulls(), compacted.offsets(), compacted.elements()[0]);
    }

    private int[] fixedSizeOffsets(RecordBatchBody body, int positionCount, int listSize, int elementCount)
    {
        long required = (long) positionCount * listSize;
        if (required > elementCount) {
            throw body.error(path, "%s lists of size %s need %s elements, the child has %s".formatted(positionCount, listSize, required, elementCount));
        }
        if (listSize == 0) {
            body.checkUnbackedLength(positionCount, path);
        }
        int[] offsets = new int[positionCount + 1];
        for (int i = 1; i <= positionCount; i++) {
            offsets[i] = offsets[i - 1] + listSize;
        }
        return offsets;
    }
}
