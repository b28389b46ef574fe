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

import io.bytestream.arrow.body.RecordBatchBody;
import io.bytestream.arrow.schema.ArrowField;
import io.bytestream.arrow.schema.TrinoTypes;
import io.trino.spi.block.Block;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Schema evolution by name: pairs the fields of a record's schema (or struct) with the table's columns
 * (or row fields) by lower-cased name. An anonymous row field pairs with the record field at its position.
 */
final class FieldMatcher
{
    private FieldMatcher() {}

    /**
     * Returns, for each record field, the index of the table field it fills, or -1 when the table does not
     * have it. Each table field is filled at most once (by the first record field of its name).
     */
    static int[] match(List<ArrowField> recordFields, List<Optional<String>> tableFieldNames)
    {
        int[] indexes = new int[recordFields.size()];
        Arrays.fill(indexes, -1);
        boolean[] filled = new boolean[tableFieldNames.size()];
        for (int tableIndex = 0; tableIndex < tableFieldNames.size(); tableIndex++) {
            Optional<String> tableName = tableFieldNames.get(tableIndex);
            for (int recordIndex = 0; recordIndex < recordFields.size(); recordIndex++) {
                String recordName = TrinoTypes.columnName(recordFields.get(recordIndex));
                boolean matches = tableName.isPresent() ? tableName.get().equals(recordName) : recordIndex == tableIndex;
                if (matches && indexes[recordIndex] < 0 && !filled[tableIndex]) {
                    indexes[recordIndex] = tableIndex;
                    filled[tableIndex] = true;
                }
            }
        }
        return indexes;
    }

    /**
     * A child node may be longer than its parent; only its first {@code positionCount} positions belong to the parent.
     */
    static Block checkedChildBlock(RecordBatchBody body, Block block, int positionCount, String path)
    {
        if (block.getPositionCount() < positionCount) {
            throw body.error(path, "child node has %s positions, its parent %s".formatted(block.getPositionCount(), positionCount));
        }
        if (block.getPositionCount() > positionCount) {
            return block.getRegion(0, positionCount);
        }
        return block;
    }
}
