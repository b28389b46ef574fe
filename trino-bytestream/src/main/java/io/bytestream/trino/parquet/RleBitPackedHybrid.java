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

import io.airlift.slice.Slice;
import io.trino.parquet.ParquetCorruptionException;
import io.trino.parquet.ParquetDataSourceId;

import java.io.IOException;
import java.util.Arrays;

/**
 * Decodes Parquet's RLE/bit-packed hybrid encoding, as definition levels and dictionary indices are stored: runs
 * of one repeated value and groups of eight bit-packed values, each introduced by a varint header.
 */
final class RleBitPackedHybrid
{
    static final int MAX_BIT_WIDTH = 32;

    private RleBitPackedHybrid() {}

    /** The {@code count} values of {@code bitWidth} bits stored in {@code [start, end)} of {@code bytes}. */
    static int[] decode(PageBytes bytes, long start, long end, int count, int bitWidth, ParquetDataSourceId id)
            throws IOException
    {
        if (bitWidth < 0 || bitWidth > MAX_BIT_WIDTH) {
            throw new ParquetCorruptionException(id, "Bit width %s of RLE/bit-packed values at offset %s is not between 0 and %s", bitWidth, start, MAX_BIT_WIDTH);
        }
        int[] values = new int[count];
        int filled = 0;
        long position = start;
        while (filled < count) {
            long header = 0;
            int shift = 0;
            while (true) {
                if (position >= end || shift > 28) {
                    throw new ParquetCorruptionException(id, "Malformed RLE/bit-packed values at offset %s: %s of %s values read", position, filled, count);
                }
                byte next = bytes.readByte(position++);
                header |= (long) (next & 0x7F) << shift;
                shift += 7;
                if ((next & 0x80) == 0) {
                    break;
                }
            }
            if ((header & 1) == 0) {
                position = readRun(bytes, position, end, header >>> 1, bitWidth, values, filled, id);
                filled += (int) Math.min(header >>> 1, count - filled);
            }
            else {
                long groups = header >>> 1;
                long length = groups * bitWidth;
                if (length > end - position) {
                    throw new ParquetCorruptionException(id, "%s bit-packed groups of %s bits at offset %s exceed their %s bytes", groups, bitWidth, position, end - position);
                }
                int unpacked = (int) Math.min(groups * 8, count - filled);
                unpack(bytes.read(position, (int) length), bitWidth, values, filled, unpacked);
                filled += unpacked;
                position += length;
            }
        }
        return values;
    }

    private static long readRun(PageBytes bytes, long position, long end, long runLength, int bitWidth, int[] values, int filled, ParquetDataSourceId id)
            throws IOException
    {
        int valueBytes = (bitWidth + 7) / 8;
        if (valueBytes > end - position) {
            throw new ParquetCorruptionException(id, "RLE run at offset %s has no value", position);
        }
        long value = 0;
        for (int i = 0; i < valueBytes; i++) {
            value |= (long) (bytes.readByte(position + i) & 0xFF) << (8 * i);
        }
        if (value >>> bitWidth != 0) {
            throw new ParquetCorruptionException(id, "RLE run at offset %s repeats %s, wider than %s bits", position, value, bitWidth);
        }
        // a run longer than the values left is cut: the count comes from the page header
        int length = (int) Math.min(runLength, values.length - filled);
        Arrays.fill(values, filled, filled + length, (int) value);
        return position + valueBytes;
    }

    private static void unpack(Slice packed, int bitWidth, int[] values, int offset, int count)
    {
        long mask = (1L << bitWidth) - 1;
        for (int i = 0; i < count; i++) {
            long bit = (long) i * bitWidth;
            int firstByte = (int) (bit >>> 3);
            int shift = (int) (bit & 7);
            int byteCount = (shift + bitWidth + 7) / 8;
            long word = 0;
            for (int b = 0; b < byteCount; b++) {
                word |= (long) (packed.getByte(firstByte + b) & 0xFF) << (8 * b);
            }
            values[offset + i] = (int) ((word >>> shift) & mask);
        }
    }
}
