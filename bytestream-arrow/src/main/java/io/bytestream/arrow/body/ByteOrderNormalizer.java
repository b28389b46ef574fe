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
import io.bytestream.arrow.schema.ArrowField;
import io.bytestream.arrow.schema.BufferLayout;

import java.util.List;

/**
 * Converts the buffers of a big-endian batch to little-endian in place, before any reader sees them, so
 * that the readers know only one byte order. Walks the fields in the readers' pre-order and swaps each
 * buffer's elements as {@link BufferLayout} describes them. The body must be a private copy: never the stream.
 * Only whole elements are swapped; a buffer's trailing partial element (padding, or a short buffer the
 * readers will refuse) is left as it is.
 */
final class ByteOrderNormalizer
{
    private ByteOrderNormalizer() {}

    /**
     * Swaps the buffers of {@code fields} in {@code body}'s data, consuming its buffer cursor, and returns
     * the body rewound for the readers.
     */
    static RecordBatchBody toLittleEndian(RecordBatchBody body, List<ArrowField> fields)
    {
        for (ArrowField field : fields) {
            body.walk(field, field.name(), false, (element, buffer) -> swap(body.data(), body.bufferOffset(buffer), body.bufferLength(buffer), element));
        }
        return body.rewound();
    }

    /**
     * Reverses the byte order of every whole element of {@code data[offset, offset + length)}.
     */
    static void swap(Slice data, int offset, int length, BufferLayout.Element element)
    {
        int width = element.byteWidth();
        int end = offset + length / width * width;
        switch (element) {
            case BYTES -> {}
            case INT16 -> {
                for (int position = offset; position < end; position += 2) {
                    data.setShort(position, Short.reverseBytes(data.getShort(position)));
                }
            }
            case INT32 -> {
                for (int position = offset; position < end; position += 4) {
                    swapInt(data, position);
                }
            }
            case INT64 -> {
                for (int position = offset; position < end; position += 8) {
                    swapLong(data, position);
                }
            }
            case INT128, INT256 -> {
                for (int position = offset; position < end; position += width) {
                    reverse(data, position, width);
                }
            }
            case MONTH_DAY_NANO -> {
                for (int position = offset; position < end; position += 16) {
                    swapInt(data, position);
                    swapInt(data, position + 4);
                    swapLong(data, position + 8);
                }
            }
            case VIEW -> {
                for (int position = offset; position < end; position += 16) {
                    swapInt(data, position);
                    if (data.getInt(position) > 12) {
                        // out of line: the 4-byte prefix stays, buffer index and offset are int32
                        swapInt(data, position + 8);
                        swapInt(data, position + 12);
                    }
                }
            }
        }
    }

    private static void swapInt(Slice data, int position)
    {
        data.setInt(position, Integer.reverseBytes(data.getInt(position)));
    }

    private static void swapLong(Slice data, int position)
    {
        data.setLong(position, Long.reverseBytes(data.getLong(position)));
    }

    /**
     * Reverses the bytes of a wide integer, a multiple of 16 bytes: its outermost 8-byte words trade places, each reversed.
     */
    private static void reverse(Slice data, int position, int width)
    {
        for (int low = position, high = position + width - 8; low < high; low += 8, high -= 8) {
            long first = data.getLong(low);
            data.setLong(low, Long.reverseBytes(data.getLong(high)));
            data.setLong(high, Long.reverseBytes(first));
        }
    }
}
