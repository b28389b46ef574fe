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
import io.bytestream.arrow.message.BatchDescription;
import io.bytestream.arrow.message.IpcMessage;
import io.bytestream.arrow.schema.ArrowField;
import org.apache.arrow.flatbuf.RecordBatch;

import java.nio.ByteOrder;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Turns the body of a record or dictionary batch into what the column readers read: uncompressed,
 * little-endian buffers. An uncompressed little-endian body is read in place in the stream; a compressed
 * one is decompressed into a new body first, and a big-endian one (after any decompression) is converted
 * in a private copy. Not thread-safe: each stream decoding has its own.
 */
public final class BodyDecoder
{
    private final Slice stream;
    private final boolean bigEndian;
    private final BodyDecompressor decompressor;

    /**
     * @param byteOrder the byte order of the stream's buffers, from its schema
     * @param maxDecodedBodyBytes the largest decompressed body allowed
     */
    public BodyDecoder(Slice stream, ByteOrder byteOrder, long maxDecodedBodyBytes)
    {
        this.stream = stream;
        this.bigEndian = byteOrder == BIG_ENDIAN;
        this.decompressor = new BodyDecompressor(maxDecodedBodyBytes);
    }

    /**
     * @param fields the fields whose nodes and buffers the batch holds: the schema's, or for a dictionary
     * batch the dictionary's value field
     */
    public RecordBatchBody decode(IpcMessage message, RecordBatch header, BatchDescription description, List<ArrowField> fields)
    {
        RecordBatchBody body = RecordBatchBody.create(stream, message, header, description);
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
