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

package io.bytestream.trino.parquet;

import io.airlift.slice.Slice;

import java.io.IOException;

import static java.util.Objects.checkFromIndexSize;

/**
 * Bytes of a page addressed by offset: the file, read through a window where the page is stored uncompressed,
 * or the page decompressed into memory.
 */
interface PageBytes
{
    Slice read(long offset, int length)
            throws IOException;

    default int readInt(long offset)
            throws IOException
    {
        return read(offset, Integer.BYTES).getInt(0);
    }

    default byte readByte(long offset)
            throws IOException
    {
        return read(offset, 1).getByte(0);
    }

    static PageBytes of(Slice page)
    {
        return (offset, length) -> {
            checkFromIndexSize(offset, length, page.length());
            return page.slice((int) offset, length);
        };
    }
}
