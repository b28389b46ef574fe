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

import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Decimals;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.LongTimestampWithTimeZone;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Pattern;

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
import static java.lang.Math.addExact;
import static java.lang.Math.floorDiv;
import static java.lang.Math.floorMod;
import static java.lang.Math.multiplyExact;
import static java.time.temporal.ChronoField.MICRO_OF_SECOND;

/**
 * Partition values as the Delta log serialises them ("Partition Value Serialization" of the protocol), parsed as Trino
 * native values. A value that is not one of its column's type is refused, never read as some other value.
 */
public final class PartitionValues
{
    private static final DateTimeFormatter PARTITION_TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .appendFraction(MICRO_OF_SECOND, 0, 6, true)
            .toFormatter(Locale.ROOT)
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?\\d+");
    // as Java and Scala print doubles and floats: no type suffixes, no hexadecimal
    private static final Pattern FLOATING_POINT_TEXT = Pattern.compile("[+-]?(NaN|Infinity|(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?)");

    private PartitionValues() {}

    /**
     * The data file's value of the partition column, as a Trino native value of {@code type}; null for a null value.
     *
     * @throws InvalidPartitionValueException where the log's value is not one of the type
     */
    public static Object value(DataFile file, String column, Type type)
    {
        String value = file.partitionValues().get(column);
        try {
            return parse(value, type);
        }
        catch (IllegalArgumentException e) {
            throw new InvalidPartitionValueException(file.path(), column, type, value, e);
        }
    }

    /**
     * Parses a partition value as serialised in the Delta log; null for a null value.
     *
     * @throws IllegalArgumentException saying what is wrong with a value that is not one of the type
     */
    static Object parse(String value, Type type)
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
            return integer(value, type);
        }
        if (type.equals(BOOLEAN)) {
            return bool(value);
        }
        if (type.equals(DOUBLE)) {
            return floatingPoint(value, type);
        }
        if (type.equals(REAL)) {
            return (long) floatToRawIntBits((float) floatingPoint(value, type));
        }
        if (type instanceof DecimalType decimal) {
            return decimal(value, decimal);
        }
        if (type.equals(DATE)) {
            return date(value);
        }
        if (type.equals(TIMESTAMP_TZ_MICROS) || type.equals(TIMESTAMP_MICROS)) {
            long micros = timestampMicros(value);
            return type.equals(TIMESTAMP_MICROS) ? micros : timestampWithTimeZone(micros);
        }
        throw new UnsupportedOperationException("Unsupported partition column type: " + type);
    }

    private static long integer(String value, Type type)
    {
        if (!INTEGER_TEXT.matcher(value).matches()) {
            throw new IllegalArgumentException("not an integer");
        }
        long number;
        try {
            number = Long.parseLong(value);
        }
        catch (NumberFormatException _) {
            throw outOfRange(type);
        }
        long bound = switch (type) {
            case IntegerType _ -> Integer.MAX_VALUE;
            case SmallintType _ -> Short.MAX_VALUE;
            case TinyintType _ -> Byte.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        if (number > bound || number < -bound - 1) {
            throw outOfRange(type);
        }
        return number;
    }

    private static boolean bool(String value)
    {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("not true or false");
    }

    /** A double, or for REAL the float it holds exactly; infinite only where the log says so. */
    private static double floatingPoint(String value, Type type)
    {
        if (!FLOATING_POINT_TEXT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a number");
        }
        double number = type.equals(REAL) ? Float.parseFloat(value) : Double.parseDouble(value);
        if (Double.isInfinite(number) && !value.endsWith("Infinity")) {
            throw outOfRange(type);
        }
        return number;
    }

    private static Object decimal(String value, DecimalType type)
    {
        BigDecimal number;
        try {
            number = new BigDecimal(value).stripTrailingZeros();
        }
        catch (NumberFormatException _) {
            throw new IllegalArgumentException("not a decimal number");
        }
        // checked before rescaling, which an exponent such as 1E999999999 would make take ages
        if (number.scale() > type.getScale()) {
            throw new IllegalArgumentException("more than %s digits after the decimal point".formatted(type.getScale()));
        }
        if (number.signum() != 0 && number.precision() - number.scale() > type.getPrecision() - type.getScale()) {
            throw outOfRange(type);
        }
        BigDecimal scaled = number.setScale(type.getScale());
        return type.isShort() ? scaled.unscaledValue().longValueExact() : Decimals.valueOf(scaled);
    }

    private static long date(String value)
    {
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        }
        catch (DateTimeException _) {
            throw new IllegalArgumentException("not a date (yyyy-MM-dd)");
        }
        long day = date.toEpochDay();
        if (day != (int) day) {
            throw outOfRange(DATE);
        }
        return day;
    }

    private static long timestampMicros(String value)
    {
        // the protocol allows "2024-05-01 10:00:00[.ffffff]" and ISO-8601 UTC "2024-05-01T10:00:00[.ffffff]Z"
        String local = (value.endsWith("Z") ? value.substring(0, value.length() - 1) : value).replace('T', ' ');
        LocalDateTime dateTime;
        try {
            dateTime = LocalDateTime.parse(local, PARTITION_TIMESTAMP);
        }
        catch (DateTimeException _) {
            throw new IllegalArgumentException("not a timestamp (yyyy-MM-dd HH:mm:ss[.ffffff], or ISO-8601 in UTC ending in Z)");
        }
        try {
            return addExact(multiplyExact(dateTime.toEpochSecond(ZoneOffset.UTC), 1_000_000), dateTime.getNano() / 1_000);
        }
        catch (ArithmeticException _) {
            throw new IllegalArgumentException("out of the range of microseconds since 1970 in a bigint");
        }
    }

    private static IllegalArgumentException outOfRange(Type type)
    {
        return new IllegalArgumentException("out of the range of " + type);
    }

    private static LongTimestampWithTimeZone timestampWithTimeZone(long epochMicros)
    {
        return LongTimestampWithTimeZone.fromEpochMillisAndFraction(
                floorDiv(epochMicros, 1000),
                floorMod(epochMicros, 1000) * 1_000_000,
                UTC_KEY);
    }
}
