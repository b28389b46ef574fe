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

package io.bytestream.trino.delta;

import io.trino.spi.type.LongTimestampWithTimeZone;
import io.trino.spi.type.Type;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

import static io.airlift.slice.Slices.utf8Slice;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TimeZoneKey.UTC_KEY;
import static io.trino.spi.type.TimestampType.TIMESTAMP_MICROS;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MICROS;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.lang.Float.floatToRawIntBits;
import static java.lang.Math.floorDiv;
import static java.lang.Math.floorMod;
import static java.time.temporal.ChronoField.MICRO_OF_SECOND;

/**
 * Partition values as the Delta log serialises them, parsed as Trino native values.
 */
public final class PartitionValues
{
    private static final DateTimeFormatter PARTITION_TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(MICRO_OF_SECOND, 0, 6, true).optionalEnd()
            .toFormatter();

    private PartitionValues() {}

    /** Parses a partition value as serialised in the Delta log; null for a null value. */
    public static Object parse(String value, Type type)
    {
        if (value == null) {
            return null;
        }
        if (type.equals(VARCHAR)) {
            return utf8Slice(value);
        }
        if (value.isEmpty()) {
            // Delta writes an empty string for a null partition value of a non-string column
            return null;
        }
        if (type.equals(VARBINARY)) {
            // the protocol's "string of escaped binary values": the JSON string's characters, as Spark writes them, UTF-8 encoded
            return utf8Slice(value);
        }
        if (type.equals(BIGINT) || type.equals(INTEGER) || type.equals(SMALLINT) || type.equals(TINYINT)) {
            return Long.parseLong(value);
        }
        if (type.equals(BOOLEAN)) {
            return Boolean.parseBoolean(value);
        }
        if (type.equals(DOUBLE)) {
            return Double.parseDouble(value);
        }
        if (type.equals(REAL)) {
            return (long) floatToRawIntBits(Float.parseFloat(value));
        }
        if (type.equals(DATE)) {
            return LocalDate.parse(value).toEpochDay();
        }
        if (type.equals(TIMESTAMP_TZ_MICROS) || type.equals(TIMESTAMP_MICROS)) {
            // the protocol allows "2024-05-01 10:00:00[.ffffff]" and ISO-8601 UTC "2024-05-01T10:00:00[.ffffff]Z"
            String local = (value.endsWith("Z") ? value.substring(0, value.length() - 1) : value).replace('T', ' ');
            LocalDateTime dateTime = LocalDateTime.parse(local, PARTITION_TIMESTAMP);
            long micros = dateTime.toEpochSecond(ZoneOffset.UTC) * 1_000_000 + dateTime.getNano() / 1_000;
            return type.equals(TIMESTAMP_MICROS) ? micros : timestampWithTimeZone(micros);
        }
        throw new IllegalArgumentException("Unsupported partition column type: " + type);
    }

    private static LongTimestampWithTimeZone timestampWithTimeZone(long epochMicros)
    {
        return LongTimestampWithTimeZone.fromEpochMillisAndFraction(
                floorDiv(epochMicros, 1000),
                floorMod(epochMicros, 1000) * 1_000_000,
                UTC_KEY);
    }
}
