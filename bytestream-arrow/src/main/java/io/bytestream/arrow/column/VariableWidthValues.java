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
import io.trino.spi.block.VariableWidthBlock;

import java.util.Optional;

/**
 * Builds a {@link VariableWidthBlock} from values that lie at {@code offsets} in {@code data}. Arrow lets a
 * null slot cover bytes (e.g. under a null struct, or any garbage a writer left); Trino expects null slots
 * to be empty, and its page serialization misplaces every later value otherwise. Such bytes are dropped.
 */
final class VariableWidthValues
{
    private VariableWidthValues() {}

    /**
     * @param offsets {@code positionCount + 1} checked, non-decreasing offsets relative to {@code dataOffset}; rewritten in place
     */
    static VariableWidthBlock create(int positionCount, boolean[] isNull, Slice data, int dataOffset, int[] offsets)
    {
        if (isNull != null && nullsCoverBytes(positionCount, isNull, offsets)) {
            return withoutNullBytes(positionCount, isNull, data, dataOffset, offsets);
        }
        int start = offsets[0];
        int end = offsets[positionCount];
        Slice values = Slices.wrappedBuffer(data.getBytes(dataOffset + start, end - start));
        if (start != 0) {
            for (int i = 0; i <= positionCount; i++) {
                offsets[i] -= start;
            }
        }
        return new VariableWidthBlock(positionCount, values, offsets, Optional.ofNullable(isNull));
    }

    private static boolean nullsCoverBytes(int positionCount, boolean[] isNull, int[] offsets)
    {
        for (int position = 0; position < positionCount; position++) {
            if (isNull[position] && offsets[position + 1] != offsets[position]) {
                return true;
            }
        }
        return false;
    }

    private static VariableWidthBlock withoutNullBytes(int positionCount, boolean[] isNull, Slice data, int dataOffset, int[] offsets)
    {
        int[] newOffsets = new int[positionCount + 1];
        int length = 0;
        for (int position = 0; position < positionCount; position++) {
            if (!isNull[position]) {
                length += offsets[position + 1] - offsets[position];
            }
            newOffsets[position + 1] = length;
        }
        byte[] values = new byte[length];
        for (int position = 0; position < positionCount; position++) {
            int valueLength = newOffsets[position + 1] - newOffsets[position];
            if (valueLength > 0) {
                data.getBytes(dataOffset + offsets[position], values, newOffsets[position], valueLength);
            }
        }
        return new VariableWidthBlock(positionCount, Slices.wrappedBuffer(values), newOffsets, Optional.of(isNull));
    }
}
