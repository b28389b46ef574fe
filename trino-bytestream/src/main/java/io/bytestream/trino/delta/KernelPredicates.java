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

import io.airlift.slice.Slice;
import io.delta.kernel.expressions.And;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Or;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.TimestampNTZType;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.LongTimestampWithTimeZone;
import io.trino.spi.type.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TimestampType.TIMESTAMP_MICROS;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MICROS;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * Translates Trino domains on outer columns into a delta-kernel predicate, which kernel uses to prune
 * files by partition values and to skip files by their min/max statistics. A domain that cannot be
 * expressed is left out: the predicate only ever selects a superset of the matching files.
 */
final class KernelPredicates
{
    private static final int MAX_RANGES = 64;
    private static final long MAX_STATISTICS_TRUNCATION_MICROS = 999;

    private KernelPredicates() {}

    static Optional<Predicate> toPredicate(TupleDomain<OuterColumn> constraint)
    {
        if (constraint.isAll() || constraint.getDomains().isEmpty()) {
            return Optional.empty();
        }
        Predicate result = null;
        for (Map.Entry<OuterColumn, Domain> entry : constraint.getDomains().get().entrySet()) {
            Optional<Predicate> predicate = toPredicate(entry.getKey().name(), entry.getValue());
            if (predicate.isPresent()) {
                result = result == null ? predicate.get() : new And(result, predicate.get());
            }
        }
        return Optional.ofNullable(result);
    }

    private static Optional<Predicate> toPredicate(String columnName, Domain domain)
    {
        if (domain.isNullAllowed() || domain.isAll() || domain.isNone()) {
            return Optional.empty();
        }
        List<Range> ranges = domain.getValues().getRanges().getOrderedRanges();
        if (ranges.size() > MAX_RANGES) {
            return Optional.empty();
        }
        Column column = new Column(columnName);
        Predicate result = null;
        for (Range range : ranges) {
            Optional<Predicate> predicate = toPredicate(column, range);
            if (predicate.isEmpty()) {
                return Optional.empty();
            }
            result = result == null ? predicate.get() : new Or(result, predicate.get());
        }
        return Optional.ofNullable(result);
    }

    private static Optional<Predicate> toPredicate(Column column, Range range)
    {
        Type type = range.getType();
        if (range.isSingleValue() && !isTimestamp(type)) {
            return literal(type, range.getSingleValue()).map(value -> new Predicate("=", column, value));
        }
        List<Predicate> bounds = new ArrayList<>(2);
        if (!range.isLowUnbounded()) {
            Optional<Literal> low = literal(type, range.getLowBoundedValue());
            if (low.isEmpty()) {
                return Optional.empty();
            }
            if (isTimestamp(type)) {
                // Delta writers truncate timestamp max statistics to milliseconds: a file whose recorded max is
                // up to 999 µs below the bound may still hold matching rows
                bounds.add(new Predicate(">=", column, lowerByTruncation(low.get())));
            }
            else {
                bounds.add(new Predicate(range.isLowInclusive() ? ">=" : ">", column, low.get()));
            }
        }
        if (!range.isHighUnbounded()) {
            Optional<Literal> high = literal(type, range.getHighBoundedValue());
            if (high.isEmpty()) {
                return Optional.empty();
            }
            bounds.add(new Predicate(range.isHighInclusive() ? "<=" : "<", column, high.get()));
        }
        return switch (bounds.size()) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(bounds.getFirst());
            default -> Optional.of(new And(bounds.get(0), bounds.get(1)));
        };
    }

    private static boolean isTimestamp(Type type)
    {
        return type.equals(TIMESTAMP_TZ_MICROS) || type.equals(TIMESTAMP_MICROS);
    }

    private static Literal lowerByTruncation(Literal timestamp)
    {
        long micros = (long) timestamp.getValue() - MAX_STATISTICS_TRUNCATION_MICROS;
        return timestamp.getDataType() instanceof TimestampNTZType ? Literal.ofTimestampNtz(micros) : Literal.ofTimestamp(micros);
    }

    private static Optional<Literal> literal(Type type, Object value)
    {
        if (type.equals(VARCHAR)) {
            return Optional.of(Literal.ofString(((Slice) value).toStringUtf8()));
        }
        if (type.equals(BIGINT)) {
            return Optional.of(Literal.ofLong((long) value));
        }
        if (type.equals(INTEGER)) {
            return Optional.of(Literal.ofInt(Math.toIntExact((long) value)));
        }
        if (type.equals(SMALLINT)) {
            return Optional.of(Literal.ofShort((short) (long) value));
        }
        if (type.equals(TINYINT)) {
            return Optional.of(Literal.ofByte((byte) (long) value));
        }
        if (type.equals(DATE)) {
            return Optional.of(Literal.ofDate(Math.toIntExact((long) value)));
        }
        if (type.equals(BOOLEAN)) {
            return Optional.of(Literal.ofBoolean((boolean) value));
        }
        if (type.equals(DOUBLE)) {
            return Optional.of(Literal.ofDouble((double) value));
        }
        if (type.equals(TIMESTAMP_TZ_MICROS)) {
            return Optional.of(Literal.ofTimestamp(epochMicros((LongTimestampWithTimeZone) value)));
        }
        if (type.equals(TIMESTAMP_MICROS)) {
            return Optional.of(Literal.ofTimestampNtz((long) value));
        }
        return Optional.empty();
    }

    private static long epochMicros(LongTimestampWithTimeZone timestamp)
    {
        return timestamp.getEpochMillis() * 1000 + timestamp.getPicosOfMilli() / 1_000_000;
    }
}
