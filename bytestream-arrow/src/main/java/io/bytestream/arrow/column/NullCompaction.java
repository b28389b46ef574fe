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

import io.trino.spi.block.Block;

/**
 * Arrow lets a null list or map slot cover elements; Trino expects null slots to be empty (functions
 * over the whole element block would otherwise see hidden elements). This drops the elements of null slots.
 */
final class NullCompaction
{
    private NullCompaction() {}

    record Compacted(int[] offsets, Block[] elements) {}

    static Compacted compact(int positionCount, boolean[] isNull, int[] offsets, Block... elements)
    {
        if (isNull == null || !nullsCoverElements(positionCount, isNull, offsets)) {
            return new Compacted(offsets, elements);
        }
        int[] newOffsets = new int[positionCount + 1];
        int[] retained = new int[offsets[positionCount] - offsets[0]];
        int retainedCount = 0;
        for (int position = 0; position < positionCount; position++) {
            if (!isNull[position]) {
                for (int element = offsets[position]; element < offsets[position + 1]; element++) {
                    retained[retainedCount++] = element;
                }
            }
            newOffsets[position + 1] = retainedCount;
        }
        Block[] compacted = new Block[elements.length];
        for (int i = 0; i < elements.length; i++) {
            compacted[i] = elements[i].copyPositions(retained, 0, retainedCount);
        }
        return new Compacted(newOffsets, compacted);
    }

    private static boolean nullsCoverElements(int positionCount, boolean[] isNull, int[] offsets)
    {
        for (int position = 0; position < positionCount; position++) {
            if (isNull[position] && offsets[position + 1] != offsets[position]) {
                return true;
            }
        }
        return false;
    }
}
