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

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_BAD_RECORD;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_RECORD_TOO_LARGE;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_UNSUPPORTED_TYPE;
import static io.bytestream.trino.reader.TestingRecordFiles.TABLE;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestRecordDecoder
{
    private static final Slice THREE_BATCHES = Slices.wrappedBuffer(ArrowStreams.entries(3, 7, 1));
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
        assertThat(decoder.countRows(StreamBytes.of(THREE_BATCHES), () -> RECORD)).isEqualTo(21);
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
        assertThatThrownBy(() -> small.countRows(StreamBytes.of(THREE_BATCHES), () -> RECORD)).hasMessage(message);
        assertThat(new RecordDecoder(List.of(), THREE_BATCHES.length()).countRows(THREE_BATCHES, () -> RECORD)).isEqualTo(21);
    }

    @Test
    void testTruncatedRecord()
    {
        Slice truncated = Slices.wrappedBuffer(Arrays.copyOf(THREE_BATCHES.getBytes(), THREE_BATCHES.length() - 40));
        assertThatThrownBy(() -> drain(decoder.decode(truncated, () -> RECORD)))
                .isInstanceOfSatisfying(TrinoException.class, e -> assertThat(e.getErrorCode()).isEqualTo(BYTESTREAM_BAD_RECORD.toErrorCode()))
                .hasMessageStartingWith(RECORD_TEXT + " has a corrupt Arrow IPC stream: ");
        assertThatThrownBy(() -> decoder.countRows(truncated, () -> RECORD))
                .hasMessageStartingWith(RECORD_TEXT + " has a corrupt Arrow IPC stream: ");
    }

    @Test
    void testNotArrowAtAll()
    {
        assertThatThrownBy(() -> decoder.decode(Slices.utf8Slice("PAR1 not an Arrow stream"), () -> RECORD))
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
