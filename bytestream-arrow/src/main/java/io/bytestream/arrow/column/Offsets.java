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
import io.bytestream.arrow.format.FormatException;

/**
 * Reads and checks the 32- or 64-bit offsets buffer of a variable-width or list node.
 */
final class Offsets
{
    private Offsets() {}

    /**
     * Consumes the offsets buffer of a node of {@code positionCount} positions and returns its
     * {@code positionCount + 1} offsets.
     */
    static int[] read(RecordBatchBody body, int positionCount, boolean large, String path)
    {
        int byteWidth = large ? Long.BYTES : Integer.BYTES;
        if (positionCount == 0) {
            // the single offset of an empty node carries no information, and writers may omit it
            body.nextBuffer(path);
            return new int[1];
        }
        int buffer = body.nextBuffer(path, "offsets", positionCount + 1, byteWidth);
        Slice stream = body.data();
        int offset = body.bufferOffset(buffer);
        if (!large) {
            return stream.getInts(offset, positionCount + 1);
        }
        long[] wide = stream.getLongs(offset, positionCount + 1);
        int[] offsets = new int[positionCount + 1];
        for (int i = 0; i < wide.length; i++) {
            offsets[i] = toInt(body, wide[i], i, path);
        }
        return offsets;
    }

    /**
     * Checks {@code 0 <= offsets[0] <= offsets[1] <= ... <= offsets[n] <= limit}.
     */
    static void check(RecordBatchBody body, int[] offsets, int limit, String path)
    {
        // one branch-free pass (the sign bit collects any negative offset or decrease), then the details on failure
        int signs = offsets[0];
        for (int i = 1; i < offsets.length; i++) {
            signs |= offsets[i] | (offsets[i] - offsets[i - 1]);
        }
        if (signs < 0) {
            throw firstViolation(body, offsets, path);
        }
        if (offsets[offsets.length - 1] > limit) {
            throw body.error(path, "last offset %s exceeds the %s available values".formatted(offsets[offsets.length - 1], limit));
        }
    }

    private static FormatException firstViolation(RecordBatchBody body, int[] offsets, String path)
    {
        if (offsets[0] < 0) {
            return body.error(path, "negative first offset %s".formatted(offsets[0]));
        }
        for (int i = 1; i < offsets.length; i++) {
            if (offsets[i] < offsets[i - 1]) {
                return body.error(path, "offsets decrease at position %s: %s after %s".formatted(i, offsets[i], offsets[i - 1]));
            }
        }
        throw new IllegalStateException("no offset violation found");
    }

    private static int toInt(RecordBatchBody body, long offset, int index, String path)
    {
        if (offset < 0 || offset > Integer.MAX_VALUE) {
            throw body.error(path, "64-bit offset %s at index %s is out of range".formatted(offset, index));
        }
        return (int) offset;
    }
}
