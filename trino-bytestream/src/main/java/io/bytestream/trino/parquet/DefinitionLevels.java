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

package io.bytestream.trino.parquet;

import io.trino.parquet.ParquetCorruptionException;
import io.trino.parquet.ParquetDataSourceId;

import java.io.IOException;

/**
 * Decodes the definition levels of a top-level optional column (bit width 1) from Parquet's RLE/bit-packed
 * hybrid encoding: which of a page's values are present. Every run length is checked against the bytes and
 * values that remain.
 */
final class DefinitionLevels
{
    private DefinitionLevels() {}

    static boolean[] decode(FileWindow file, long start, long end, int valueCount, ParquetDataSourceId id)
            throws IOException
    {
        boolean[] defined = new boolean[valueCount];
        int filled = 0;
        long position = start;
        while (filled < valueCount) {
            long header = 0;
            int shift = 0;
            while (true) {
                if (position >= end || shift > 28) {
                    throw new ParquetCorruptionException(id, "Malformed definition levels at offset %s", position);
                }
                byte next = file.readByte(position++);
                header |= (long) (next & 0x7F) << shift;
                shift += 7;
                if ((next & 0x80) == 0) {
                    break;
                }
            }
            if ((header & 1) == 0) {
                long runLength = header >>> 1;
                if (runLength > valueCount - filled || position >= end) {
                    throw new ParquetCorruptionException(id, "Definition level run of %s values at offset %s exceeds the page", runLength, position);
                }
                boolean value = (file.readByte(position++) & 1) != 0;
                for (int i = 0; i < runLength; i++) {
                    defined[filled++] = value;
                }
            }
            else {
                long groups = header >>> 1;
                // bit width 1: each group of 8 values is one byte; the last group may be padded
                if (groups > end - position) {
                    throw new ParquetCorruptionException(id, "Bit-packed definition levels of %s bytes at offset %s exceed the page", groups, position);
                }
                for (long group = 0; group < groups; group++) {
                    int bits = file.readByte(position++) & 0xFF;
                    for (int bit = 0; bit < 8 && filled < valueCount; bit++) {
                        defined[filled++] = ((bits >>> bit) & 1) != 0;
                    }
                }
            }
        }
        return defined;
    }
}
