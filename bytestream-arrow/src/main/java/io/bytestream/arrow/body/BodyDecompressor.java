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
import io.bytestream.arrow.compression.BufferDecoder;
import io.bytestream.arrow.compression.MalformedCompressedDataException;
import io.bytestream.arrow.format.FormatException;
import io.bytestream.arrow.message.BatchDescription;
import org.apache.arrow.flatbuf.BodyCompression;
import org.apache.arrow.flatbuf.CompressionType;

/**
 * Decompresses the buffers of a compressed record or dictionary batch into a new body. Per the Arrow format,
 * each non-empty buffer starts with its uncompressed length as a little-endian int64, -1 meaning the rest
 * is stored uncompressed; an empty buffer stays empty. The buffers are placed at 8-byte aligned offsets of
 * one array.
 * <p>
 * The uncompressed lengths are read and summed before anything is allocated, and a body larger than the
 * limit is refused: a few bytes of compressed input can claim any size.
 * Not thread-safe (the ZSTD decompressor has state): each stream decoding has its own.
 */
final class BodyDecompressor
{
    private static final int LENGTH_PREFIX = Long.BYTES;
    private static final long STORED_UNCOMPRESSED = -1;

    private final long maxDecodedBodyBytes;
    private final BufferDecoder lz4 = BufferDecoder.lz4Frame();
    private BufferDecoder zstd;

    /**
     * @param maxDecodedBodyBytes the largest decompressed body allowed, at most the decoder's MAX_DECODED_BODY_BYTES ({@code Integer.MAX_VALUE - 64})
     */
    BodyDecompressor(long maxDecodedBodyBytes)
    {
        this.maxDecodedBodyBytes = maxDecodedBodyBytes;
    }

    RecordBatchBody decompress(RecordBatchBody body, BodyCompression compression, BatchDescription description)
    {
        BufferDecoder decoder = decoder(compression, description);
        Slice source = body.data();
        byte[] input = source.byteArray();
        int inputBase = source.byteArrayOffset();

        int bufferCount = body.bufferCount();
        boolean[] stored = new boolean[bufferCount];
        int[] offsets = new int[bufferCount];
        int[] lengths = new int[bufferCount];
        long total = 0;
        for (int i = 0; i < bufferCount; i++) {
            int length = body.bufferLength(i);
            offsets[i] = (int) total;
            if (length == 0) {
                continue;
            }
            if (length < LENGTH_PREFIX) {
                throw error(description, i, decoder, "%s bytes are too few for the 8-byte uncompressed length".formatted(length));
            }
            long uncompressedLength = source.getLong(body.bufferOffset(i));
            stored[i] = uncompressedLength == STORED_UNCOMPRESSED;
            if (stored[i]) {
                uncompressedLength = length - LENGTH_PREFIX;
            }
            else if (uncompressedLength < 0) {
                throw error(description, i, decoder, "uncompressed length %s".formatted(uncompressedLength));
            }
            if (uncompressedLength > maxDecodedBodyBytes - total) {
                long bodyBytes = uncompressedLength > Long.MAX_VALUE - total ? Long.MAX_VALUE : total + uncompressedLength;
                throw new FormatException("Invalid Arrow IPC stream, %s: buffer %s declares %s uncompressed bytes: the decompressed body of %s bytes exceeds the limit of %s bytes".formatted(
                        description, i, uncompressedLength, bodyBytes, maxDecodedBodyBytes));
            }
            lengths[i] = (int) uncompressedLength;
            // the limit is at most MAX_DECODED_BODY_BYTES, which leaves room for the padding
            total = align(total + uncompressedLength);
            if (!stored[i]) {
                try {
                    decoder.checkDeclaredLength(input, inputBase + body.bufferOffset(i) + LENGTH_PREFIX, length - LENGTH_PREFIX, uncompressedLength);
                }
                catch (MalformedCompressedDataException e) {
                    throw error(description, i, decoder, e.getMessage());
                }
            }
        }

        byte[] output = new byte[(int) total];
        for (int i = 0; i < bufferCount; i++) {
            if (body.bufferLength(i) == 0) {
                continue;
            }
            int inputOffset = inputBase + body.bufferOffset(i) + LENGTH_PREFIX;
            int inputLength = body.bufferLength(i) - LENGTH_PREFIX;
            if (stored[i]) {
                System.arraycopy(input, inputOffset, output, offsets[i], inputLength);
                continue;
            }
            try {
                decoder.decode(input, inputOffset, inputLength, output, offsets[i], lengths[i]);
            }
            catch (MalformedCompressedDataException e) {
                throw error(description, i, decoder, e.getMessage());
            }
        }
        return body.withData(Slices.wrappedBuffer(output), offsets, lengths);
    }

    private BufferDecoder decoder(BodyCompression compression, BatchDescription description)
    {
        if (BatchHeader.codec(compression, description) == CompressionType.LZ4_FRAME) {
            return lz4;
        }
        if (zstd == null) {
            zstd = BufferDecoder.zstd();
        }
        return zstd;
    }

    private static long align(long offset)
    {
        return (offset + 7) & ~7L;
    }

    private static FormatException error(BatchDescription description, int buffer, BufferDecoder decoder, String detail)
    {
        return new FormatException("Invalid Arrow IPC stream, %s: %s compressed buffer %s: %s".formatted(description, decoder.codecName(), buffer, detail));
    }
}
