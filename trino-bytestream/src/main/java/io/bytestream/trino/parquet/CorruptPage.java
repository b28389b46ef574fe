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
import io.bytestream.arrow.StreamBytes;

import java.io.IOException;
import java.io.UncheckedIOException;

import static java.util.Objects.requireNonNull;

/**
 * A page of the content column whose bytes do not match the CRC32 checksum its writer stored: none of its records
 * can be told apart from another, so each of them is a bad record.
 *
 * @param firstRow the file row of the page's first record
 * @param rowCount how many records the page holds
 */
public record CorruptPage(long firstRow, int rowCount, ChecksumException failure)
{
    public CorruptPage
    {
        requireNonNull(failure, "failure is null");
    }

    /**
     * @param pageStart where the page that fails its checksum starts: the data page, or the dictionary page it refers to
     */
    static CorruptPage of(long pageStart, boolean dictionaryPage, long firstRow, int rowCount, int storedChecksum, int computedChecksum)
    {
        String records = rowCount == 1 ? "record %s".formatted(firstRow) : "records %s to %s".formatted(firstRow, firstRow + rowCount - 1);
        String page = dictionaryPage
                ? "the Parquet dictionary page at byte %s, which %s of the file refer to,".formatted(pageStart, records)
                : "its Parquet page at byte %s, holding %s of the file,".formatted(pageStart, records);
        return new CorruptPage(firstRow, rowCount, new ChecksumException(
                "%s fails its CRC32 checksum (stored %08x, computed %08x)".formatted(page, storedChecksum, computedChecksum)));
    }

    public boolean holds(long row)
    {
        return row >= firstRow && row - firstRow < rowCount;
    }

    /**
     * What is visited as the content of each of the page's records: readers of records check for it before reading;
     * reading it fails as an I/O error would.
     */
    public StreamBytes content()
    {
        return new Content(this);
    }

    public record Content(CorruptPage page)
            implements StreamBytes
    {
        // a reader that does not check for a corrupt page reads the stream's first message prefix, and fails
        @Override
        public long length()
        {
            return 2 * Integer.BYTES;
        }

        @Override
        public Slice read(long offset, int length)
        {
            throw new UncheckedIOException(page.failure());
        }
    }

    /** The page's bytes are not those its writer checksummed. */
    public static final class ChecksumException
            extends IOException
    {
        ChecksumException(String message)
        {
            super(message);
        }
    }
}
