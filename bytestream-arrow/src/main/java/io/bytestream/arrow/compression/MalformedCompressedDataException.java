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
 * Compressed buffer data that does not decode. Thrown by the codecs with only the detail (what is wrong and
 * where in the compressed bytes); the decompression of a batch body turns it into a format error that also
 * names the message, batch and buffer.
 */
public final class MalformedCompressedDataException
        extends RuntimeException
{
    MalformedCompressedDataException(String message)
    {
        super(message);
    }
}
