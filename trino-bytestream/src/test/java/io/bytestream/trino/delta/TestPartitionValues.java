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

import io.trino.spi.type.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static io.airlift.slice.Slices.utf8Slice;
import static io.airlift.slice.Slices.wrappedBuffer;
import static io.bytestream.trino.delta.DeltaFixtures.epochMicros;
import static io.bytestream.trino.delta.DeltaFixtures.timestampTz;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TimestampType.TIMESTAMP_MICROS;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MICROS;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.lang.Float.floatToRawIntBits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestPartitionValues
{
    static List<Type> types()
    {
        return List.of(VARCHAR, BIGINT, INTEGER, SMALLINT, TINYINT, BOOLEAN, DOUBLE, REAL, DATE, TIMESTAMP_TZ_MICROS, TIMESTAMP_MICROS);
    }

    static List<Type> nonStringTypes()
    {
        return types().stream().filter(type -> !type.equals(VARCHAR)).toList();
    }

    @Test
    void testVarchar()
    {
        assertThat(PartitionValues.parse("00000000000004d2", VARCHAR)).isEqualTo(utf8Slice("00000000000004d2"));
        assertThat(PartitionValues.parse("ünï cödé / 1", VARCHAR)).isEqualTo(utf8Slice("ünï cödé / 1"));
        // an empty string is a value of a string column
        assertThat(PartitionValues.parse("", VARCHAR)).isEqualTo(utf8Slice(""));
    }

    @Test
    void testVarbinary()
    {
        assertThat(PartitionValues.parse("\u0001\u0002\u0003", VARBINARY)).isEqualTo(wrappedBuffer(new byte[] {1, 2, 3}));
        assertThat(PartitionValues.parse("raw", VARBINARY)).isEqualTo(utf8Slice("raw"));
        assertThat(PartitionValues.parse("", VARBINARY)).isNull();
        assertThat(PartitionValues.parse(null, VARBINARY)).isNull();
    }

    @Test
    void testIntegers()
    {
        assertThat(PartitionValues.parse("9223372036854775807", BIGINT)).isEqualTo(Long.MAX_VALUE);
        assertThat(PartitionValues.parse("-2147483648", INTEGER)).isEqualTo((long) Integer.MIN_VALUE);
        assertThat(PartitionValues.parse("-300", SMALLINT)).isEqualTo(-300L);
        assertThat(PartitionValues.parse("127", TINYINT)).isEqualTo(127L);
        assertThatThrownBy(() -> PartitionValues.parse("1.5", BIGINT)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void testBoolean()
    {
        assertThat(PartitionValues.parse("true", BOOLEAN)).isEqualTo(true);
        assertThat(PartitionValues.parse("false", BOOLEAN)).isEqualTo(false);
        assertThat(PartitionValues.parse("TRUE", BOOLEAN)).isEqualTo(true);
    }

    @Test
    void testFloatingPoint()
    {
        assertThat(PartitionValues.parse("1.5", DOUBLE)).isEqualTo(1.5);
        assertThat(PartitionValues.parse("-2.5E-3", DOUBLE)).isEqualTo(-0.0025);
        assertThat(PartitionValues.parse("NaN", DOUBLE)).isEqualTo(Double.NaN);
        // a REAL is the float's bits in a long, as Trino holds it
        assertThat(PartitionValues.parse("1.5", REAL)).isEqualTo((long) floatToRawIntBits(1.5f));
        assertThat(PartitionValues.parse("-0.25", REAL)).isEqualTo((long) floatToRawIntBits(-0.25f));
        assertThat(Float.intBitsToFloat((int) (long) PartitionValues.parse("3.25", REAL))).isEqualTo(3.25f);
    }

    @Test
    void testDate()
    {
        assertThat(PartitionValues.parse("1970-01-01", DATE)).isEqualTo(0L);
        assertThat(PartitionValues.parse("2024-05-01", DATE)).isEqualTo(19_844L);
        assertThat(PartitionValues.parse("1969-12-31", DATE)).isEqualTo(-1L);
    }

    @Test
    void testTimestamp()
    {
        assertThat(PartitionValues.parse("2024-05-01 10:00:00", TIMESTAMP_MICROS)).isEqualTo(epochMicros("2024-05-01T10:00:00Z"));
        assertThat(PartitionValues.parse("2024-05-01 10:00:00.123456", TIMESTAMP_MICROS)).isEqualTo(epochMicros("2024-05-01T10:00:00.123456Z"));
        assertThat(PartitionValues.parse("2024-05-01 10:00:00.5", TIMESTAMP_MICROS)).isEqualTo(epochMicros("2024-05-01T10:00:00.5Z"));
        assertThat(PartitionValues.parse("2024-05-01 10:00:00.123456Z", TIMESTAMP_MICROS)).isEqualTo(epochMicros("2024-05-01T10:00:00.123456Z"));
        assertThat(PartitionValues.parse("1969-12-31 23:59:59.999999", TIMESTAMP_MICROS)).isEqualTo(-1L);
    }

    @Test
    void testTimestampWithTimeZone()
    {
        assertThat(PartitionValues.parse("2024-05-01 10:00:00", TIMESTAMP_TZ_MICROS)).isEqualTo(timestampTz(epochMicros("2024-05-01T10:00:00Z")));
        assertThat(PartitionValues.parse("2024-05-01 10:00:00.123456", TIMESTAMP_TZ_MICROS)).isEqualTo(timestampTz(epochMicros("2024-05-01T10:00:00.123456Z")));
        assertThat(PartitionValues.parse("2024-05-01 10:00:00.123Z", TIMESTAMP_TZ_MICROS)).isEqualTo(timestampTz(epochMicros("2024-05-01T10:00:00.123Z")));
        // before the epoch: the milliseconds round down, the fraction of a millisecond stays positive
        assertThat(PartitionValues.parse("1969-12-31 23:59:59.999999", TIMESTAMP_TZ_MICROS)).isEqualTo(timestampTz(-1));
        assertThat(timestampTz(-1).getEpochMillis()).isEqualTo(-1);
        assertThat(timestampTz(-1).getPicosOfMilli()).isEqualTo(999_000_000);
    }

    @Test
    void testIsoTimestamp()
    {
        assertThat(PartitionValues.parse("2024-05-01T10:00:00.123456Z", TIMESTAMP_TZ_MICROS)).isEqualTo(timestampTz(epochMicros("2024-05-01T10:00:00.123456Z")));
        assertThat(PartitionValues.parse("2024-05-01T10:00:00Z", TIMESTAMP_TZ_MICROS)).isEqualTo(timestampTz(epochMicros("2024-05-01T10:00:00Z")));
    }

    @ParameterizedTest
    @MethodSource("nonStringTypes")
    void testEmptyStringIsNullForNonStringTypes(Type type)
    {
        assertThat(PartitionValues.parse("", type)).isNull();
    }

    @ParameterizedTest
    @MethodSource("types")
    void testNullIsNull(Type type)
    {
        assertThat(PartitionValues.parse(null, type)).isNull();
    }

    @Test
    void testUnsupportedType()
    {
        assertThatThrownBy(() -> PartitionValues.parse("1.50", createDecimalType(10, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unsupported partition column type: decimal(10,2)");
    }
}
