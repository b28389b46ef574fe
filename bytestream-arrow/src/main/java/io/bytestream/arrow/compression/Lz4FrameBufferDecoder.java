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
 * The LZ4_FRAME codec of Arrow's body compression: each buffer holds LZ4 frames.
 */
final class Lz4FrameBufferDecoder
        implements BufferDecoder
{
    @Override
    public String codecName()
    {
        return "LZ4_FRAME";
    }

    @Override
    public void decode(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset, int outputLength)
    {
        Lz4FrameDecoder.decode(input, inputOffset, inputLength, output, outputOffset, outputLength);
    }
}
