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

package io.bytestream.trino.table;

import io.trino.spi.TrinoException;
import io.trino.spi.connector.ConnectorTableVersion;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.LongTimestamp;
import io.trino.spi.type.LongTimestampWithTimeZone;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TimeZoneKey;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.TimestampWithTimeZoneType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;

import java.time.LocalDateTime;

import static io.trino.spi.StandardErrorCode.NOT_SUPPORTED;
import static io.trino.spi.type.DateTimeEncoding.unpackMillisUtc;
import static io.trino.spi.type.Timestamps.MICROSECONDS_PER_SECOND;
import static io.trino.spi.type.Timestamps.NANOSECONDS_PER_MICROSECOND;
import static java.lang.Math.floorDiv;
import static java.lang.Math.floorMod;
import static java.time.ZoneOffset.UTC;

/**
 * What {@code FOR VERSION AS OF} and {@code FOR TIMESTAMP AS OF} ask for: a Delta version number, or an instant. A
 * {@code timestamp} without a time zone is a time in the session's zone, as Trino's Iceberg connector takes it.
 */
final class TimeTravel
{
    private TimeTravel() {}

    static long targetVersion(ConnectorTableVersion version)
    {
        Type type = version.getVersionType();
        boolean integral = type instanceof BigintType || type instanceof IntegerType || type instanceof SmallintType || type instanceof TinyintType;
        if (!integral) {
            throw new TrinoException(NOT_SUPPORTED, "Unsupported type for table version: %s: FOR VERSION AS OF takes a Delta version number".formatted(type.getDisplayName()));
        }
        return (long) version.getVersion();
    }

    /** The instant in milliseconds since the epoch, rounded down: a commit at that millisecond is at or before it. */
    static long epochMillis(ConnectorTableVersion version, TimeZoneKey sessionZone)
    {
        Type type = version.getVersionType();
        Object value = version.getVersion();
        if (type instanceof TimestampWithTimeZoneType withZone) {
            return withZone.isShort() ? unpackMillisUtc((long) value) : ((LongTimestampWithTimeZone) value).getEpochMillis();
        }
        if (type instanceof TimestampType timestamp) {
            long epochMicros = timestamp.isShort() ? (long) value : ((LongTimestamp) value).getEpochMicros();
            LocalDateTime local = LocalDateTime.ofEpochSecond(
                    floorDiv(epochMicros, MICROSECONDS_PER_SECOND),
                    floorMod(epochMicros, MICROSECONDS_PER_SECOND) * NANOSECONDS_PER_MICROSECOND,
                    UTC);
            return local.atZone(sessionZone.getZoneId()).toInstant().toEpochMilli();
        }
        throw new TrinoException(NOT_SUPPORTED, "Unsupported type for temporal table version: %s: FOR TIMESTAMP AS OF takes a timestamp or a timestamp with time zone".formatted(type.getDisplayName()));
    }
}
