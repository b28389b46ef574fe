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

import io.trino.spi.connector.ConnectorTableVersion;
import io.trino.spi.type.LongTimestamp;
import io.trino.spi.type.LongTimestampWithTimeZone;
import io.trino.spi.type.TimeZoneKey;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.airlift.slice.Slices.utf8Slice;
import static io.bytestream.trino.table.TimeTravel.epochMillis;
import static io.bytestream.trino.table.TimeTravel.targetVersion;
import static io.trino.spi.StandardErrorCode.NOT_SUPPORTED;
import static io.trino.spi.connector.PointerType.TARGET_ID;
import static io.trino.spi.connector.PointerType.TEMPORAL;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DateTimeEncoding.packDateTimeWithZone;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.TimestampType.TIMESTAMP_MICROS;
import static io.trino.spi.type.TimestampType.TIMESTAMP_NANOS;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MILLIS;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_NANOS;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static io.trino.testing.assertions.TrinoExceptionAssert.assertTrinoExceptionThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

final class TestTimeTravel
{
    private static final TimeZoneKey VIENNA = TimeZoneKey.getTimeZoneKey("Europe/Vienna");
    private static final long NOON_UTC = Instant.parse("2025-03-01T12:00:00Z").toEpochMilli();

    @Test
    void testTimestampWithTimeZone()
    {
        assertThat(epochMillis(new ConnectorTableVersion(TEMPORAL, TIMESTAMP_TZ_MILLIS, packDateTimeWithZone(NOON_UTC + 7, TimeZoneKey.UTC_KEY)), VIENNA)).isEqualTo(NOON_UTC + 7);
        // below a millisecond: rounded down, before and after the epoch
        assertThat(epochMillis(new ConnectorTableVersion(TEMPORAL, TIMESTAMP_TZ_NANOS, LongTimestampWithTimeZone.fromEpochMillisAndFraction(NOON_UTC, 999_999_999, VIENNA)), TimeZoneKey.UTC_KEY))
                .isEqualTo(NOON_UTC);
        assertThat(epochMillis(new ConnectorTableVersion(TEMPORAL, TIMESTAMP_TZ_NANOS, LongTimestampWithTimeZone.fromEpochMillisAndFraction(-1, 1, VIENNA)), TimeZoneKey.UTC_KEY))
                .isEqualTo(-1);
    }

    @Test
    void testTimestampIsInTheSessionZone()
    {
        // 13:00 local time in Vienna is noon UTC in winter
        long localMicros = (NOON_UTC + 3_600_000) * 1000 + 999;
        assertThat(epochMillis(new ConnectorTableVersion(TEMPORAL, TIMESTAMP_MICROS, localMicros), VIENNA)).isEqualTo(NOON_UTC);
        assertThat(epochMillis(new ConnectorTableVersion(TEMPORAL, TIMESTAMP_MICROS, localMicros), TimeZoneKey.UTC_KEY)).isEqualTo(NOON_UTC + 3_600_000);
        assertThat(epochMillis(new ConnectorTableVersion(TEMPORAL, TIMESTAMP_NANOS, new LongTimestamp(localMicros - 1000, 999_000)), VIENNA)).isEqualTo(NOON_UTC - 1);
        // in summer Vienna is two hours ahead
        long summerLocalMicros = Instant.parse("2025-07-01T14:00:00Z").toEpochMilli() * 1000;
        assertThat(epochMillis(new ConnectorTableVersion(TEMPORAL, TIMESTAMP_MICROS, summerLocalMicros), VIENNA)).isEqualTo(Instant.parse("2025-07-01T12:00:00Z").toEpochMilli());
        assertThat(epochMillis(new ConnectorTableVersion(TEMPORAL, TIMESTAMP_MICROS, -1L), TimeZoneKey.UTC_KEY)).isEqualTo(-1);
    }

    @Test
    void testUnsupportedTypes()
    {
        assertTrinoExceptionThrownBy(() -> epochMillis(new ConnectorTableVersion(TEMPORAL, DATE, 20_000L), VIENNA))
                .hasErrorCode(NOT_SUPPORTED)
                .hasMessage("Unsupported type for temporal table version: date: FOR TIMESTAMP AS OF takes a timestamp or a timestamp with time zone");
        assertTrinoExceptionThrownBy(() -> targetVersion(new ConnectorTableVersion(TARGET_ID, VARCHAR, utf8Slice("1"))))
                .hasErrorCode(NOT_SUPPORTED)
                .hasMessage("Unsupported type for table version: varchar: FOR VERSION AS OF takes a Delta version number");
    }

    @Test
    void testTargetVersion()
    {
        assertThat(targetVersion(new ConnectorTableVersion(TARGET_ID, BIGINT, 12L))).isEqualTo(12);
        assertThat(targetVersion(new ConnectorTableVersion(TARGET_ID, INTEGER, 3L))).isEqualTo(3);
    }
}
