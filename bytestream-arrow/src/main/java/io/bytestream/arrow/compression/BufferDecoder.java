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
 * A codec of Arrow's body compression: decodes one compressed buffer (without its 8-byte length prefix).
 */
public interface BufferDecoder
{
    static BufferDecoder lz4Frame()
    {
        return new Lz4FrameBufferDecoder();
    }

    /**
     * Not thread-safe: each stream decoding needs its own.
     */
    static BufferDecoder zstd()
    {
        return new ZstdBufferDecoder();
    }

    /**
     * The codec's name in the {@code CompressionType} enum of the Arrow format, for error messages.
     */
    String codecName();

    /**
     * Refuses compressed data whose own header declares a size other than the buffer's uncompressed length,
     * before the body's output is allocated. The default checks nothing.
     *
     * @throws MalformedCompressedDataException if the sizes disagree
     */
    default void checkDeclaredLength(byte[] input, int inputOffset, int inputLength, long uncompressedLength) {}

    /**
     * Decodes {@code input[inputOffset, inputOffset + inputLength)} into exactly
     * {@code output[outputOffset, outputOffset + outputLength)}.
     *
     * @throws MalformedCompressedDataException if the data is malformed or decodes to another length
     */
    void decode(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset, int outputLength);
}
