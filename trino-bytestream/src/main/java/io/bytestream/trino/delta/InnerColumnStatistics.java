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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;
import io.trino.spi.type.VarcharType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import static io.airlift.slice.SizeOf.estimatedSizeOf;
import static io.airlift.slice.SizeOf.instanceSize;
import static io.airlift.slice.Slices.utf8Slice;
import static java.util.Objects.requireNonNull;

/**
 * The statistics of one inner column in one data file: the Trino type the writer read it as (its display name), the
 * rows where it is null, and the smallest and largest value as JSON values of Delta's file statistics, where the
 * writer could bound them. A varchar minimum may be a prefix of the real one, and a maximum a string above it.
 */
public record InnerColumnStatistics(String type, long nullCount, Optional<String> min, Optional<String> max)
{
    private static final int INSTANCE_SIZE = instanceSize(InnerColumnStatistics.class);
    // decimal bounds keep every digit
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public InnerColumnStatistics
    {
        requireNonNull(type, "type is null");
        requireNonNull(min, "min is null");
        requireNonNull(max, "max is null");
    }

    /** Whether the writer read the column as {@code type}: the statistics say nothing of a column of another type. */
    public boolean describes(Type type)
    {
        return this.type.equals(type.getDisplayName());
    }

    /** The lower bound as a Trino value of {@code type}; empty where unknown or not of that type. */
    public Optional<Object> min(Type type)
    {
        return min.flatMap(value -> toTrinoValue(value, type)).map(value -> signedZero(value, type, -0.0));
    }

    /** The upper bound as a Trino value of {@code type}; empty where unknown or not of that type. */
    public Optional<Object> max(Type type)
    {
        return max.flatMap(value -> toTrinoValue(value, type)).map(value -> signedZero(value, type, 0.0));
    }

    // SQL holds -0.0 and 0.0 equal, but a range may order -0.0 first: a zero lower bound is -0.0, a zero upper bound 0.0
    private static Object signedZero(Object value, Type type, double zero)
    {
        return switch (type) {
            case DoubleType _ -> (double) value == 0 ? zero : value;
            case RealType _ -> Float.intBitsToFloat((int) (long) value) == 0 ? (long) Float.floatToIntBits((float) zero) : value;
            default -> value;
        };
    }

    private Optional<Object> toTrinoValue(String json, Type type)
    {
        if (!describes(type)) {
            return Optional.empty();
        }
        try {
            return toTrinoValue(JSON.readTree(json), type);
        }
        catch (JsonProcessingException | DateTimeParseException | ArithmeticException _) {
            return Optional.empty();
        }
    }

    private static Optional<Object> toTrinoValue(JsonNode value, Type type)
    {
        return Optional.ofNullable(switch (type) {
            case TinyintType _, SmallintType _, IntegerType _, BigintType _ -> value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : null;
            case RealType _ -> value.isNumber() ? (long) Float.floatToIntBits((float) value.doubleValue()) : null;
            case DoubleType _ -> value.isNumber() ? value.doubleValue() : null;
            case DecimalType decimal -> value.isNumber() ? decimalValue(value.decimalValue(), decimal) : null;
            case DateType _ -> value.isTextual() ? LocalDate.parse(value.textValue()).toEpochDay() : null;
            case TimestampType timestamp when timestamp.isShort() -> value.isTextual() ? epochMicros(LocalDateTime.parse(value.textValue())) : null;
            case VarcharType _ -> value.isTextual() ? utf8Slice(value.textValue()) : null;
            default -> null;
        });
    }

    private static Object decimalValue(BigDecimal value, DecimalType type)
    {
        // throws ArithmeticException where the value has more digits than the type
        BigDecimal scaled = value.setScale(type.getScale());
        if (scaled.precision() > type.getPrecision()) {
            throw new ArithmeticException("decimal out of range");
        }
        return type.isShort() ? scaled.unscaledValue().longValueExact() : Int128.valueOf(scaled.unscaledValue());
    }

    private static long epochMicros(LocalDateTime time)
    {
        return Math.addExact(Math.multiplyExact(time.toEpochSecond(ZoneOffset.UTC), 1_000_000L), time.getNano() / 1_000);
    }

    long retainedSizeInBytes()
    {
        return INSTANCE_SIZE + estimatedSizeOf(type) + min.map(value -> estimatedSizeOf(value)).orElse(0L) + max.map(value -> estimatedSizeOf(value)).orElse(0L);
    }
}
