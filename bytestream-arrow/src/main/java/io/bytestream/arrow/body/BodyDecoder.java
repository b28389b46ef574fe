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
import io.bytestream.arrow.message.BatchDescription;
import io.bytestream.arrow.message.ByteRangeReader;
import io.bytestream.arrow.message.IpcMessage;
import io.bytestream.arrow.schema.ArrowField;
import org.apache.arrow.flatbuf.RecordBatch;

import java.nio.ByteOrder;
import java.util.List;
import java.util.function.IntPredicate;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Turns the body of a record or dictionary batch into what the column readers read: uncompressed,
 * little-endian buffers. A stream in memory is read in place; of a stream read by range, only the buffers of the
 * wanted fields are read. A compressed body is decompressed into a new body first, and a big-endian one (after any
 * decompression) is converted in a private copy. Not thread-safe: each stream decoding has its own.
 */
public final class BodyDecoder
{
    // the stream in memory, or null where it is read by range
    private final Slice stream;
    private final ByteRangeReader ranges;
    private final boolean bigEndian;
    private final BodyDecompressor decompressor;

    private BodyDecoder(Slice stream, ByteRangeReader ranges, ByteOrder byteOrder, long maxDecodedBodyBytes)
    {
        this.stream = stream;
        this.ranges = ranges;
        this.bigEndian = byteOrder == BIG_ENDIAN;
        this.decompressor = new BodyDecompressor(maxDecodedBodyBytes);
    }

    /**
     * Decodes the bodies of a stream in memory, in place: every buffer is at hand.
     *
     * @param byteOrder the byte order of the stream's buffers, from its schema
     * @param maxDecodedBodyBytes the largest decompressed body allowed
     */
    public static BodyDecoder inMemory(Slice stream, ByteOrder byteOrder, long maxDecodedBodyBytes)
    {
        return new BodyDecoder(stream, null, byteOrder, maxDecodedBodyBytes);
    }

    /**
     * Decodes the bodies of a stream read by range: only the buffers of the wanted fields are read.
     *
     * @param byteOrder the byte order of the stream's buffers, from its schema
     * @param maxDecodedBodyBytes the largest decompressed body allowed
     */
    public static BodyDecoder byRange(ByteRangeReader stream, ByteOrder byteOrder, long maxDecodedBodyBytes)
    {
        return new BodyDecoder(null, stream, byteOrder, maxDecodedBodyBytes);
    }

    /**
     * @param fields the fields whose nodes and buffers the batch holds: the schema's, or for a dictionary
     * batch the dictionary's value field
     * @param wantedFields which of {@code fields} the readers read, by index; the buffers of the others may be left
     * unread (and empty)
     */
    public RecordBatchBody decode(IpcMessage message, RecordBatch header, BatchDescription description, List<ArrowField> fields, IntPredicate wantedFields)
    {
        RecordBatchBody body;
        if (stream != null) {
            body = RecordBatchBody.create(stream, message, header, description);
        }
        else {
            // the buffers' offsets are those of the stream; only the wanted ones are read
            body = BodyRanges.read(RecordBatchBody.create(Slices.EMPTY_SLICE, message, header, description), fields, wantedFields, ranges);
        }
        if (header.compression() != null) {
            body = decompressor.decompress(body, header.compression(), description);
        }
        else if (bigEndian) {
            body = body.copied();
        }
        if (bigEndian) {
            body = ByteOrderNormalizer.toLittleEndian(body, fields);
        }
        return body;
    }
}
