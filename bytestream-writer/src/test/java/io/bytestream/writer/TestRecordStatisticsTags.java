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
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.bytestream.writer.RecordStatisticsTags.INNER_ROW_COUNTS;
import static io.bytestream.writer.RecordStatisticsTags.INNER_STATS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

final class TestRecordStatisticsTags
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = new Schema(List.of(
            Field.nullable("id", new ArrowType.Int(64, true)),
            Field.nullable("name", ArrowType.Utf8.INSTANCE),
            Field.nullable("score", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            Field.nullable("day", new ArrowType.Date(DateUnit.DAY))));
    private static final Schema OLD_SCHEMA = new Schema(List.of(
            Field.nullable("id", new ArrowType.Int(32, true))));

    @Test
    void testRowCountsAndStatistics()
            throws IOException
    {
        String longName = "z".repeat(40);
        Map<String, String> tags = RecordStatisticsTags.of(List.of(
                record(stream(new Long[] {5L, -3L}, new String[] {"b", null}, new Double[] {1.5, null}, new Integer[] {0, 1})),
                record(stream(new Long[] {}, new String[] {}, new Double[] {}, new Integer[] {})),
                record(stream(new Long[] {null, 12L, 7L}, new String[] {"a", longName, "c"}, new Double[] {-2.0, 3.0, 0.0}, new Integer[] {null, 365, 2}))));

        assertThat(tags.get(INNER_ROW_COUNTS)).isEqualTo("2,0,3");
        JsonNode stats = JSON.readTree(tags.get(INNER_STATS));
        assertThat(stats.get("numRecords").asLong()).isEqualTo(5);
        assertThat(stats.get("minValues").toString()).isEqualTo("{\"id\":-3,\"name\":\"a\",\"score\":-2.0,\"day\":\"1970-01-01\"}");
        // the longest name is cut to 32 characters, the last one raised so that it stays above every name with that prefix
        assertThat(stats.get("maxValues").toString()).isEqualTo("{\"id\":12,\"name\":\"%s{\",\"score\":3.0,\"day\":\"1971-01-01\"}".formatted("z".repeat(31)));
        assertThat(stats.get("nullCount").toString()).isEqualTo("{\"id\":1,\"name\":1,\"score\":1,\"day\":1}");
        assertThat(stats.get("types").toString()).isEqualTo("{\"id\":\"bigint\",\"name\":\"varchar\",\"score\":\"double\",\"day\":\"date\"}");
    }

    @Test
    void testNaNLeavesOnlyNullCount()
            throws IOException
    {
        Map<String, String> tags = RecordStatisticsTags.of(List.of(record(stream(new Long[] {1L}, new String[] {"a"}, new Double[] {Double.NaN}, new Integer[] {1}))));

        JsonNode stats = JSON.readTree(tags.get(INNER_STATS));
        assertThat(stats.get("minValues").has("score")).isFalse();
        assertThat(stats.get("maxValues").has("score")).isFalse();
        assertThat(stats.get("nullCount").get("score").asLong()).isZero();
    }

    @Test
    void testZeroBoundsCoverBothZeros()
            throws IOException
    {
        Map<String, String> tags = RecordStatisticsTags.of(List.of(record(stream(new Long[] {1L, 2L}, new String[] {"a", "b"}, new Double[] {0.0, -0.0}, new Integer[] {1, 1}))));

        JsonNode stats = JSON.readTree(tags.get(INNER_STATS));
        assertThat(stats.get("minValues").get("score").toString()).isEqualTo("-0.0");
        assertThat(stats.get("maxValues").get("score").toString()).isEqualTo("0.0");
    }

    @Test
    void testRecordsOfAnotherSchema()
            throws IOException
    {
        Map<String, String> tags = RecordStatisticsTags.of(List.of(
                record(oldStream(4, 9)),
                record(stream(new Long[] {1L}, new String[] {"a"}, new Double[] {1.0}, new Integer[] {1}))));

        assertThat(tags.get(INNER_ROW_COUNTS)).isEqualTo("2,1");
        JsonNode stats = JSON.readTree(tags.get(INNER_STATS));
        // id is int32 in one record and int64 in the other: no statistics; the columns the old record lacks are null in its rows
        assertThat(stats.get("nullCount").has("id")).isFalse();
        assertThat(stats.get("minValues").has("id")).isFalse();
        assertThat(stats.get("nullCount").get("name").asLong()).isEqualTo(2);
        assertThat(stats.get("minValues").get("name").asText()).isEqualTo("a");
    }

    @Test
    void testMalformedContentHasNoTags()
    {
        assertThat(RecordStatisticsTags.of(List.of(record("not arrow".getBytes(UTF_8))))).isEmpty();
    }

    @Test
    void testUpperBound()
    {
        assertThat(InnerColumnStatistics.upperBound("short")).contains("short");
        assertThat(InnerColumnStatistics.upperBound("a".repeat(31) + "\uD7FF" + "tail")).contains("a".repeat(31) + "\uE000");
        String maxCodePoint = new String(Character.toChars(Character.MAX_CODE_POINT));
        assertThat(InnerColumnStatistics.upperBound("b" + maxCodePoint.repeat(31) + "tail")).contains("c");
        assertThat(InnerColumnStatistics.upperBound(maxCodePoint.repeat(33))).isEmpty();
        assertThat(InnerColumnStatistics.prefix("\uD83D\uDE00".repeat(40))).isEqualTo("\uD83D\uDE00".repeat(32));
    }

    static Record record(byte[] content)
    {
        return new Record("0000000000000001", Instant.parse("2024-03-01T08:00:00Z"), 1, content);
    }

    static byte[] stream(Long[] ids, String[] names, Double[] scores, Integer[] days)
    {
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator)) {
            root.allocateNew();
            for (int row = 0; row < ids.length; row++) {
                setOrNull((BigIntVector) root.getVector("id"), row, ids[row]);
                if (names[row] == null) {
                    ((VarCharVector) root.getVector("name")).setNull(row);
                }
                else {
                    ((VarCharVector) root.getVector("name")).setSafe(row, names[row].getBytes(UTF_8));
                }
                if (scores[row] == null) {
                    ((Float8Vector) root.getVector("score")).setNull(row);
                }
                else {
                    ((Float8Vector) root.getVector("score")).setSafe(row, scores[row]);
                }
                if (days[row] == null) {
                    ((DateDayVector) root.getVector("day")).setNull(row);
                }
                else {
                    ((DateDayVector) root.getVector("day")).setSafe(row, days[row]);
                }
            }
            root.setRowCount(ids.length);
            return ArrowStreams.write(SCHEMA, List.of(root));
        }
    }

    private static void setOrNull(BigIntVector vector, int row, Long value)
    {
        if (value == null) {
            vector.setNull(row);
        }
        else {
            vector.setSafe(row, value);
        }
    }

    private static byte[] oldStream(int... ids)
    {
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(OLD_SCHEMA, allocator)) {
            root.allocateNew();
            IntVector vector = (IntVector) root.getVector("id");
            for (int row = 0; row < ids.length; row++) {
                vector.setSafe(row, ids[row]);
            }
            root.setRowCount(ids.length);
            return ArrowStreams.write(OLD_SCHEMA, List.of(root));
        }
    }
}
