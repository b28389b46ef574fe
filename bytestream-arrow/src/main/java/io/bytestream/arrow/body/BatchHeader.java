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

import io.airlift.slice.Slices;
import io.bytestream.arrow.format.UnsupportedTypeException;
import io.bytestream.arrow.message.BatchDescription;
import io.bytestream.arrow.message.IpcMessage;
import org.apache.arrow.flatbuf.BodyCompression;
import org.apache.arrow.flatbuf.BodyCompressionMethod;
import org.apache.arrow.flatbuf.CompressionType;
import org.apache.arrow.flatbuf.RecordBatch;

import static java.util.Locale.ROOT;

/**
 * What a record or dictionary batch's header says of its body, checked as decoding checks it, without the body.
 */
public final class BatchHeader
{
    /** The name of a body stored uncompressed. */
    public static final String UNCOMPRESSED = "none";

    private BatchHeader() {}

    /**
     * Checks the header's field nodes and buffers against the message's body length, as {@link BodyDecoder} does
     * before it reads a buffer, and returns the batch's row count.
     */
    public static int check(IpcMessage message, RecordBatch header, BatchDescription description)
    {
        return RecordBatchBody.create(Slices.EMPTY_SLICE, message, header, description).length();
    }

    /** The body's compression codec as the Arrow format names it, lower-cased ({@code lz4_frame}, {@code zstd}), or {@link #UNCOMPRESSED}. */
    public static String compression(RecordBatch header, BatchDescription description)
    {
        BodyCompression compression = header.compression();
        if (compression == null) {
            return UNCOMPRESSED;
        }
        return CompressionType.name(codec(compression, description)).toLowerCase(ROOT);
    }

    /** The body's codec, a {@link CompressionType}: one the decoder has. */
    static byte codec(BodyCompression compression, BatchDescription description)
    {
        if (compression.method() != BodyCompressionMethod.BUFFER) {
            throw new UnsupportedTypeException("Arrow IPC stream, %s: body compression method %s not supported (only BUFFER exists)".formatted(description, compression.method()));
        }
        byte codec = compression.codec();
        if (codec != CompressionType.LZ4_FRAME && codec != CompressionType.ZSTD) {
            throw new UnsupportedTypeException("Arrow IPC stream, %s: body compression codec %s not supported (only LZ4_FRAME and ZSTD exist)".formatted(description, codec));
        }
        return codec;
    }
}
