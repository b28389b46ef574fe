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
import io.bytestream.arrow.body.RecordBatchBody;

/**
 * Reads a buffer of 8- to 64-bit integers (values, time units, list view offsets and sizes, run ends) as
 * longs: a bulk copy for 64 bits, otherwise a bulk copy of the raw values widened in one loop.
 */
final class IntegerValues
{
    private IntegerValues() {}

    /**
     * Consumes the next buffer, which must hold {@code count} integers of {@code byteWidth} bytes, and
     * returns them as longs.
     *
     * @param kind what the buffer holds, for the error message
     */
    static long[] next(RecordBatchBody body, String kind, int count, int byteWidth, boolean signed, String path)
    {
        int buffer = body.nextBuffer(path, kind, count, byteWidth);
        return read(body.data(), body.bufferOffset(buffer), count, byteWidth, signed);
    }

    /**
     * The {@code count} integers of {@code byteWidth} bytes at {@code offset} in {@code data}, sign-extended
     * or, unless {@code signed}, zero-extended to longs.
     */
    static long[] read(Slice data, int offset, int count, int byteWidth, boolean signed)
    {
        long[] values = new long[count];
        switch (byteWidth) {
            case Byte.BYTES -> {
                byte[] raw = data.getBytes(offset, count);
                for (int i = 0; i < count; i++) {
                    values[i] = signed ? raw[i] : raw[i] & 0xFFL;
                }
            }
            case Short.BYTES -> {
                short[] raw = data.getShorts(offset, count);
                for (int i = 0; i < count; i++) {
                    values[i] = signed ? raw[i] : raw[i] & 0xFFFFL;
                }
            }
            case Integer.BYTES -> {
                int[] raw = data.getInts(offset, count);
                for (int i = 0; i < count; i++) {
                    values[i] = signed ? raw[i] : raw[i] & 0xFFFF_FFFFL;
                }
            }
            case Long.BYTES -> data.getLongs(offset, values, 0, count);
            default -> throw new IllegalArgumentException("integers of %s bytes".formatted(byteWidth));
        }
        return values;
    }
}
