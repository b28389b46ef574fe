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

import io.trino.spi.type.ArrayType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.airlift.slice.Slices.utf8Slice;
import static io.airlift.slice.Slices.wrappedBuffer;
import static io.bytestream.trino.delta.DeltaFixtures.dataFile;
import static io.bytestream.trino.delta.DeltaFixtures.epochMicros;
import static io.bytestream.trino.delta.DeltaFixtures.partition;
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
    private static final DecimalType SHORT_DECIMAL = createDecimalType(5, 2);
    private static final DecimalType LONG_DECIMAL = createDecimalType(38, 10);

    static List<Type> types()
    {
        return List.of(VARCHAR, BIGINT, INTEGER, SMALLINT, TINYINT, BOOLEAN, DOUBLE, REAL, SHORT_DECIMAL, LONG_DECIMAL, DATE, TIMESTAMP_TZ_MICROS, TIMESTAMP_MICROS);
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
        assertThat(PartitionValues.parse("-128", TINYINT)).isEqualTo(-128L);
        assertThat(PartitionValues.parse("+7", INTEGER)).isEqualTo(7L);
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
    void testShortDecimal()
    {
        // Spark writes a decimal partition value with the column's scale: 1.50, -0.10, 0.00
        assertThat(PartitionValues.parse("1.50", SHORT_DECIMAL)).isEqualTo(150L);
        assertThat(PartitionValues.parse("-0.1", SHORT_DECIMAL)).isEqualTo(-10L);
        assertThat(PartitionValues.parse("0.00", SHORT_DECIMAL)).isEqualTo(0L);
        assertThat(PartitionValues.parse("999.99", SHORT_DECIMAL)).isEqualTo(99_999L);
        assertThat(PartitionValues.parse("-999.99", SHORT_DECIMAL)).isEqualTo(-99_999L);
        assertThat(PartitionValues.parse("12", SHORT_DECIMAL)).isEqualTo(1200L);
        // Java's BigDecimal.toString, which Spark's decimals print with, uses an exponent for small values
        assertThat(PartitionValues.parse("1E-2", SHORT_DECIMAL)).isEqualTo(1L);
        assertThat(PartitionValues.parse("1.2E+2", SHORT_DECIMAL)).isEqualTo(12_000L);
        assertThat(PartitionValues.parse("0.50", createDecimalType(2, 2))).isEqualTo(50L);
        assertThat(PartitionValues.parse("0", createDecimalType(2, 2))).isEqualTo(0L);
        assertThat(PartitionValues.parse("999999999999999999", createDecimalType(18, 0))).isEqualTo(999_999_999_999_999_999L);
    }

    @Test
    void testLongDecimal()
    {
        assertThat(PartitionValues.parse("1.50", LONG_DECIMAL)).isEqualTo(Int128.valueOf(15_000_000_000L));
        assertThat(PartitionValues.parse("-0.1", LONG_DECIMAL)).isEqualTo(Int128.valueOf(-1_000_000_000L));
        assertThat(PartitionValues.parse("9999999999999999999999999999.9999999999", LONG_DECIMAL)).isEqualTo(Int128.valueOf("99999999999999999999999999999999999999"));
        assertThat(PartitionValues.parse("-12345678901234567890.0123456789", LONG_DECIMAL)).isEqualTo(Int128.valueOf("-123456789012345678900123456789"));
    }

    static Stream<Arguments> malformedValues()
    {
        return Stream.of(
                Arguments.of("1.5", BIGINT, "not an integer"),
                Arguments.of("abc", BIGINT, "not an integer"),
                Arguments.of(" 1", BIGINT, "not an integer"),
                Arguments.of("9223372036854775808", BIGINT, "out of the range of bigint"),
                Arguments.of("2147483648", INTEGER, "out of the range of integer"),
                Arguments.of("-32769", SMALLINT, "out of the range of smallint"),
                Arguments.of("128", TINYINT, "out of the range of tinyint"),
                Arguments.of("yes", BOOLEAN, "not true or false"),
                Arguments.of("1", BOOLEAN, "not true or false"),
                Arguments.of("abc", DOUBLE, "not a number"),
                Arguments.of("1.5d", DOUBLE, "not a number"),
                Arguments.of("0x1p3", DOUBLE, "not a number"),
                Arguments.of("1e400", DOUBLE, "out of the range of double"),
                Arguments.of("1.5f", REAL, "not a number"),
                Arguments.of("1e39", REAL, "out of the range of real"),
                Arguments.of("abc", SHORT_DECIMAL, "not a decimal number"),
                Arguments.of("1.5.0", SHORT_DECIMAL, "not a decimal number"),
                Arguments.of("__HIVE_DEFAULT_PARTITION__", SHORT_DECIMAL, "not a decimal number"),
                Arguments.of("1.505", SHORT_DECIMAL, "more than 2 digits after the decimal point"),
                Arguments.of("1000.00", SHORT_DECIMAL, "out of the range of decimal(5,2)"),
                Arguments.of("-1000", SHORT_DECIMAL, "out of the range of decimal(5,2)"),
                // refused from its exponent, before its digits are ever written out
                Arguments.of("1E999999999", SHORT_DECIMAL, "out of the range of decimal(5,2)"),
                Arguments.of("1E-999999999", SHORT_DECIMAL, "more than 2 digits after the decimal point"),
                Arguments.of("10000000000000000000000000000", LONG_DECIMAL, "out of the range of decimal(38,10)"),
                Arguments.of("0.00000000001", LONG_DECIMAL, "more than 10 digits after the decimal point"),
                Arguments.of("2024-13-01", DATE, "not a date (yyyy-MM-dd)"),
                Arguments.of("2024-02-30", DATE, "not a date (yyyy-MM-dd)"),
                Arguments.of("2024-05-01 10:00:00", DATE, "not a date (yyyy-MM-dd)"),
                Arguments.of("+999999999-01-01", DATE, "out of the range of date"),
                Arguments.of("2024-05-01", TIMESTAMP_MICROS, "not a timestamp (yyyy-MM-dd HH:mm:ss[.ffffff], or ISO-8601 in UTC ending in Z)"),
                // a day February does not have is refused, not moved to the 29th
                Arguments.of("2024-02-30 10:00:00", TIMESTAMP_MICROS, "not a timestamp (yyyy-MM-dd HH:mm:ss[.ffffff], or ISO-8601 in UTC ending in Z)"),
                Arguments.of("2024-05-01 24:00:00", TIMESTAMP_TZ_MICROS, "not a timestamp (yyyy-MM-dd HH:mm:ss[.ffffff], or ISO-8601 in UTC ending in Z)"),
                Arguments.of("2024-05-01 10:00:00.1234567", TIMESTAMP_TZ_MICROS, "not a timestamp (yyyy-MM-dd HH:mm:ss[.ffffff], or ISO-8601 in UTC ending in Z)"),
                Arguments.of("+300000-01-01 00:00:00", TIMESTAMP_TZ_MICROS, "out of the range of microseconds since 1970 in a bigint"));
    }

    @ParameterizedTest
    @MethodSource("malformedValues")
    void testMalformedValue(String value, Type type, String reason)
    {
        assertThatThrownBy(() -> PartitionValues.parse(value, type))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(reason);
    }

    @Test
    void testValueOfDataFile()
    {
        DataFile file = dataFile("local:///t/part-0.parquet", 1, partition("n", "-42"));
        assertThat(PartitionValues.value(file, "n", BIGINT)).isEqualTo(-42L);
        assertThat(PartitionValues.value(file, "other", BIGINT)).isNull();
    }

    @Test
    void testMalformedValueOfDataFile()
    {
        DataFile file = dataFile("local:///t/part-0.parquet", 1, partition("amount", "1.505"));
        assertThatThrownBy(() -> PartitionValues.value(file, "amount", SHORT_DECIMAL))
                .isInstanceOfSatisfying(InvalidPartitionValueException.class, e -> {
                    assertThat(e.path()).isEqualTo("local:///t/part-0.parquet");
                    assertThat(e.column()).isEqualTo("amount");
                    assertThat(e.type()).isEqualTo(SHORT_DECIMAL);
                    assertThat(e.value()).isEqualTo("1.505");
                    assertThat(e.reason()).isEqualTo("more than 2 digits after the decimal point");
                })
                .hasMessage("Cannot parse partition value '1.505' of column amount (decimal(5,2)) for data file local:///t/part-0.parquet: more than 2 digits after the decimal point");
        // a long value is cut short where it is shown
        DataFile longValue = dataFile("local:///t/part-1.parquet", 1, partition("n", "x".repeat(1000)));
        assertThatThrownBy(() -> PartitionValues.value(longValue, "n", BIGINT))
                .isInstanceOfSatisfying(InvalidPartitionValueException.class, e -> assertThat(e.value()).isEqualTo("x".repeat(100) + "…"));
    }

    @Test
    void testUnsupportedType()
    {
        assertThatThrownBy(() -> PartitionValues.parse("[1]", new ArrayType(BIGINT)))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("Unsupported partition column type: array(bigint)");
    }
}
