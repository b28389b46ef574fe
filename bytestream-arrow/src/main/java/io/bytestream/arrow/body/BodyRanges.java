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

package io.bytestream.arrow.body;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.bytestream.arrow.message.ByteRangeReader;
import io.bytestream.arrow.schema.ArrowField;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Reads of a batch body only the buffers of the wanted fields, where the stream lies elsewhere (e.g. in a file).
 * The buffers a field takes, its children's, offsets' and validity included, are found by walking the batch's nodes
 * and buffers in schema pre-order, as the readers do; every buffer was checked to lie inside the body before.
 * Buffers that lie near each other are read in one request (the bytes between them included), so that the many small
 * buffers of a batch do not become many tiny reads.
 */
final class BodyRanges
{
    /** Buffers less than this apart are read together. */
    static final int MAX_GAP = 16 * 1024;

    private BodyRanges() {}

    /**
     * The body with the buffers of the wanted top-level fields read into memory; the other buffers are empty.
     *
     * @param body the checked nodes and buffers, their offsets those of the stream
     * @param wantedFields tells by index which of {@code fields} are wanted
     */
    static RecordBatchBody read(RecordBatchBody body, List<ArrowField> fields, IntPredicate wantedFields, ByteRangeReader stream)
    {
        boolean[] wanted = wantedBuffers(body.rewound(), fields, wantedFields);
        int bufferCount = wanted.length;
        // the wanted non-empty buffers by offset in the stream, as (offset << 32 | index)
        long[] order = new long[bufferCount];
        int count = 0;
        for (int buffer = 0; buffer < bufferCount; buffer++) {
            if (wanted[buffer] && body.bufferLength(buffer) > 0) {
                order[count++] = ((long) body.bufferOffset(buffer) << 32) | buffer;
            }
        }
        order = Arrays.copyOf(order, count);
        Arrays.sort(order);

        // group the buffers into ranges: [rangeStarts[r], rangeEnds[r]) of the stream, placed at rangeBases[r] in the data
        int[] rangeStarts = new int[count];
        int[] rangeEnds = new int[count];
        int[] rangeOfBuffer = new int[bufferCount];
        int ranges = 0;
        for (long entry : order) {
            int buffer = (int) entry;
            int start = body.bufferOffset(buffer);
            int end = start + body.bufferLength(buffer);
            if (ranges > 0 && start - rangeEnds[ranges - 1] <= MAX_GAP) {
                rangeEnds[ranges - 1] = Math.max(rangeEnds[ranges - 1], end);
            }
            else {
                rangeStarts[ranges] = start;
                rangeEnds[ranges] = end;
                ranges++;
            }
            rangeOfBuffer[buffer] = ranges - 1;
        }
        int[] rangeBases = new int[ranges];
        int dataLength = 0;
        for (int range = 0; range < ranges; range++) {
            rangeBases[range] = dataLength;
            // ranges lie inside one body of at most Integer.MAX_VALUE bytes and do not overlap
            dataLength += rangeEnds[range] - rangeStarts[range];
        }

        Slice data = readRanges(stream, rangeStarts, rangeEnds, ranges, dataLength);
        int[] offsets = new int[bufferCount];
        int[] lengths = new int[bufferCount];
        for (long entry : order) {
            int buffer = (int) entry;
            int range = rangeOfBuffer[buffer];
            offsets[buffer] = rangeBases[range] + body.bufferOffset(buffer) - rangeStarts[range];
            lengths[buffer] = body.bufferLength(buffer);
        }
        return body.withData(data, offsets, lengths);
    }

    /** Which buffers the wanted fields take; fields after the last wanted one are not walked, as the readers do not reach them. */
    private static boolean[] wantedBuffers(RecordBatchBody cursor, List<ArrowField> fields, IntPredicate wantedFields)
    {
        int lastWanted = -1;
        for (int field = 0; field < fields.size(); field++) {
            if (wantedFields.test(field)) {
                lastWanted = field;
            }
        }
        boolean[] wanted = new boolean[cursor.bufferCount()];
        for (int field = 0; field <= lastWanted; field++) {
            int first = cursor.bufferCursor();
            ArrowField arrowField = fields.get(field);
            cursor.skipField(arrowField, arrowField.name());
            if (wantedFields.test(field)) {
                Arrays.fill(wanted, first, cursor.bufferCursor(), true);
            }
        }
        return wanted;
    }

    private static Slice readRanges(ByteRangeReader stream, int[] starts, int[] ends, int ranges, int dataLength)
    {
        if (ranges == 0) {
            return Slices.EMPTY_SLICE;
        }
        if (ranges == 1) {
            return stream.read(starts[0], ends[0] - starts[0]);
        }
        byte[] data = new byte[dataLength];
        int position = 0;
        for (int range = 0; range < ranges; range++) {
            int length = ends[range] - starts[range];
            stream.read(starts[range], length).getBytes(0, data, position, length);
            position += length;
        }
        return Slices.wrappedBuffer(data);
    }
}
