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

import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Expression;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.predicate.ValueSet;
import io.trino.spi.type.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static io.airlift.slice.Slices.utf8Slice;
import static io.bytestream.trino.delta.DeltaFixtures.epochMicros;
import static io.bytestream.trino.delta.DeltaFixtures.ranges;
import static io.bytestream.trino.delta.DeltaFixtures.timestampTz;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TimestampType.TIMESTAMP_MICROS;
import static io.trino.spi.type.TimestampType.TIMESTAMP_MILLIS;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MICROS;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static io.trino.spi.type.VarcharType.createVarcharType;
import static java.lang.Float.floatToRawIntBits;
import static java.util.stream.Collectors.joining;
import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;

final class TestKernelPredicates
{
    private static final long T = epochMicros("2024-05-01T10:00:00.123456Z");

    static Stream<Arguments> singleValues()
    {
        return Stream.of(
                Arguments.of(VARCHAR, utf8Slice("abc"), "(c = string:abc)"),
                Arguments.of(BIGINT, 5L, "(c = long:5)"),
                Arguments.of(INTEGER, -5L, "(c = integer:-5)"),
                Arguments.of(SMALLINT, 300L, "(c = short:300)"),
                Arguments.of(TINYINT, -7L, "(c = byte:-7)"),
                Arguments.of(DATE, 19_844L, "(c = date:19844)"),
                Arguments.of(BOOLEAN, true, "(c = boolean:true)"),
                Arguments.of(DOUBLE, 1.5, "(c = double:1.5)"),
                // a timestamp is a range: writers truncate max statistics to milliseconds (see testTimestampLowerBoundIsLoweredBy999Micros)
                Arguments.of(TIMESTAMP_TZ_MICROS, timestampTz(T), "((c >= timestamp:%s) AND (c <= timestamp:%s))".formatted(T - 999, T)),
                Arguments.of(TIMESTAMP_MICROS, T, "((c >= timestamp_ntz:%s) AND (c <= timestamp_ntz:%s))".formatted(T - 999, T)));
    }

    @ParameterizedTest
    @MethodSource("singleValues")
    void testSingleValue(Type type, Object value, String expected)
    {
        assertThat(predicate("c", Domain.singleValue(type, value))).isEqualTo(expected);
    }

    @Test
    void testBounds()
    {
        assertThat(predicate("c", ranges(Range.greaterThan(BIGINT, 3L)))).isEqualTo("(c > long:3)");
        assertThat(predicate("c", ranges(Range.greaterThanOrEqual(BIGINT, 3L)))).isEqualTo("(c >= long:3)");
        assertThat(predicate("c", ranges(Range.lessThan(BIGINT, 3L)))).isEqualTo("(c < long:3)");
        assertThat(predicate("c", ranges(Range.lessThanOrEqual(BIGINT, 3L)))).isEqualTo("(c <= long:3)");
        assertThat(predicate("c", ranges(Range.range(BIGINT, 3L, true, 9L, false)))).isEqualTo("((c >= long:3) AND (c < long:9))");
        assertThat(predicate("c", ranges(Range.range(VARCHAR, utf8Slice("a"), false, utf8Slice("m"), true))))
                .isEqualTo("((c > string:a) AND (c <= string:m))");
        assertThat(predicate("c", ranges(Range.range(DATE, 10L, true, 20L, true)))).isEqualTo("((c >= date:10) AND (c <= date:20))");
    }

    @Test
    void testSeveralRangesAreOred()
    {
        Domain domain = ranges(Range.lessThan(BIGINT, 0L), Range.equal(BIGINT, 5L), Range.greaterThanOrEqual(BIGINT, 10L));
        assertThat(predicate("c", domain)).isEqualTo("(((c < long:0) OR (c = long:5)) OR (c >= long:10))");

        Domain inList = Domain.multipleValues(VARCHAR, List.of(utf8Slice("b"), utf8Slice("a")));
        assertThat(predicate("c", inList)).isEqualTo("((c = string:a) OR (c = string:b))");

        Domain notEqual = Domain.create(ValueSet.of(INTEGER, 7L).complement(), false);
        assertThat(predicate("c", notEqual)).isEqualTo("((c < integer:7) OR (c > integer:7))");
    }

    @Test
    void testTimestampLowerBoundIsLoweredBy999Micros()
    {
        // inclusive or not: a file whose truncated max statistic is up to 999 µs below the bound may hold matching rows
        assertThat(predicate("ts", ranges(Range.greaterThan(TIMESTAMP_MICROS, T))))
                .isEqualTo("(ts >= timestamp_ntz:%s)".formatted(T - 999));
        assertThat(predicate("ts", ranges(Range.greaterThanOrEqual(TIMESTAMP_MICROS, T))))
                .isEqualTo("(ts >= timestamp_ntz:%s)".formatted(T - 999));
        // the upper bound is compared with min statistics, truncated downwards: kept as it is
        assertThat(predicate("ts", ranges(Range.lessThan(TIMESTAMP_MICROS, T))))
                .isEqualTo("(ts < timestamp_ntz:%s)".formatted(T));
        assertThat(predicate("ts", ranges(Range.range(TIMESTAMP_TZ_MICROS, timestampTz(T), false, timestampTz(T + 5_000_000), true))))
                .isEqualTo("((ts >= timestamp:%s) AND (ts <= timestamp:%s))".formatted(T - 999, T + 5_000_000));
    }

    @Test
    void testTimestampWithTimeZoneBeforeTheEpoch()
    {
        long micros = epochMicros("1969-12-31T23:59:59.999001Z");
        assertThat(micros).isEqualTo(-999);
        assertThat(predicate("ts", ranges(Range.lessThanOrEqual(TIMESTAMP_TZ_MICROS, timestampTz(micros)))))
                .isEqualTo("(ts <= timestamp:-999)");
        assertThat(predicate("ts", ranges(Range.greaterThanOrEqual(TIMESTAMP_TZ_MICROS, timestampTz(micros)))))
                .isEqualTo("(ts >= timestamp:-1998)");
    }

    @Test
    void testColumnNameIsKeptAsItIs()
    {
        assertThat(predicate("Node_ID", Domain.singleValue(VARCHAR, utf8Slice("x")))).isEqualTo("(Node_ID = string:x)");
    }

    @Test
    void testNullAllowedDomainIsLeftOut()
    {
        assertThat(toPredicate("c", Domain.onlyNull(BIGINT))).isEmpty();
        assertThat(toPredicate("c", Domain.create(ValueSet.of(BIGINT, 5L), true))).isEmpty();
    }

    @Test
    void testUnconstrainedDomainIsLeftOut()
    {
        assertThat(toPredicate("c", Domain.all(BIGINT))).isEmpty();
        // IS NOT NULL: a range without bounds
        assertThat(toPredicate("c", Domain.notNull(BIGINT))).isEmpty();
        assertThat(KernelPredicates.toPredicate(TupleDomain.all())).isEmpty();
        // a constraint that matches nothing is the caller's to prune: no predicate, which selects a superset
        assertThat(KernelPredicates.toPredicate(TupleDomain.none())).isEmpty();
    }

    @Test
    void testMoreThan64RangesAreLeftOut()
    {
        assertThat(predicate("c", Domain.multipleValues(BIGINT, LongStream.range(0, 64).boxed().toList())))
                .startsWith("((((")
                .endsWith("(c = long:63))");
        assertThat(toPredicate("c", Domain.multipleValues(BIGINT, LongStream.range(0, 65).boxed().toList()))).isEmpty();
    }

    @Test
    void testUnsupportedTypesAreLeftOut()
    {
        assertThat(toPredicate("c", Domain.singleValue(REAL, (long) floatToRawIntBits(1.5f)))).isEmpty();
        assertThat(toPredicate("c", Domain.singleValue(VARBINARY, utf8Slice("abc")))).isEmpty();
        assertThat(toPredicate("c", Domain.singleValue(createVarcharType(10), utf8Slice("abc")))).isEmpty();
        assertThat(toPredicate("c", Domain.singleValue(TIMESTAMP_MILLIS, 1_000L))).isEmpty();
    }

    @Test
    void testColumnsAreAnded()
    {
        Predicate predicate = toPredicate(Map.of(
                "a", Domain.singleValue(BIGINT, 1L),
                "b", Domain.singleValue(VARCHAR, utf8Slice("x")))).orElseThrow();
        assertThat(predicate.getName()).isEqualTo("AND");
        assertThat(predicate.getChildren().stream().map(TestKernelPredicates::render))
                .containsExactlyInAnyOrder("(a = long:1)", "(b = string:x)");
    }

    @Test
    void testColumnThatCannotBeExpressedIsLeftOutOfTheAnd()
    {
        Optional<Predicate> predicate = toPredicate(Map.of(
                "a", Domain.singleValue(BIGINT, 1L),
                "b", Domain.singleValue(REAL, (long) floatToRawIntBits(1.5f)),
                "c", Domain.create(ValueSet.of(BIGINT, 2L), true)));
        assertThat(predicate.map(TestKernelPredicates::render)).contains("(a = long:1)");
    }

    private static String predicate(String columnName, Domain domain)
    {
        return toPredicate(columnName, domain).map(TestKernelPredicates::render).orElseThrow();
    }

    private static Optional<Predicate> toPredicate(String columnName, Domain domain)
    {
        return toPredicate(Map.of(columnName, domain));
    }

    private static Optional<Predicate> toPredicate(Map<String, Domain> domains)
    {
        // the partition flag does not matter: kernel uses one predicate for partition pruning and statistics
        return KernelPredicates.toPredicate(TupleDomain.withColumnDomains(domains.entrySet().stream()
                .collect(toMap(entry -> new OuterColumn(entry.getKey(), entry.getValue().getType(), false), Map.Entry::getValue))));
    }

    /** The predicate as infix text, each literal with its kernel type, which {@code toString()} leaves out. */
    private static String render(Expression expression)
    {
        return switch (expression) {
            case Literal literal -> literal.getDataType() + ":" + literal.getValue();
            case Column column -> String.join(".", column.getNames());
            case Predicate predicate -> predicate.getChildren().stream()
                    .map(TestKernelPredicates::render)
                    .collect(joining(" " + predicate.getName() + " ", "(", ")"));
            default -> throw new IllegalArgumentException("Unexpected expression: " + expression);
        };
    }
}
