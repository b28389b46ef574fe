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

package io.bytestream.benchmarks;

import io.bytestream.benchmarks.ParquetFileLayout.TimestampEncoding;
import io.bytestream.writer.Record;
import io.bytestream.writer.RecordTableSchema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static java.util.Objects.requireNonNull;
import static org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit.MICROS;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT96;

/**
 * Writes records as rows of a record table's data file (the partition column node_id is not in the file), with the
 * timestamp as Spark writes it by default (INT96) or as arrow-rs writes it (INT64 TIMESTAMP(MICROS, UTC)).
 */
final class RecordWriteSupport
        extends WriteSupport<Record>
{
    private static final long SECONDS_PER_DAY = 86_400;
    private static final long NANOS_PER_SECOND = 1_000_000_000;
    // the Julian day number of 1970-01-01
    private static final int JULIAN_DAY_OF_EPOCH = 2_440_588;

    private final TimestampEncoding timestampEncoding;
    private final String messageName;
    private RecordConsumer consumer;

    RecordWriteSupport(TimestampEncoding timestampEncoding, String messageName)
    {
        this.timestampEncoding = requireNonNull(timestampEncoding, "timestampEncoding is null");
        this.messageName = requireNonNull(messageName, "messageName is null");
    }

    MessageType schema()
    {
        Types.MessageTypeBuilder builder = Types.buildMessage();
        switch (timestampEncoding) {
            case INT96 -> builder.optional(INT96).named(RecordTableSchema.TIMESTAMP);
            case INT64_MICROS -> builder.optional(INT64).as(LogicalTypeAnnotation.timestampType(true, MICROS)).named(RecordTableSchema.TIMESTAMP);
        }
        return builder
                .optional(INT64).named(RecordTableSchema.VERSION)
                .optional(BINARY).named(RecordTableSchema.CONTENT)
                .named(messageName);
    }

    @Override
    public WriteContext init(Configuration configuration)
    {
        return new WriteContext(schema(), Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer)
    {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Record record)
    {
        consumer.startMessage();
        consumer.startField(RecordTableSchema.TIMESTAMP, 0);
        switch (timestampEncoding) {
            case INT96 -> consumer.addBinary(int96(record.timestamp()));
            case INT64_MICROS -> consumer.addLong(Math.addExact(Math.multiplyExact(record.timestamp().getEpochSecond(), 1_000_000), record.timestamp().getNano() / 1_000));
        }
        consumer.endField(RecordTableSchema.TIMESTAMP, 0);
        consumer.startField(RecordTableSchema.VERSION, 1);
        consumer.addLong(record.version());
        consumer.endField(RecordTableSchema.VERSION, 1);
        consumer.startField(RecordTableSchema.CONTENT, 2);
        consumer.addBinary(Binary.fromConstantByteArray(record.content()));
        consumer.endField(RecordTableSchema.CONTENT, 2);
        consumer.endMessage();
    }

    /**
     * Spark's INT96 timestamp (Impala's layout): nanoseconds of the day as a little-endian int64, then the Julian day
     * as a little-endian int32, both in UTC.
     */
    static Binary int96(Instant timestamp)
    {
        long day = Math.floorDiv(timestamp.getEpochSecond(), SECONDS_PER_DAY);
        long nanosOfDay = Math.floorMod(timestamp.getEpochSecond(), SECONDS_PER_DAY) * NANOS_PER_SECOND + timestamp.getNano();
        ByteBuffer bytes = ByteBuffer.allocate(12).order(LITTLE_ENDIAN);
        bytes.putLong(nanosOfDay);
        bytes.putInt(Math.toIntExact(day + JULIAN_DAY_OF_EPOCH));
        return Binary.fromConstantByteArray(bytes.array());
    }
}
