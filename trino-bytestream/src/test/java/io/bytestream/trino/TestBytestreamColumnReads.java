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

package io.bytestream.trino;

import io.bytestream.arrow.TestingArrowStreams;
import io.bytestream.writer.RecordTableWriter;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.record;
import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query reads of each record's stream only the buffers of the inner columns it asks for, where the writer stores
 * the content column plainly and page checksums are not verified: {@code wide.numbers} has eight bigint columns of the same size, in data files larger
 * than the Parquet reader's small-file threshold (below it, a file is read whole).
 */
final class TestBytestreamColumnReads
        extends AbstractTestQueryFramework
{
    private static final int COLUMNS = 8;
    private static final int BATCHES = 2;
    private static final int ROWS_PER_BATCH = 25_000;
    private static final List<Long> VERSIONS = List.of(1L, 2L, 3L);

    private Path root;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = closeAfterClass(TemporaryPond.create("bytestream-column-reads")).root();
        Schema schema = new Schema(IntStream.rangeClosed(1, COLUMNS).mapToObj(column -> Field.nullable("c" + column, new ArrowType.Int(64, true))).toList());
        RecordTableWriter writer = RecordTableWriter.openLocal(root.resolve("wide/numbers"));
        // one data file of node A with three records, one of node B with one
        writer.append(VERSIONS.stream().map(version -> record(NODE_A, version, TestingArrowStreams.write(schema, batches(version)).getBytes())).toList());
        writer.append(List.of(record(NODE_B, 7, TestingArrowStreams.write(schema, batches(7)).getBytes())));
        // the writer stores page checksums, and a page with one is read whole to verify it: only unverified pages are
        // read by the buffers a query needs
        return BytestreamQueryRunner.builder(root).addConnectorProperty("bytestream.verify-checksums", "false").build();
    }

    @Test
    void testTwoOfEightColumnsReadFewerBytes()
    {
        String all = IntStream.rangeClosed(1, COLUMNS).mapToObj(column -> "sum(c" + column + ")").collect(joining(", "));
        String allExpected = IntStream.rangeClosed(1, COLUMNS).mapToObj(column -> String.valueOf(sum(column, List.of(1L, 2L, 3L, 7L)))).collect(joining(", "));
        long allBytes = physicalInputBytes("SELECT %s FROM wide.numbers".formatted(all), "VALUES (%s)".formatted(allExpected));
        long dataFileBytes = TestingPond.dataFiles(root.resolve("wide/numbers"), NODE_A).stream().mapToLong(TestingPond::size).sum();
        assertThat(allBytes).isGreaterThan(dataFileBytes);

        long twoBytes = physicalInputBytes(
                "SELECT sum(c2), sum(c7) FROM wide.numbers",
                "VALUES (%s, %s)".formatted(sum(2, List.of(1L, 2L, 3L, 7L)), sum(7, List.of(1L, 2L, 3L, 7L))));
        assertThat(twoBytes).isLessThan(allBytes / 2);
    }

    @Test
    void testHiddenColumnsWithInnerColumns()
    {
        List<String> rows = new ArrayList<>();
        for (long version : List.of(1L, 2L, 3L, 7L)) {
            rows.add("('%s', %s, TIMESTAMP '%s', %s, %s)".formatted(version == 7 ? NODE_B : NODE_A, version, TestingPond.T0.plusSeconds(version).toString().replace("T", " ").replace("Z", ""),
                    sum(5, List.of(version)), nonNullCount(2)));
        }
        assertQuery(
                "SELECT \"$node_id\", \"$version\", CAST(\"$timestamp\" AS TIMESTAMP(6)), sum(c5), count(c2) FROM wide.numbers GROUP BY 1, 2, 3",
                "VALUES " + String.join(", ", rows));
        assertQuery(
                "SELECT \"$version\", c3 FROM wide.numbers WHERE c1 = %s".formatted(value(1, 2, 1, 77)),
                "VALUES (2, %s)".formatted(value(3, 2, 1, 77)));
    }

    private long physicalInputBytes(String query, String expected)
    {
        long[] bytes = new long[1];
        assertQueryStats(
                getSession(),
                query,
                stats -> bytes[0] = stats.getPhysicalInputDataSize().toBytes(),
                result -> assertThat(result).isEqualTo(computeExpected(expected, result.getTypes())));
        assertThat(bytes[0]).isPositive();
        return bytes[0];
    }

    /** Per batch, per column, the values: every 7th row of c2 null. */
    private static List<List<List<?>>> batches(long version)
    {
        List<List<List<?>>> batches = new ArrayList<>();
        for (int batch = 0; batch < BATCHES; batch++) {
            List<List<?>> columns = new ArrayList<>();
            for (int column = 1; column <= COLUMNS; column++) {
                List<Long> values = new ArrayList<>();
                for (int row = 0; row < ROWS_PER_BATCH; row++) {
                    values.add(isNull(column, row) ? null : value(column, version, batch, row));
                }
                columns.add(values);
            }
            batches.add(columns);
        }
        return batches;
    }

    private static boolean isNull(int column, int row)
    {
        return column == 2 && row % 7 == 0;
    }

    private static long value(int column, long version, int batch, int row)
    {
        return version * 1_000_000_000L + column * 10_000_000L + batch * 100_000L + row;
    }

    private static long sum(int column, List<Long> versions)
    {
        long sum = 0;
        for (long version : versions) {
            for (int batch = 0; batch < BATCHES; batch++) {
                for (int row = 0; row < ROWS_PER_BATCH; row++) {
                    sum += isNull(column, row) ? 0 : value(column, version, batch, row);
                }
            }
        }
        return sum;
    }

    private static long nonNullCount(int column)
    {
        return BATCHES * IntStream.range(0, ROWS_PER_BATCH).filter(row -> !isNull(column, row)).count();
    }
}
