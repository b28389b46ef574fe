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
import io.trino.spi.block.ByteArrayBlock;
import io.trino.spi.block.DictionaryBlock;
import io.trino.spi.block.RowBlock;
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.type.RowType;

import java.util.Arrays;
import java.util.List;

/**
 * sparse_union and dense_union into the Hive connector's union row ({@code tag}, {@code field0}, ...):
 * the tag is the index of the child a position selects, and each field a dictionary block over its child
 * that picks the selected value (the same position in a sparse union, the offset in a dense one) or null.
 */
final class UnionColumnReader
        implements ColumnReader
{
    private final ArrowType.Union arrowType;
    private final List<ColumnReader> childReaders;
    private final int tagFieldIndex;
    private final int[] rowFieldIndexes;
    private final RowType rowType;
    private final String path;
    // child index of each type id, or -1
    private final int[] childIndexes = new int[Byte.MAX_VALUE + 1];

    /**
     * @param childReaders one per union child
     * @param tagFieldIndex the row field of the tag, or -1 if the row has none
     * @param rowFieldIndexes for each child, the row field it fills, or -1 if skipped
     */
    UnionColumnReader(ArrowType.Union arrowType, List<ColumnReader> childReaders, int tagFieldIndex, int[] rowFieldIndexes, RowType rowType, String path)
    {
        this.arrowType = arrowType;
        this.childReaders = List.copyOf(childReaders);
        this.tagFieldIndex = tagFieldIndex;
        this.rowFieldIndexes = rowFieldIndexes.clone();
        this.rowType = rowType;
        this.path = path;
        Arrays.fill(childIndexes, -1);
        for (int child = 0; child < arrowType.typeIds().size(); child++) {
            int typeId = arrowType.typeIds().get(child);
            // without explicit type ids, children past 127 have ids no int8 type id buffer can hold
            if (typeId < childIndexes.length) {
                childIndexes[typeId] = child;
            }
        }
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        FieldNode field = arrowType.validityBuffer()
                ? body.nextField(parentNulls, path)
                : body.nextFieldWithoutValidity(parentNulls, path);
        int positionCount = field.positionCount();
        int typeIdBuffer = body.nextBuffer(path, "type ids", positionCount, Byte.BYTES);
        byte[] typeIds = body.data().getBytes(body.bufferOffset(typeIdBuffer), positionCount);
        int[] offsets = null;
        if (arrowType.dense()) {
            int offsetBuffer = body.nextBuffer(path, "offsets", positionCount, Integer.BYTES);
            offsets = body.data().getInts(body.bufferOffset(offsetBuffer), positionCount);
        }
        Block[] children = new Block[childReaders.size()];
        for (int child = 0; child < children.length; child++) {
            Block block = childReaders.get(child).read(body, null);
            if (block != null && !arrowType.dense()) {
                block = FieldMatcher.checkedChildBlock(body, block, positionCount, path);
            }
            children[child] = block;
        }

        byte[] tags = new byte[positionCount];
        boolean[] selected = new boolean[children.length];
        int selectedCount = 0;
        for (int position = 0; position < positionCount; position++) {
            if (field.isNull(position)) {
                continue;
            }
            int typeId = typeIds[position];
            int child = typeId < 0 ? -1 : childIndexes[typeId];
            if (child < 0) {
                throw body.error(path, "type id %s at position %s is not one of the union's type ids %s".formatted(typeId, position, arrowType.typeIds()));
            }
            tags[position] = (byte) child;
            if (offsets != null && children[child] != null && (offsets[position] < 0 || offsets[position] >= children[child].getPositionCount())) {
                throw body.error(path, "offset %s at position %s is outside the %s values of child %s".formatted(offsets[position], position, children[child].getPositionCount(), child));
            }
            if (!selected[child] && children[child] != null) {
                selected[child] = true;
                selectedCount++;
            }
        }
        body.checkExpansion((long) positionCount * selectedCount, "union field positions", path);

        Block[] fields = new Block[rowType.getFields().size()];
        if (tagFieldIndex >= 0) {
            fields[tagFieldIndex] = new ByteArrayBlock(positionCount, field.nulls(), tags);
        }
        for (int child = 0; child < children.length; child++) {
            if (selected[child]) {
                fields[rowFieldIndexes[child]] = selectedValues(children[child], child, positionCount, field.isNull(), tags, offsets);
            }
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == null) {
                fields[i] = RunLengthEncodedBlock.create(rowType.getFields().get(i).getType(), null, positionCount);
            }
        }
        return RowBlock.fromNotNullSuppressedFieldBlocks(positionCount, field.nulls(), fields);
    }

    /**
     * The child's values at the positions that select it, null elsewhere.
     */
    private static Block selectedValues(Block values, int child, int positionCount, boolean[] isNull, byte[] tags, int[] offsets)
    {
        int nullId = values.getPositionCount();
        int[] ids = new int[positionCount];
        for (int position = 0; position < positionCount; position++) {
            if (tags[position] != child || (isNull != null && isNull[position])) {
                ids[position] = nullId;
            }
            else {
                ids[position] = offsets == null ? position : offsets[position];
            }
        }
        return DictionaryBlock.create(positionCount, values.copyWithAppendedNull(), ids);
    }
}
