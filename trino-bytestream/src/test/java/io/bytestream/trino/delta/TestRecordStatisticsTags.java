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

import io.trino.spi.type.Int128;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;

import static io.airlift.slice.Slices.utf8Slice;
import static io.bytestream.trino.delta.RecordStatisticsTags.INNER_ROW_COUNTS;
import static io.bytestream.trino.delta.RecordStatisticsTags.INNER_STATS;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.TimestampType.TIMESTAMP_MICROS;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

final class TestRecordStatisticsTags
{
    private static final String STATS = """
            {"numRecords":5,"minValues":{"id":-3,"name":"a","day":"1970-01-02","at":"2024-05-01T10:00:00.123456","price":1.5},\
            "maxValues":{"id":12,"name":"zz","day":"1971-01-01","at":"2024-05-01T10:00:01.000001","price":12.25},\
            "nullCount":{"id":1,"name":0,"day":0,"at":2,"price":0},\
            "types":{"id":"bigint","name":"varchar","day":"date","at":"timestamp(6)","price":"decimal(5,2)"}}""";

    @Test
    void testParse()
    {
        RecordStatistics statistics = RecordStatisticsTags.parse(Map.of(INNER_ROW_COUNTS, "2,0,3", INNER_STATS, STATS), Optional.of(3L)).orElseThrow();
        assertThat(statistics.innerRowCounts()).containsExactly(2, 0, 3);
        assertThat(statistics.innerRows()).isEqualTo(5);
        InnerStatistics inner = statistics.innerStatistics().orElseThrow();
        assertThat(inner.rows()).isEqualTo(5);
        InnerColumnStatistics id = inner.column("id").orElseThrow();
        assertThat(id.nullCount()).isEqualTo(1);
        assertThat(id.min(BIGINT)).contains(-3L);
        assertThat(id.max(BIGINT)).contains(12L);
        // statistics of another type than the table's say nothing
        assertThat(id.describes(INTEGER)).isFalse();
        assertThat(id.min(INTEGER)).isEmpty();
        assertThat(inner.column("name").orElseThrow().max(VARCHAR)).contains(utf8Slice("zz"));
        assertThat(inner.column("day").orElseThrow().min(DATE)).contains(1L);
        assertThat(inner.column("at").orElseThrow().max(TIMESTAMP_MICROS)).contains(1_714_557_601_000_001L);
        assertThat(inner.column("price").orElseThrow().max(createDecimalType(5, 2))).contains(1225L);
    }

    @Test
    void testExactBounds()
    {
        // every digit of a long decimal
        InnerColumnStatistics decimal = statisticsOf("decimal(38,2)", "123456789012345678901234567890123456.78");
        assertThat(decimal.min(createDecimalType(38, 2))).contains(Int128.valueOf(new BigInteger("12345678901234567890123456789012345678")));
        // a zero bound covers both zeros
        InnerColumnStatistics zeros = statisticsOf("double", "0.0");
        assertThat(zeros.min(DOUBLE)).hasValueSatisfying(min -> assertThat(Double.doubleToRawLongBits((double) min)).isEqualTo(Double.doubleToRawLongBits(-0.0)));
        assertThat(zeros.max(DOUBLE)).hasValueSatisfying(max -> assertThat(Double.doubleToRawLongBits((double) max)).isEqualTo(Double.doubleToRawLongBits(0.0)));
        assertThat(statisticsOf("real", "-0.0").max(REAL)).contains((long) Float.floatToIntBits(0.0f));
    }

    private static InnerColumnStatistics statisticsOf(String type, String value)
    {
        String stats = "{\"numRecords\":1,\"minValues\":{\"c\":%2$s},\"maxValues\":{\"c\":%2$s},\"nullCount\":{\"c\":0},\"types\":{\"c\":\"%1$s\"}}".formatted(type, value);
        return RecordStatisticsTags.parse(Map.of(INNER_ROW_COUNTS, "1", INNER_STATS, stats), Optional.empty())
                .orElseThrow().innerStatistics().orElseThrow().column("c").orElseThrow();
    }

    @Test
    void testWithoutNumRecordsInTheLog()
    {
        assertThat(RecordStatisticsTags.parse(Map.of(INNER_ROW_COUNTS, "7"), Optional.empty()).orElseThrow().innerRows()).isEqualTo(7);
    }

    @Test
    void testMalformedOrInconsistentTagsAreIgnored()
    {
        assertThat(RecordStatisticsTags.parse(Map.of(), Optional.of(1L))).isEmpty();
        assertThat(RecordStatisticsTags.parse(Map.of(INNER_STATS, STATS), Optional.of(3L))).isEmpty();
        for (String counts : new String[] {"2,x,3", "2,-1,3", "2,,3", "2,0,3,", " 2,0,3", "9223372036854775807,1,1"}) {
            assertThat(RecordStatisticsTags.parse(Map.of(INNER_ROW_COUNTS, counts), Optional.of(3L))).as(counts).isEmpty();
        }
        // another number of records than the log's
        assertThat(RecordStatisticsTags.parse(Map.of(INNER_ROW_COUNTS, "2,0,3"), Optional.of(2L))).isEmpty();
        // inner statistics that disagree with the counts, or are not JSON, are dropped; the counts stay
        for (String stats : new String[] {STATS.replace("\"numRecords\":5", "\"numRecords\":6"), "{", "[]", "{\"numRecords\":-5}"}) {
            RecordStatistics statistics = RecordStatisticsTags.parse(Map.of(INNER_ROW_COUNTS, "2,0,3", INNER_STATS, stats), Optional.of(3L)).orElseThrow();
            assertThat(statistics.innerStatistics()).as(stats).isEmpty();
        }
        // a column whose null count exceeds the rows is left out, the others kept
        InnerStatistics inner = RecordStatisticsTags.parse(Map.of(INNER_ROW_COUNTS, "2,0,3", INNER_STATS, STATS.replace("\"id\":1,", "\"id\":6,")), Optional.of(3L))
                .orElseThrow().innerStatistics().orElseThrow();
        assertThat(inner.column("id")).isEmpty();
        assertThat(inner.column("name")).isPresent();
        // bounds that are not of the type are unknown
        InnerColumnStatistics wrong = new InnerColumnStatistics("bigint", 0, Optional.of("\"abc\""), Optional.of("1.5"));
        assertThat(wrong.min(BIGINT)).isEmpty();
        assertThat(wrong.max(BIGINT)).isEmpty();
        assertThat(new InnerColumnStatistics("decimal(5,2)", 0, Optional.of("1.125"), Optional.of("12345.5")).min(createDecimalType(5, 2))).isEmpty();
        assertThat(new InnerColumnStatistics("decimal(5,2)", 0, Optional.of("1.125"), Optional.of("12345.5")).max(createDecimalType(5, 2))).isEmpty();
    }
}
