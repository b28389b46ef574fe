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
import io.airlift.slice.Slices;
import io.trino.parquet.ParquetDataSource;

import java.io.IOException;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Reads small ranges of one region of a data file through a window of a few kilobytes, so that a sequence of
 * nearby small reads (a page header, a value length, an IPC message prefix and its metadata) costs one request.
 */
final class FileWindow
        implements PageBytes
{
    private static final int WINDOW_SIZE = 32 * 1024;

    private final ParquetDataSource source;
    private final long regionEnd;
    private long windowStart;
    private Slice window;

    /** Reads are confined to the region ending at {@code regionEnd}, checked by the caller to lie inside the file. */
    FileWindow(ParquetDataSource source, long regionEnd)
    {
        this.source = source;
        this.regionEnd = regionEnd;
    }

    @Override
    public Slice read(long offset, int length)
            throws IOException
    {
        return read(offset, length, Math.max(length, WINDOW_SIZE));
    }

    /**
     * The {@code length} bytes at {@code offset}, reading a window past them too where they are not held: after a
     * page, the next page's header comes with it. Not for ranges picked out of a record, where what follows is what
     * the reader skips.
     */
    public Slice readPage(long offset, int length)
            throws IOException
    {
        return read(offset, length, (int) Math.min((long) length + WINDOW_SIZE, Integer.MAX_VALUE));
    }

    private Slice read(long offset, int length, int wantedWindow)
            throws IOException
    {
        checkArgument(offset >= 0 && length >= 0 && offset + length <= regionEnd, "range [%s, +%s) beyond the region's end %s", offset, length, regionEnd);
        if (window == null || offset < windowStart || offset + length > windowStart + window.length()) {
            int windowLength = (int) Math.min(regionEnd - offset, wantedWindow);
            window = continuesWindow(offset) ? extendWindow(offset, windowLength) : source.readFully(offset, windowLength);
            windowStart = offset;
        }
        return window.slice((int) (offset - windowStart), length);
    }

    private boolean continuesWindow(long offset)
    {
        return window != null && offset >= windowStart && offset < windowStart + window.length();
    }

    /** The window's bytes from {@code offset} on, then the following ones read from the file: no byte read twice. */
    private Slice extendWindow(long offset, int windowLength)
            throws IOException
    {
        int kept = (int) (windowStart + window.length() - offset);
        Slice following = source.readFully(offset + kept, windowLength - kept);
        byte[] joined = new byte[windowLength];
        window.getBytes((int) (offset - windowStart), joined, 0, kept);
        following.getBytes(0, joined, kept, following.length());
        return Slices.wrappedBuffer(joined);
    }
}
