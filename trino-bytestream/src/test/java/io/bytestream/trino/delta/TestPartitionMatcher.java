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

import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.predicate.ValueSet;
import io.trino.spi.type.Int128;
import io.trino.spi.type.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.airlift.slice.Slices.utf8Slice;
import static io.bytestream.trino.delta.DeltaFixtures.dataFile;
import static io.bytestream.trino.delta.DeltaFixtures.epochMicros;
import static io.bytestream.trino.delta.DeltaFixtures.partition;
import static io.bytestream.trino.delta.DeltaFixtures.ranges;
import static io.bytestream.trino.delta.DeltaFixtures.timestampTz;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.TimestampType.TIMESTAMP_MICROS;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MICROS;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestPartitionMatcher
{
    private static final long T = epochMicros("2024-05-01T10:00:00.123456Z");
    private static final DataFile FILE = dataFile("f", 1, Map.of(
            "node_id", "00000000000004d2",
            "n", "-42",
            "day", "2024-05-01",
            "flag", "true",
            "ts", "2024-05-01 10:00:00.123456",
            "ntz", "2024-05-01 10:00:00.123456",
            "amount", "-0.10",
            "total", "12345678901234567890.5"));

    static Stream<Arguments> partitionValues()
    {
        return Stream.of(
                Arguments.of("node_id", VARCHAR, utf8Slice("00000000000004d2"), utf8Slice("00000000000004d3")),
                Arguments.of("n", BIGINT, -42L, 42L),
                Arguments.of("day", DATE, 19_844L, 19_845L),
                Arguments.of("flag", BOOLEAN, true, false),
                Arguments.of("ts", TIMESTAMP_TZ_MICROS, timestampTz(T), timestampTz(T + 1)),
                Arguments.of("ntz", TIMESTAMP_MICROS, T, T - 1),
                Arguments.of("amount", createDecimalType(5, 2), -10L, 10L),
                Arguments.of("total", createDecimalType(25, 3), Int128.valueOf("12345678901234567890500"), Int128.valueOf("12345678901234567890499")));
    }

    @ParameterizedTest
    @MethodSource("partitionValues")
    void testSingleValue(String column, Type type, Object value, Object otherValue)
    {
        assertThat(matches(column, Domain.singleValue(type, value))).isTrue();
        assertThat(matches(column, Domain.singleValue(type, otherValue))).isFalse();
        assertThat(matches(column, Domain.create(ValueSet.of(type, otherValue).complement(), false))).isTrue();
        assertThat(matches(column, Domain.onlyNull(type))).isFalse();
        assertThat(matches(column, Domain.notNull(type))).isTrue();
    }

    @Test
    void testRanges()
    {
        assertThat(matches("n", ranges(Range.range(BIGINT, -50L, true, -42L, true)))).isTrue();
        assertThat(matches("n", ranges(Range.range(BIGINT, -50L, true, -42L, false)))).isFalse();
        assertThat(matches("ts", ranges(Range.greaterThan(TIMESTAMP_TZ_MICROS, timestampTz(T - 1))))).isTrue();
        assertThat(matches("ts", ranges(Range.greaterThan(TIMESTAMP_TZ_MICROS, timestampTz(T))))).isFalse();
        assertThat(matches("node_id", ranges(Range.lessThan(VARCHAR, utf8Slice("1"))))).isTrue();
    }

    @Test
    void testDecimalRanges()
    {
        Type amount = createDecimalType(5, 2);
        assertThat(matches("amount", ranges(Range.range(amount, -100L, true, -10L, true)))).isTrue();
        assertThat(matches("amount", ranges(Range.greaterThan(amount, -10L)))).isFalse();
        Type total = createDecimalType(25, 3);
        assertThat(matches("total", ranges(Range.lessThan(total, Int128.valueOf("12345678901234567890501"))))).isTrue();
        assertThat(matches("total", ranges(Range.lessThan(total, Int128.valueOf("12345678901234567890500"))))).isFalse();
    }

    @Test
    void testMalformedValueIsNeverPruned()
    {
        DataFile file = dataFile("local:///t/part-0.parquet", 1, partition("n", "1.5"));
        // neither a domain that would keep the file nor one that would skip it decides on a value that is not one
        for (Domain domain : List.of(Domain.notNull(BIGINT), Domain.singleValue(BIGINT, 1L), Domain.onlyNull(BIGINT))) {
            assertThatThrownBy(() -> PartitionMatcher.matches(constraint("n", domain), file))
                    .isInstanceOf(InvalidPartitionValueException.class)
                    .hasMessage("Cannot parse partition value '1.5' of column n (bigint) for data file local:///t/part-0.parquet: not an integer");
        }
        // a value no domain asks about is not parsed
        assertThat(PartitionMatcher.matches(constraint("other", Domain.onlyNull(BIGINT)), file)).isTrue();
    }

    @Test
    void testNullPartitionValue()
    {
        for (DataFile file : List.of(dataFile("null", 1, partition("n", null)), dataFile("empty", 1, partition("n", "")))) {
            // Delta writes a null partition value of a non-string column as null or as an empty string
            assertThat(PartitionMatcher.matches(constraint("n", Domain.onlyNull(BIGINT)), file)).isTrue();
            assertThat(PartitionMatcher.matches(constraint("n", Domain.notNull(BIGINT)), file)).isFalse();
            assertThat(PartitionMatcher.matches(constraint("n", Domain.singleValue(BIGINT, 0L)), file)).isFalse();
            assertThat(PartitionMatcher.matches(constraint("n", Domain.create(ValueSet.of(BIGINT, 0L), true)), file)).isTrue();
        }
        DataFile nullString = dataFile("null", 1, partition("node_id", null));
        assertThat(PartitionMatcher.matches(constraint("node_id", Domain.onlyNull(VARCHAR)), nullString)).isTrue();
        assertThat(PartitionMatcher.matches(constraint("node_id", Domain.notNull(VARCHAR)), nullString)).isFalse();
    }

    @Test
    void testEmptyStringPartitionValueIsNotNull()
    {
        DataFile file = dataFile("empty", 1, partition("node_id", ""));
        assertThat(PartitionMatcher.matches(constraint("node_id", Domain.singleValue(VARCHAR, utf8Slice(""))), file)).isTrue();
        assertThat(PartitionMatcher.matches(constraint("node_id", Domain.onlyNull(VARCHAR)), file)).isFalse();
    }

    @Test
    void testNoneMatchesNothingAndAllEverything()
    {
        assertThat(PartitionMatcher.matches(TupleDomain.none(), FILE)).isFalse();
        assertThat(PartitionMatcher.matches(TupleDomain.all(), FILE)).isTrue();
        assertThat(PartitionMatcher.matches(TupleDomain.none(), dataFile("unpartitioned", 1, Map.of()))).isFalse();
    }

    @Test
    void testEveryPartitionColumnMustMatch()
    {
        OuterColumn n = new OuterColumn("n", BIGINT, true);
        OuterColumn flag = new OuterColumn("flag", BOOLEAN, true);
        assertThat(PartitionMatcher.matches(TupleDomain.withColumnDomains(Map.of(n, Domain.singleValue(BIGINT, -42L), flag, Domain.singleValue(BOOLEAN, true))), FILE)).isTrue();
        assertThat(PartitionMatcher.matches(TupleDomain.withColumnDomains(Map.of(n, Domain.singleValue(BIGINT, -42L), flag, Domain.singleValue(BOOLEAN, false))), FILE)).isFalse();
    }

    @Test
    void testDomainsOnOtherColumnsAreIgnored()
    {
        // an outer column that is not a partition column has no value in the Delta log: only statistics could tell
        OuterColumn version = new OuterColumn("version", BIGINT, false);
        assertThat(PartitionMatcher.matches(TupleDomain.withColumnDomains(Map.of(version, Domain.singleValue(BIGINT, 7L))), FILE)).isTrue();
        // nor is a column that has a partition value looked at unless it is a partition column
        OuterColumn n = new OuterColumn("n", BIGINT, false);
        assertThat(PartitionMatcher.matches(TupleDomain.withColumnDomains(Map.of(n, Domain.singleValue(BIGINT, 1L))), FILE)).isTrue();
    }

    private static boolean matches(String column, Domain domain)
    {
        return PartitionMatcher.matches(constraint(column, domain), FILE);
    }

    /** A constraint on a partition column of the domain's type. */
    private static TupleDomain<OuterColumn> constraint(String column, Domain domain)
    {
        return TupleDomain.withColumnDomains(Map.of(new OuterColumn(column, domain.getType(), true), domain));
    }
}
