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

package io.bytestream.arrow.message;

import io.airlift.slice.Slice;

/**
 * Reads the bytes of a stream by range, so that a stream stored elsewhere need not be read whole.
 * Failures to read are unchecked I/O exceptions, never format errors.
 */
@FunctionalInterface
public interface ByteRangeReader
{
    /**
     * The {@code length} bytes at {@code offset}, which the caller keeps within the stream.
     */
    Slice read(long offset, int length);
}
