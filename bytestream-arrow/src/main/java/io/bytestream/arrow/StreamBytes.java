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

package io.bytestream.arrow;

import io.airlift.slice.Slice;

import static java.util.Objects.requireNonNull;

/**
 * The bytes of one Arrow IPC stream, read by range: a stream in memory, or one stored inside a file,
 * whose message headers can then be read without reading the bodies between them.
 */
public interface StreamBytes
{
    /** The stream's length in bytes. */
    long length();

    /**
     * The {@code length} bytes at {@code offset}; the caller keeps {@code 0 <= offset} and
     * {@code offset + length <= length()}. The decoder may keep the slice returned and read it later, never
     * writes it: it must not change. Failures to read are unchecked I/O exceptions, never format errors.
     */
    Slice read(long offset, int length);

    /** A stream in memory: decoded as {@link IpcStreamDecoder#batches(Slice)} decodes it, its buffers read in place. */
    static StreamBytes of(Slice stream)
    {
        return new InMemory(stream);
    }

    record InMemory(Slice stream)
            implements StreamBytes
    {
        public InMemory
        {
            requireNonNull(stream, "stream is null");
        }

        @Override
        public long length()
        {
            return stream.length();
        }

        @Override
        public Slice read(long offset, int length)
        {
            return stream.slice((int) offset, length);
        }
    }
}
