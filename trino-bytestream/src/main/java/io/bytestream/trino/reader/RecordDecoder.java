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

import io.airlift.slice.Slice;
import io.bytestream.arrow.DecodedBatch;
import io.bytestream.arrow.IpcColumn;
import io.bytestream.arrow.IpcFormatException;
import io.bytestream.arrow.IpcStreamDecoder;
import io.bytestream.arrow.IpcStreamSummary;
import io.bytestream.arrow.StreamBytes;
import io.bytestream.trino.error.RecordId;
import io.bytestream.trino.parquet.CorruptPage;
import io.trino.spi.TrinoException;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.bytestream.trino.error.BytestreamErrors.badRecord;
import static io.bytestream.trino.error.BytestreamErrors.corruptRecord;
import static io.bytestream.trino.error.BytestreamErrors.dataFileException;
import static io.bytestream.trino.error.BytestreamErrors.recordTooLarge;
import static java.lang.Math.toIntExact;

/**
 * Turns a record's content into its inner rows: the second stage of reading a split. Every way of reading a record
 * refuses the same records first, as errors naming the record: one of a page that fails its checksum, one over the size
 * limit; then one whose Arrow IPC stream cannot be read as far as that way reads it.
 */
final class RecordDecoder
{
    private final IpcStreamDecoder decoder;
    private final long maxRecordSize;

    RecordDecoder(List<IpcColumn> innerColumns, long maxRecordSize)
    {
        // a compressed record may not decompress to more than an uncompressed one may hold
        this.decoder = new IpcStreamDecoder(innerColumns, maxRecordSize);
        this.maxRecordSize = maxRecordSize;
    }

    /** The record's batches, decoded one at a time as they are asked for, reading only the parts of the stream they need. */
    RecordBatches decode(StreamBytes content, Supplier<RecordId> record)
    {
        checkReadable(content, record);
        try {
            return new RecordBatches(decoder.batches(content), record);
        }
        catch (IpcFormatException e) {
            throw badRecord(record.get(), e);
        }
        catch (UncheckedIOException e) {
            throw readFailure(record.get(), e);
        }
    }

    /**
     * The record read whole into memory and checked ({@link IpcStreamDecoder#check}): every batch, and in it every column
     * of its own Arrow schema that a table's column can read, so that whether it is bad does not depend on the columns a
     * query reads. A field no column can read (a second of the same name, one without a name or of a type Trino lacks)
     * is not decoded, as no query decodes it.
     */
    StreamBytes readValid(StreamBytes content, Supplier<RecordId> record)
    {
        checkReadable(content, record);
        Slice stream;
        try {
            stream = content.read(0, toIntExact(content.length()));
        }
        catch (UncheckedIOException e) {
            throw readFailure(record.get(), e);
        }
        try {
            IpcStreamDecoder.check(stream, maxRecordSize);
        }
        catch (IpcFormatException e) {
            throw badRecord(record.get(), e);
        }
        return StreamBytes.of(stream);
    }

    /** The record's inner row count, reading only its IPC message headers where they lie. */
    long countRows(StreamBytes content, Supplier<RecordId> record)
    {
        return readHeaders(content, record, IpcStreamDecoder::countRows);
    }

    /** What the record's IPC message headers tell of it, reading only them where they lie. */
    IpcStreamSummary summarize(StreamBytes content, Supplier<RecordId> record)
    {
        return readHeaders(content, record, IpcStreamSummary::read);
    }

    private <T> T readHeaders(StreamBytes content, Supplier<RecordId> record, Function<StreamBytes, T> reader)
    {
        checkReadable(content, record);
        try {
            return reader.apply(content);
        }
        catch (IpcFormatException e) {
            throw badRecord(record.get(), e);
        }
        catch (UncheckedIOException e) {
            throw readFailure(record.get(), e);
        }
    }

    /** A failure to read a record where it lies in the file. */
    private static TrinoException readFailure(RecordId record, UncheckedIOException e)
    {
        return dataFileException(record.table(), record.file(), e);
    }

    /** A record of a page that fails its checksum is bad, whatever its bytes would decode to; so is one over the size limit. */
    private void checkReadable(StreamBytes content, Supplier<RecordId> record)
    {
        if (content instanceof CorruptPage.Content corrupt) {
            throw corruptRecord(record.get(), corrupt.page().failure());
        }
        if (content.length() > maxRecordSize) {
            throw recordTooLarge(record.get(), content.length(), maxRecordSize);
        }
    }

    static final class RecordBatches
    {
        private final IpcStreamDecoder.DecodedBatches batches;
        private final Supplier<RecordId> record;

        private RecordBatches(IpcStreamDecoder.DecodedBatches batches, Supplier<RecordId> record)
        {
            this.batches = batches;
            this.record = record;
        }

        /** The next batch, or null after the last. */
        DecodedBatch next()
        {
            try {
                return batches.next();
            }
            catch (IpcFormatException e) {
                throw badRecord(record.get(), e);
            }
            catch (UncheckedIOException e) {
                throw readFailure(record.get(), e);
            }
        }
    }
}
