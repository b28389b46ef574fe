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
import io.airlift.slice.Slices;
import io.bytestream.arrow.DecodedBatch;
import io.bytestream.arrow.IpcColumn;
import io.bytestream.arrow.StreamBytes;
import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.error.RecordId;
import io.bytestream.trino.reader.RecordDecoder.RecordBatches;
import io.bytestream.writer.ArrowStreams;
import io.trino.spi.TrinoException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_BAD_RECORD;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_RECORD_TOO_LARGE;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_UNSUPPORTED_TYPE;
import static io.bytestream.trino.error.BytestreamErrors.isBadRecord;
import static io.bytestream.trino.reader.TestingRecordFiles.TABLE;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.lang.Math.toIntExact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestRecordDecoder
{
    private static final byte[] STREAM = ArrowStreams.entries(3, 7, 1);
    private static final StreamBytes THREE_BATCHES = StreamBytes.of(Slices.wrappedBuffer(STREAM));
    private static final RecordId RECORD = new RecordId(TABLE, new DataFile("local:///x/part-0.parquet", 10, 0, Map.of("node_id", "00000000000004d2")), 4, Optional.of("version"), Optional.of(OptionalLong.of(12)));
    private static final String RECORD_TEXT = "Table ops.entries, data file local:///x/part-0.parquet, record 4, $node_id=00000000000004d2, $version=12";

    private final RecordDecoder decoder = new RecordDecoder(List.of(new IpcColumn("name", VARCHAR)), 1 << 20);

    @Test
    void testDecodesEveryBatch()
    {
        RecordBatches batches = decoder.decode(THREE_BATCHES, () -> RECORD);
        int rows = 0;
        int count = 0;
        for (DecodedBatch batch = batches.next(); batch != null; batch = batches.next()) {
            assertThat(batch.blocks()).hasSize(1);
            assertThat(VARCHAR.getSlice(batch.blocks()[0], 0).toStringUtf8()).isEqualTo(ArrowStreams.entryName(1, rows));
            rows += batch.positionCount();
            count++;
        }
        assertThat(count).isEqualTo(3);
        assertThat(rows).isEqualTo(21);
    }

    @Test
    void testCountsRowsFromHeaders()
    {
        assertThat(decoder.countRows(THREE_BATCHES, () -> RECORD)).isEqualTo(21);
    }

    @Test
    void testNamesTheRecordOnlyOnError()
    {
        AtomicInteger asked = new AtomicInteger();
        decoder.countRows(THREE_BATCHES, () -> {
            asked.incrementAndGet();
            return RECORD;
        });
        assertThat(asked).hasValue(0);
    }

    @Test
    void testRecordOverTheSizeLimit()
    {
        RecordDecoder small = new RecordDecoder(List.of(), THREE_BATCHES.length() - 1);
        String message = RECORD_TEXT + " holds %s bytes, more than bytestream.max-record-size (%s bytes)".formatted(THREE_BATCHES.length(), THREE_BATCHES.length() - 1);
        assertThatThrownBy(() -> small.decode(THREE_BATCHES, () -> RECORD))
                .isInstanceOfSatisfying(TrinoException.class, e -> assertThat(e.getErrorCode()).isEqualTo(BYTESTREAM_RECORD_TOO_LARGE.toErrorCode()))
                .hasMessage(message);
        assertThatThrownBy(() -> small.countRows(THREE_BATCHES, () -> RECORD)).hasMessage(message);
        assertThatThrownBy(() -> small.readValid(THREE_BATCHES, () -> RECORD)).hasMessage(message);
        assertThat(new RecordDecoder(List.of(), THREE_BATCHES.length()).countRows(THREE_BATCHES, () -> RECORD)).isEqualTo(21);
    }

    @Test
    void testTruncatedRecord()
    {
        StreamBytes truncated = StreamBytes.of(Slices.wrappedBuffer(Arrays.copyOf(STREAM, STREAM.length - 40)));
        assertThatThrownBy(() -> drain(decoder.decode(truncated, () -> RECORD)))
                .isInstanceOfSatisfying(TrinoException.class, e -> assertThat(e.getErrorCode()).isEqualTo(BYTESTREAM_BAD_RECORD.toErrorCode()))
                .hasMessageStartingWith(RECORD_TEXT + " has a corrupt Arrow IPC stream: ");
        assertThatThrownBy(() -> decoder.countRows(truncated, () -> RECORD))
                .hasMessageStartingWith(RECORD_TEXT + " has a corrupt Arrow IPC stream: ");
        assertThatThrownBy(() -> decoder.readValid(truncated, () -> RECORD))
                .isInstanceOfSatisfying(TrinoException.class, e -> assertThat(e.getErrorCode()).isEqualTo(BYTESTREAM_BAD_RECORD.toErrorCode()))
                .hasMessageStartingWith(RECORD_TEXT + " has a corrupt Arrow IPC stream: ");
    }

    @Test
    void testReadsValidRecordWhole()
    {
        StreamBytes valid = decoder.readValid(THREE_BATCHES, () -> RECORD);
        assertThat(valid.read(0, toIntExact(valid.length())).getBytes()).isEqualTo(STREAM);
        RecordBatches batches = decoder.decode(valid, () -> RECORD);
        long rows = 0;
        for (DecodedBatch batch = batches.next(); batch != null; batch = batches.next()) {
            rows += batch.positionCount();
        }
        assertThat(rows).isEqualTo(21);
    }

    @Test
    void testEmptyContentIsRefusedAlikeByEveryRead()
    {
        StreamBytes empty = StreamBytes.of(Slices.EMPTY_SLICE);
        String message = RECORD_TEXT + " has a corrupt Arrow IPC stream: Invalid Arrow IPC stream: no schema message (empty stream)";
        assertThatThrownBy(() -> decoder.decode(empty, () -> RECORD)).hasMessage(message);
        assertThatThrownBy(() -> decoder.readValid(empty, () -> RECORD)).hasMessage(message);
        assertThatThrownBy(() -> decoder.countRows(empty, () -> RECORD)).hasMessage(message);
        assertThatThrownBy(() -> decoder.summarize(empty, () -> RECORD)).hasMessage(message);
    }

    @Test
    void testFailureToReadTheFileIsNoBadRecord()
    {
        StreamBytes unreadable = new StreamBytes()
        {
            @Override
            public long length()
            {
                return STREAM.length;
            }

            @Override
            public Slice read(long offset, int length)
            {
                throw new UncheckedIOException(new IOException("disk gone"));
            }
        };
        assertThatThrownBy(() -> decoder.readValid(unreadable, () -> RECORD))
                .isInstanceOfSatisfying(TrinoException.class, e -> assertThat(isBadRecord(e)).isFalse())
                .hasMessageStartingWith("Table ops.entries: cannot read data file local:///x/part-0.parquet: ")
                .hasMessageEndingWith("disk gone");
        assertThatThrownBy(() -> decoder.countRows(unreadable, () -> RECORD))
                .isInstanceOfSatisfying(TrinoException.class, e -> assertThat(isBadRecord(e)).isFalse());
    }

    @Test
    void testNotArrowAtAll()
    {
        assertThatThrownBy(() -> decoder.decode(StreamBytes.of(Slices.utf8Slice("PAR1 not an Arrow stream")), () -> RECORD))
                .isInstanceOfSatisfying(TrinoException.class, e -> assertThat(e.getErrorCode()).isEqualTo(BYTESTREAM_BAD_RECORD.toErrorCode()));
    }

    @Test
    void testTypeTheColumnCannotRead()
    {
        RecordDecoder bigintName = new RecordDecoder(List.of(new IpcColumn("name", BIGINT)), 1 << 20);
        assertThatThrownBy(() -> drain(bigintName.decode(THREE_BATCHES, () -> RECORD)))
                .isInstanceOfSatisfying(TrinoException.class, e -> assertThat(e.getErrorCode()).isEqualTo(BYTESTREAM_UNSUPPORTED_TYPE.toErrorCode()))
                .hasMessageStartingWith(RECORD_TEXT + ": ");
    }

    private static void drain(RecordBatches batches)
    {
        while (batches.next() != null) {
            // decode every batch
        }
    }
}
