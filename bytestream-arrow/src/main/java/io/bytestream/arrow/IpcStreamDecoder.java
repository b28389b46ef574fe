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
import io.bytestream.arrow.body.RecordBatchBody;
import io.bytestream.arrow.message.BatchDescription;
import io.bytestream.arrow.message.IpcMessage;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.RecordBatch;

import java.util.List;
import java.util.function.Consumer;

import static com.google.common.base.Preconditions.checkArgument;
import static io.bytestream.arrow.Guard.guard;
import static java.util.Objects.requireNonNull;

/**
 * Decodes Arrow IPC streams into Trino blocks of the table's columns. Each stream is read against its own
 * schema, by column name: a column the stream lacks is all null, a safe widening (e.g. int32 into BIGINT)
 * is applied, and any other type difference is an {@link UnsupportedArrowTypeException}.
 * Batch bodies may be compressed (LZ4_FRAME or ZSTD) and the stream may be big-endian.
 * Instances are immutable and can decode any number of streams, also concurrently.
 */
public final class IpcStreamDecoder
{
    /**
     * The default bound of {@link #IpcStreamDecoder(List, long)}.
     */
    public static final long DEFAULT_MAX_DECODED_BODY_BYTES = 256L * 1024 * 1024;
    /**
     * The largest bound allowed: a decoded body is one Java array.
     */
    public static final long MAX_DECODED_BODY_BYTES = Integer.MAX_VALUE - 64;

    private final List<IpcColumn> columns;
    private final long maxDecodedBodyBytes;

    /**
     * @param columns the table columns wanted, in output order; may be empty to only count rows
     */
    public IpcStreamDecoder(List<IpcColumn> columns)
    {
        this(columns, DEFAULT_MAX_DECODED_BODY_BYTES);
    }

    /**
     * @param columns the table columns wanted, in output order; may be empty to only count rows
     * @param maxDecodedBodyBytes the largest decompressed body of one record or dictionary batch: a compressed
     * batch that declares more is refused before anything is allocated, since a few compressed bytes can claim
     * any size. From 0 to {@link #MAX_DECODED_BODY_BYTES}.
     */
    public IpcStreamDecoder(List<IpcColumn> columns, long maxDecodedBodyBytes)
    {
        checkArgument(maxDecodedBodyBytes >= 0 && maxDecodedBodyBytes <= MAX_DECODED_BODY_BYTES,
                "maxDecodedBodyBytes %s is not between 0 and %s", maxDecodedBodyBytes, MAX_DECODED_BODY_BYTES);
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.maxDecodedBodyBytes = maxDecodedBodyBytes;
    }

    /**
     * Decodes every record batch of the stream, in order, passing each non-empty one to {@code consumer}.
     * Exceptions thrown by the consumer propagate unchanged.
     *
     * @throws IpcFormatException if the stream is malformed, or a decompressed body would exceed the limit
     * @throws UnsupportedArrowTypeException if a requested column has a type that cannot be read as the table's type
     */
    public void decode(Slice stream, Consumer<DecodedBatch> consumer)
    {
        requireNonNull(consumer, "consumer is null");
        DecodedBatches batches = batches(stream);
        for (DecodedBatch batch = batches.next(); batch != null; batch = batches.next()) {
            consumer.accept(batch);
        }
    }

    /**
     * Starts decoding the stream one record batch at a time, so a large record never has all its batches
     * decoded at once. Reads and checks the schema now.
     *
     * @throws IpcFormatException if the stream is malformed
     * @throws UnsupportedArrowTypeException if a requested column has a type that cannot be read as the table's type
     */
    public DecodedBatches batches(Slice stream)
    {
        requireNonNull(stream, "stream is null");
        StreamDecoding decoding = guard(() -> StreamDecoding.inMemory(stream, columns, maxDecodedBodyBytes));
        return () -> guard(decoding::nextBatch);
    }

    /**
     * Starts decoding a stream read by range (e.g. one stored inside a file), one record batch at a time: of each
     * batch, the message header is read and then only the buffers of the requested columns (nearby ones in one
     * read), those of the other columns and the dictionaries no requested column uses are never read. Gives the
     * same batches as {@link #batches(Slice)} on the same bytes; a stream in memory ({@link StreamBytes#of}) is
     * decoded by it. Reads and checks the schema now.
     *
     * @throws IpcFormatException if the stream is malformed
     * @throws UnsupportedArrowTypeException if a requested column has a type that cannot be read as the table's type
     */
    public DecodedBatches batches(StreamBytes stream)
    {
        requireNonNull(stream, "stream is null");
        if (stream instanceof StreamBytes.InMemory inMemory) {
            return batches(inMemory.stream());
        }
        StreamDecoding decoding = guard(() -> StreamDecoding.byRange(stream, columns, maxDecodedBodyBytes));
        return () -> guard(decoding::nextBatch);
    }

    /**
     * Decodes every record batch of the stream as the columns of its own schema that a table's column can read
     * ({@link IpcSchemaReader#readableColumns}), checking every batch body, also where no column is readable: whether
     * the stream can be read as any table's columns, whichever a query asks for.
     *
     * @param maxDecodedBodyBytes the largest decompressed body allowed
     * @throws IpcFormatException if the stream is malformed, or a decompressed body would exceed the limit
     */
    public static void check(Slice stream, long maxDecodedBodyBytes)
    {
        requireNonNull(stream, "stream is null");
        checkArgument(maxDecodedBodyBytes >= 0 && maxDecodedBodyBytes <= MAX_DECODED_BODY_BYTES,
                "maxDecodedBodyBytes %s is not between 0 and %s", maxDecodedBodyBytes, MAX_DECODED_BODY_BYTES);
        List<IpcColumn> columns = IpcSchemaReader.readableColumns(stream);
        guard(() -> {
            StreamDecoding decoding = StreamDecoding.checkingBodies(stream, columns, maxDecodedBodyBytes);
            while (decoding.nextBatch() != null) {
                // every batch decoded, and dropped
            }
            return null;
        });
    }

    /** The record batches of one stream, decoded on demand. */
    @FunctionalInterface
    public interface DecodedBatches
    {
        /**
         * Decodes the next non-empty record batch; null at the end of the stream.
         *
         * @throws IpcFormatException if the stream is malformed, or a decompressed body would exceed the limit
         */
        DecodedBatch next();
    }

    /**
     * Sums the row counts of the record batch headers, without reading any body.
     *
     * @throws IpcFormatException if the stream is malformed
     */
    public static long countRows(Slice stream)
    {
        requireNonNull(stream, "stream is null");
        return countRows(StreamBytes.of(stream));
    }

    /**
     * Sums the row counts of the record batch headers of a stream read by range: only message prefixes and
     * metadata are read, bodies are skipped by their declared lengths (which are checked against the stream's length).
     *
     * @throws IpcFormatException if the stream is malformed
     */
    public static long countRows(StreamBytes stream)
    {
        requireNonNull(stream, "stream is null");
        return guard(() -> {
            long[] rowCount = new long[1];
            StreamHeaders.visit(stream, new StreamHeaders.Visitor()
            {
                @Override
                public void schema(IpcMessage schema) {}

                @Override
                public void recordBatch(IpcMessage message, RecordBatch header, BatchDescription description)
                {
                    rowCount[0] += RecordBatchBody.rowCount(header, description);
                }

                @Override
                public void dictionaryBatch(IpcMessage message, DictionaryBatch header) {}
            });
            return rowCount[0];
        });
    }
}
