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
import io.trino.spi.block.RowBlock;
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.type.RowType;

import java.util.List;

/**
 * struct into ROW. The record's struct fields are matched to the table's row fields by name
 * ({@link FieldMatcher}); a row field the record lacks is all null, a record field the row lacks is skipped.
 */
final class StructColumnReader
        implements ColumnReader
{
    private final List<ColumnReader> childReaders;
    private final int[] rowFieldIndexes;
    private final RowType rowType;
    private final String path;

    /**
     * @param childReaders one per record struct field, in record order
     * @param rowFieldIndexes for each record struct field, the index of the row field it fills, or -1 if skipped
     */
    StructColumnReader(List<ColumnReader> childReaders, int[] rowFieldIndexes, RowType rowType, String path)
    {
        this.childReaders = List.copyOf(childReaders);
        this.rowFieldIndexes = rowFieldIndexes.clone();
        this.rowType = rowType;
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        FieldNode field = body.nextField(parentNulls, path);
        int positionCount = field.positionCount();
        Block[] fields = new Block[rowType.getFields().size()];
        for (int i = 0; i < childReaders.size(); i++) {
            Block block = childReaders.get(i).read(body, field.isNull());
            int fieldIndex = rowFieldIndexes[i];
            if (fieldIndex >= 0) {
                fields[fieldIndex] = FieldMatcher.checkedChildBlock(body, block, positionCount, path);
            }
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == null) {
                fields[i] = RunLengthEncodedBlock.create(rowType.getFields().get(i).getType(), null, positionCount);
            }
        }
        return RowBlock.fromNotNullSuppressedFieldBlocks(positionCount, field.nulls(), fields);
    }
}
