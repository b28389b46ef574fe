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

package io.bytestream.arrow.compression;

/**
 * The 32-bit xxHash of a byte range, as the LZ4 frame format uses it for its header, block and content
 * checksums (always with seed 0).
 */
final class XxHash32
{
    private static final int PRIME1 = 0x9E3779B1;
    private static final int PRIME2 = 0x85EBCA77;
    private static final int PRIME3 = 0xC2B2AE3D;
    private static final int PRIME4 = 0x27D4EB2F;
    private static final int PRIME5 = 0x165667B1;

    private XxHash32() {}

    static int hash(byte[] data, int offset, int length)
    {
        int position = offset;
        int end = offset + length;
        int hash;
        if (length >= 16) {
            int v1 = PRIME1 + PRIME2;
            int v2 = PRIME2;
            int v3 = 0;
            int v4 = -PRIME1;
            int limit = end - 16;
            do {
                v1 = round(v1, intAt(data, position));
                v2 = round(v2, intAt(data, position + 4));
                v3 = round(v3, intAt(data, position + 8));
                v4 = round(v4, intAt(data, position + 12));
                position += 16;
            }
            while (position <= limit);
            hash = Integer.rotateLeft(v1, 1) + Integer.rotateLeft(v2, 7) + Integer.rotateLeft(v3, 12) + Integer.rotateLeft(v4, 18);
        }
        else {
            hash = PRIME5;
        }
        hash += length;
        for (; position + 4 <= end; position += 4) {
            hash += intAt(data, position) * PRIME3;
            hash = Integer.rotateLeft(hash, 17) * PRIME4;
        }
        for (; position < end; position++) {
            hash += (data[position] & 0xFF) * PRIME5;
            hash = Integer.rotateLeft(hash, 11) * PRIME1;
        }
        hash ^= hash >>> 15;
        hash *= PRIME2;
        hash ^= hash >>> 13;
        hash *= PRIME3;
        hash ^= hash >>> 16;
        return hash;
    }

    private static int round(int accumulator, int input)
    {
        return Integer.rotateLeft(accumulator + input * PRIME2, 13) * PRIME1;
    }

    static int intAt(byte[] data, int position)
    {
        return (data[position] & 0xFF)
                | (data[position + 1] & 0xFF) << 8
                | (data[position + 2] & 0xFF) << 16
                | (data[position + 3] & 0xFF) << 24;
    }
}
