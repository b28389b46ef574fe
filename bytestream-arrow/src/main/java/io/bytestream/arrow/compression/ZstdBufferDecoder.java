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

import io.airlift.compress.v3.zstd.ZstdJavaDecompressor;

/**
 * Decodes the ZSTD codec of Arrow's body compression with aircompressor's pure-Java decompressor.
 * Not thread-safe: each stream decoding has its own.
 */
final class ZstdBufferDecoder
        implements BufferDecoder
{
    private final ZstdJavaDecompressor decompressor = new ZstdJavaDecompressor();

    @Override
    public String codecName()
    {
        return "ZSTD";
    }

    /**
     * Compares the content size the first frame header declares, when it has one, with the buffer's
     * uncompressed length. A smaller size is left to the decoding, as further frames may follow.
     */
    @Override
    public void checkDeclaredLength(byte[] input, int inputOffset, int inputLength, long uncompressedLength)
    {
        long declared;
        try {
            declared = decompressor.getDecompressedSize(input, inputOffset, inputLength);
        }
        catch (RuntimeException e) {
            throw new MalformedCompressedDataException("ZSTD frame header: " + e.getMessage());
        }
        if (declared > uncompressedLength) {
            throw new MalformedCompressedDataException("ZSTD frame declares %s bytes of content, the buffer's uncompressed length is %s".formatted(declared, uncompressedLength));
        }
    }

    @Override
    public void decode(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset, int outputLength)
    {
        int decoded;
        try {
            decoded = decompressor.decompress(input, inputOffset, inputLength, output, outputOffset, outputLength);
        }
        catch (RuntimeException e) {
            // MalformedInputException, or a bounds failure on some corruption it does not recognise as such
            throw new MalformedCompressedDataException("ZSTD: " + e.getMessage());
        }
        if (decoded != outputLength) {
            throw new MalformedCompressedDataException("ZSTD: decoded %s bytes, the declared uncompressed length is %s".formatted(decoded, outputLength));
        }
    }
}
