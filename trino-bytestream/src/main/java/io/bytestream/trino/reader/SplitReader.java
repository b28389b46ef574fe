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

package io.bytestream.trino.reader;

import io.trino.spi.Page;

import java.io.Closeable;

/**
 * Reads the pages of one split, for {@code BytestreamPageSource}.
 */
public interface SplitReader
        extends Closeable
{
    /** The next page; null when none is ready, or the split has no more. */
    Page nextPage();

    boolean isFinished();

    /** Bytes read from storage so far. */
    long completedBytes();

    /** Memory held now. */
    long memoryUsage();

    /** Data files whose records were counted from their IPC headers, without Trino's Parquet reader. */
    long filesCountedFromHeaders();

    /** Records whose content was decoded, or whose rows were counted from their IPC headers. */
    long recordsRead();

    /** Records the scan's record filter passed over, their content unread. */
    long recordsSkipped();

    /** Bad records passed over or flagged with one row, by {@code bad_record_handling} SKIP or FLAG. */
    default long badRecords()
    {
        return 0;
    }

    /** IPC record batches decoded into pages. */
    long batchesDecoded();

    /** Bytes of the IPC streams of the records decoded (their content's length, of which the decoder may read only part). */
    long bytesDecoded();

    @Override
    void close();
}
