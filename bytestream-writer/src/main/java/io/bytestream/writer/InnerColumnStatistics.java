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

package io.bytestream.writer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airlift.slice.Slice;
import io.trino.spi.block.Block;
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
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import static io.airlift.slice.Slices.utf8Slice;
import static java.lang.Math.floorDiv;
import static java.lang.Math.floorMod;
import static java.util.Objects.requireNonNull;

/**
 * The statistics of one inner column over the rows of a data file: nulls, and for types with an exact order the
 * smallest and largest value, written as Delta writes file statistics.
 */
final class InnerColumnStatistics
{
    static final int STRING_PREFIX_LENGTH = 32;
    private static final DateTimeFormatter TIMESTAMP_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private final Type type;
    private final boolean ordered;
    private long nullCount;
    private Object min;
    private Object max;
    private boolean unordered;

    InnerColumnStatistics(Type type, long nullCount)
    {
        this.type = requireNonNull(type, "type is null");
        this.ordered = hasExactOrder(type);
        this.nullCount = nullCount;
    }

    /** Types whose values this class compares as Trino does and writes without loss. */
    static boolean hasExactOrder(Type type)
    {
        return type instanceof TinyintType || type instanceof SmallintType || type instanceof IntegerType || type instanceof BigintType
                || type instanceof RealType || type instanceof DoubleType || type instanceof DecimalType || type instanceof DateType
                || (type instanceof TimestampType timestamp && timestamp.isShort())
                || type instanceof VarcharType;
    }

    Type type()
    {
        return type;
    }

    void addNulls(long count)
    {
        nullCount += count;
    }

    void add(Block block, int positionCount)
    {
        for (int position = 0; position < positionCount; position++) {
            if (block.isNull(position)) {
                nullCount++;
            }
            else if (ordered && !unordered) {
                addValue(value(block, position));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void addValue(Comparable<?> value)
    {
        if (value instanceof Double number && !Double.isFinite(number)) {
            // NaN has no place in the order, and JSON has no infinity
            unordered = true;
            min = null;
            max = null;
            return;
        }
        Comparable<Object> comparable = (Comparable<Object>) value;
        if (min == null || comparable.compareTo(min) < 0) {
            min = value;
        }
        if (max == null || comparable.compareTo(max) > 0) {
            max = value;
        }
    }

    private Comparable<?> value(Block block, int position)
    {
        return switch (type) {
            case RealType _ -> (double) Float.intBitsToFloat((int) type.getLong(block, position));
            case DoubleType _ -> type.getDouble(block, position);
            case DecimalType decimal when decimal.isShort() -> BigDecimal.valueOf(type.getLong(block, position), decimal.getScale());
            case DecimalType decimal -> new BigDecimal(((Int128) type.getObject(block, position)).toBigInteger(), decimal.getScale());
            case VarcharType _ -> type.getSlice(block, position);
            default -> type.getLong(block, position);
        };
    }

    void writeTo(String name, ObjectNode minValues, ObjectNode maxValues, ObjectNode nullCounts)
    {
        nullCounts.put(name, nullCount);
        if (min == null) {
            return;
        }
        if (type instanceof VarcharType) {
            String minString = ((Slice) min).toStringUtf8();
            String maxString = ((Slice) max).toStringUtf8();
            // bytes that are not UTF-8 do not survive as a string: no bounds rather than wrong ones
            if (utf8Slice(minString).equals(min) && utf8Slice(maxString).equals(max)) {
                minValues.put(name, prefix(minString));
                upperBound(maxString).ifPresent(bound -> maxValues.put(name, bound));
            }
            return;
        }
        if (min instanceof Double) {
            // SQL holds -0.0 and 0.0 equal, while their order here is -0.0 < 0.0: a zero bound covers both
            minValues.set(name, json((Double) min == 0 ? -0.0 : min));
            maxValues.set(name, json((Double) max == 0 ? 0.0 : max));
            return;
        }
        minValues.set(name, json(min));
        maxValues.set(name, json(max));
    }

    private JsonNode json(Object value)
    {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (type) {
            case RealType _, DoubleType _ -> nodes.numberNode((Double) value);
            case DecimalType _ -> nodes.numberNode((BigDecimal) value);
            case DateType _ -> nodes.textNode(LocalDate.ofEpochDay((Long) value).toString());
            case TimestampType _ -> nodes.textNode(formatMicros((Long) value));
            default -> nodes.numberNode((Long) value);
        };
    }

    private static String formatMicros(long epochMicros)
    {
        LocalDateTime time = LocalDateTime.ofEpochSecond(floorDiv(epochMicros, 1_000_000L), (int) floorMod(epochMicros, 1_000_000L) * 1_000, ZoneOffset.UTC);
        return TIMESTAMP_FORMAT.format(time);
    }

    /** The first {@value #STRING_PREFIX_LENGTH} code points: not greater than the string. */
    static String prefix(String value)
    {
        if (value.codePointCount(0, value.length()) <= STRING_PREFIX_LENGTH) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, STRING_PREFIX_LENGTH));
    }

    /**
     * The string itself when short enough, else a string of at most {@value #STRING_PREFIX_LENGTH} code points greater
     * than every string starting with its prefix: the prefix with its last code point that can grow incremented.
     */
    static Optional<String> upperBound(String value)
    {
        String prefix = prefix(value);
        if (prefix.equals(value)) {
            return Optional.of(value);
        }
        int[] codePoints = prefix.codePoints().toArray();
        for (int last = codePoints.length - 1; last >= 0; last--) {
            int next = codePoints[last] + 1;
            if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
                next = Character.MAX_SURROGATE + 1;
            }
            if (next <= Character.MAX_CODE_POINT) {
                codePoints[last] = next;
                return Optional.of(new String(codePoints, 0, last + 1));
            }
        }
        return Optional.empty();
    }
}
