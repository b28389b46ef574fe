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

import io.bytestream.trino.TestingRecordLayouts.Column;
import io.bytestream.trino.TestingRecordLayouts.Row;
import io.bytestream.trino.delta.TestingDeltaCommits;
import io.bytestream.writer.ArrowStreams;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.google.common.collect.MoreCollectors.onlyElement;
import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.bytestream.trino.SplitPlanningMetrics.FILES_PLANNED;
import static io.bytestream.trino.SplitPlanningMetrics.FILES_SKIPPED_BY_PARTITION;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_BAD_DELTA_LOG;
import static io.trino.testing.assertions.TrinoExceptionAssert.assertTrinoExceptionThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Record tables partitioned by none, one or three columns of different Delta types, each a hidden column pruning data
 * files; decimal partition and outer columns; partition values the log holds that are not values of their column's type;
 * and a content column of another name ({@code bytestream.content-column}).
 */
final class TestBytestreamRecordLayouts
        extends AbstractTestQueryFramework
{
    private static final String PAYLOAD_CATALOG = "payload";
    private static final Instant HOUR = Instant.parse("2024-05-01T10:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2024-05-01");

    private static final String NOT_A_TIMESTAMP = "not a timestamp (yyyy-MM-dd HH:mm:ss[.ffffff], or ISO-8601 in UTC ending in Z)";
    // a value of each partition column of layouts.malformed that its type does not have, and a predicate that would keep a valid one
    private static final List<Malformed> MALFORMED = List.of(
            new Malformed("n", "long", 1L, "1.5", "bigint", "not an integer", "\"$n\" = 1"),
            new Malformed("shard", "integer", 2, "2147483648", "integer", "out of the range of integer", "\"$shard\" = 2"),
            new Malformed("flag", "boolean", true, "yes", "boolean", "not true or false", "\"$flag\""),
            new Malformed("ratio", "double", 0.5, "abc", "double", "not a number", "\"$ratio\" = 0.5"),
            new Malformed("weight", "float", 1.5f, "1e39", "real", "out of the range of real", "\"$weight\" = REAL '1.5'"),
            new Malformed("amount", "decimal(5,2)", new BigDecimal("1.50"), "1.505", "decimal(5,2)", "more than 2 digits after the decimal point", "\"$amount\" = 1.50"),
            new Malformed("total", "decimal(25,3)", new BigDecimal("0.001"), "12345678901234567890123", "decimal(25,3)", "out of the range of decimal(25,3)", "\"$total\" > 0"),
            new Malformed("day", "date", DAY, "2024-13-01", "date", "not a date (yyyy-MM-dd)", "\"$day\" = DATE '2024-05-01'"),
            new Malformed("hour", "timestamp", HOUR, "2024-05-01 25:00:00", "timestamp(6) with time zone", NOT_A_TIMESTAMP, "\"$hour\" = TIMESTAMP '2024-05-01 10:00:00 UTC'"));

    private Path root;
    private long seed;
    private Map<List<Object>, String> malformedPaths;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = Files.createTempDirectory("bytestream-layouts");
        List<Column> outer = List.of(Column.outer("version", "long"), Column.outer("content", "binary"));

        // no partition column: a node column among the outer ones, one data file
        TestingRecordLayouts.write(root.resolve("layouts/flat"), columns(List.of(Column.outer("node", "string")), outer), List.of(
                row(Map.of("node", "a")), row(Map.of("node", "a")), row(Map.of("node", "b"))));

        // one date partition column, two records a day
        List<Row> days = new ArrayList<>();
        for (int day = 0; day < 3; day++) {
            for (int record = 0; record < 2; record++) {
                days.add(row(Map.of("day", DAY.plusDays(day))));
            }
        }
        TestingRecordLayouts.write(root.resolve("layouts/daily"), columns(List.of(Column.partition("day", "date")), outer), days);

        // three partition columns: string, integer, timestamp; a NULL shard
        List<Row> sharded = new ArrayList<>();
        for (String region : List.of("eu", "us")) {
            for (int shard = 1; shard <= 2; shard++) {
                sharded.add(row(Map.of("region", region, "shard", shard, "hour", HOUR.plusSeconds(3600L * shard))));
                sharded.add(row(Map.of("region", region, "shard", shard, "hour", HOUR.plusSeconds(3600L * shard))));
            }
        }
        sharded.add(row(Map.of("region", "eu", "hour", HOUR)));
        TestingRecordLayouts.write(root.resolve("layouts/sharded"), columns(List.of(
                Column.partition("region", "string"),
                Column.partition("shard", "integer"),
                Column.partition("hour", "timestamp")), outer), sharded);

        // three partition columns: boolean, long, date
        List<Row> flagged = new ArrayList<>();
        for (boolean flag : List.of(true, false)) {
            for (long bucket = 10; bucket <= 20; bucket += 10) {
                flagged.add(row(Map.of("flag", flag, "bucket", bucket, "day", DAY.plusDays(bucket))));
            }
        }
        TestingRecordLayouts.write(root.resolve("layouts/flagged"), columns(List.of(
                Column.partition("flag", "boolean"),
                Column.partition("bucket", "long"),
                Column.partition("day", "date")), outer), flagged);

        // a binary partition column, its values escaped in the log's JSON
        List<Row> keyed = new ArrayList<>();
        byte[] sharedKey = {1, 2};
        for (byte[] key : List.of(sharedKey, sharedKey, "k".getBytes(StandardCharsets.UTF_8))) {
            keyed.add(row(Map.of("key", key)));
        }
        TestingRecordLayouts.write(root.resolve("layouts/keyed"), columns(List.of(Column.partition("key", "binary")), outer), keyed);

        // decimal partition columns, short and long, one NULL; decimal outer columns, short and long
        List<Row> priced = new ArrayList<>();
        priced.add(row(decimals("1.50", "12345678901234567890.500", "10.25", "1234567890123456789012.3456")));
        priced.add(row(decimals("1.50", "12345678901234567890.500", "20.50", "-1.0000")));
        priced.add(row(decimals("-0.10", "0.001", "1.00", "0.0001")));
        priced.add(row(decimals("-0.10", "0.001", "2.00", "-1234567890123456789012.3456")));
        priced.add(row(decimals(null, "-1.000", "3.00", "0.0000")));
        List<Column> pricedColumns = columns(List.of(
                Column.partition("amount", "decimal(5,2)"),
                Column.partition("total", "decimal(25,3)"),
                Column.outer("price", "decimal(10,2)"),
                Column.outer("cost", "decimal(30,4)")), outer);
        TestingRecordLayouts.write(root.resolve("layouts/priced"), pricedColumns, priced);

        // the same, its decimal columns then widened as Delta's type widening allows: the old files keep the narrower types
        Path widened = root.resolve("layouts/widened");
        TestingRecordLayouts.write(widened, pricedColumns, priced);
        TestingDeltaCommits.commitTypeChange(widened, "amount", "decimal(5,2)", "decimal(7,3)");
        TestingDeltaCommits.commitTypeChange(widened, "price", "decimal(10,2)", "decimal(12,3)");
        TestingDeltaCommits.commitTypeChange(widened, "cost", "decimal(30,4)", "decimal(34,6)");
        // a change that could lose digits is no widening
        Path narrowed = root.resolve("layouts/narrowed");
        TestingRecordLayouts.write(narrowed, pricedColumns, priced);
        TestingDeltaCommits.commitTypeChange(narrowed, "amount", "decimal(5,2)", "decimal(5,3)");

        // a partition of valid values, then one data file for each partition column whose value is not one of its type
        List<Column> malformedColumns = new ArrayList<>();
        Map<String, Object> valid = new HashMap<>();
        for (Malformed column : MALFORMED) {
            malformedColumns.add(Column.partition(column.name(), column.deltaType()));
            valid.put(column.name(), column.valid());
        }
        List<Row> malformed = new ArrayList<>(List.of(row(valid)));
        for (Malformed column : MALFORMED) {
            Map<String, Object> values = new HashMap<>(valid);
            values.put(column.name(), column.value());
            malformed.add(row(values));
        }
        malformedPaths = TestingRecordLayouts.write(root.resolve("layouts/malformed"), columns(malformedColumns, outer), malformed);

        // the IPC streams in column payload; content holds other bytes
        List<Row> payloads = new ArrayList<>();
        for (String node : List.of("a", "b")) {
            Map<String, Object> values = new HashMap<>();
            values.put("node_id", node);
            values.put("version", 1L);
            values.put("content", ("raw bytes of " + node).getBytes(StandardCharsets.UTF_8));
            values.put("payload", ArrowStreams.entries(1, 3, ++seed));
            payloads.add(new Row(values));
        }
        TestingRecordLayouts.write(root.resolve("layouts/payloads"), List.of(
                Column.partition("node_id", "string"),
                Column.outer("version", "long"),
                Column.outer("content", "binary"),
                Column.outer("payload", "binary")), payloads);

        DistributedQueryRunner queryRunner = BytestreamQueryRunner.builder(root).build();
        queryRunner.createCatalog(PAYLOAD_CATALOG, BytestreamConnectorFactory.CONNECTOR_NAME, Map.of(
                "bytestream.root-location", root.toUri().toString(),
                "bytestream.content-column", "payload"));
        return queryRunner;
    }

    @AfterAll
    void deletePond()
            throws IOException
    {
        deleteRecursively(root, ALLOW_INSECURE);
    }

    private static List<Column> columns(List<Column> first, List<Column> then)
    {
        List<Column> columns = new ArrayList<>(first);
        columns.addAll(then);
        return columns;
    }

    /** The outer values of a record of layouts.priced; a null amount is NULL. */
    private static Map<String, Object> decimals(String amount, String total, String price, String cost)
    {
        Map<String, Object> values = new HashMap<>();
        if (amount != null) {
            values.put("amount", new BigDecimal(amount));
        }
        values.put("total", new BigDecimal(total));
        values.put("price", new BigDecimal(price));
        values.put("cost", new BigDecimal(cost));
        return values;
    }

    /** A record with these outer values, its version and content (2 entries of seed = version) added. */
    private Row row(Map<String, Object> values)
    {
        Map<String, Object> all = new HashMap<>(values);
        all.put("version", ++seed);
        all.put("content", ArrowStreams.entries(1, 2, seed));
        return new Row(all);
    }

    @Test
    void testNoPartitionColumn()
    {
        assertThat(computeActual("SELECT * FROM layouts.flat").getColumnNames()).containsExactly("name", "node_id");
        assertQuery("SELECT \"$node\", count(name) FROM layouts.flat GROUP BY 1", "VALUES ('a', 4), ('b', 2)");
        assertQuery("SELECT count(name) FROM layouts.flat WHERE \"$node\" = 'b'", "VALUES 2");
        assertThat(computeScalar("SELECT typeof(\"$version\") FROM layouts.flat LIMIT 1")).isEqualTo("bigint");
    }

    @Test
    void testOneDatePartitionColumn()
    {
        assertThat(computeScalar("SELECT typeof(\"$day\") FROM layouts.daily LIMIT 1")).isEqualTo("date");
        assertThat(query("SELECT \"$day\", count(name) FROM layouts.daily GROUP BY 1"))
                .matches("VALUES (DATE '2024-05-01', BIGINT '4'), (DATE '2024-05-02', 4), (DATE '2024-05-03', 4)");
        assertPrunedTo("layouts.daily", "\"$day\" = DATE '2024-05-02'", 1, 2);
        assertPrunedTo("layouts.daily", "\"$day\" > DATE '2024-05-01'", 2, 1);
    }

    @Test
    void testThreePartitionColumnsStringIntegerTimestamp()
    {
        assertThat(computeActual("SELECT typeof(\"$region\"), typeof(\"$shard\"), typeof(\"$hour\") FROM layouts.sharded LIMIT 1").getMaterializedRows().getFirst().getFields())
                .containsExactly("varchar", "integer", "timestamp(6) with time zone");
        assertThat(query("SELECT \"$region\", \"$shard\", \"$hour\", count(name) FROM layouts.sharded GROUP BY 1, 2, 3"))
                .matches("""
                        VALUES
                            (VARCHAR 'eu', 1, TIMESTAMP '2024-05-01 11:00:00.000000 UTC', BIGINT '4'),
                            ('eu', 2, TIMESTAMP '2024-05-01 12:00:00.000000 UTC', 4),
                            ('us', 1, TIMESTAMP '2024-05-01 11:00:00.000000 UTC', 4),
                            ('us', 2, TIMESTAMP '2024-05-01 12:00:00.000000 UTC', 4),
                            ('eu', NULL, TIMESTAMP '2024-05-01 10:00:00.000000 UTC', 2)""");
        assertPrunedTo("layouts.sharded", "\"$region\" = 'us'", 2, 3);
        assertPrunedTo("layouts.sharded", "\"$shard\" = 2", 2, 3);
        assertPrunedTo("layouts.sharded", "\"$shard\" IS NULL", 1, 4);
        assertPrunedTo("layouts.sharded", "\"$hour\" >= TIMESTAMP '2024-05-01 12:00:00 UTC'", 2, 3);
        assertPrunedTo("layouts.sharded", "\"$region\" = 'eu' AND \"$shard\" = 1 AND \"$hour\" < TIMESTAMP '2024-05-01 12:00:00 UTC'", 1, 4);
    }

    @Test
    void testThreePartitionColumnsBooleanLongDate()
    {
        assertThat(computeActual("SELECT typeof(\"$flag\"), typeof(\"$bucket\"), typeof(\"$day\") FROM layouts.flagged LIMIT 1").getMaterializedRows().getFirst().getFields())
                .containsExactly("boolean", "bigint", "date");
        assertThat(query("SELECT \"$flag\", \"$bucket\", \"$day\", count(name) FROM layouts.flagged GROUP BY 1, 2, 3"))
                .matches("""
                        VALUES
                            (true, BIGINT '10', DATE '2024-05-11', BIGINT '2'),
                            (true, 20, DATE '2024-05-21', 2),
                            (false, 10, DATE '2024-05-11', 2),
                            (false, 20, DATE '2024-05-21', 2)""");
        assertPrunedTo("layouts.flagged", "\"$flag\"", 2, 2);
        assertPrunedTo("layouts.flagged", "NOT \"$flag\" AND \"$bucket\" > 10", 1, 3);
        assertPrunedTo("layouts.flagged", "\"$day\" = DATE '2024-05-11'", 2, 2);
    }

    @Test
    void testBinaryPartitionColumn()
    {
        assertThat(query("SELECT \"$key\", count(name) FROM layouts.keyed GROUP BY 1"))
                .matches("VALUES (X'0102', BIGINT '4'), (X'6B', 2)");
        assertPrunedTo("layouts.keyed", "\"$key\" = X'0102'", 1, 1);
    }

    @Test
    void testDecimalPartitionColumns()
    {
        assertThat(computeActual("SELECT typeof(\"$amount\"), typeof(\"$total\") FROM layouts.priced LIMIT 1").getMaterializedRows().getFirst().getFields())
                .containsExactly("decimal(5,2)", "decimal(25,3)");
        assertThat(query("SELECT \"$amount\", \"$total\", count(name) FROM layouts.priced GROUP BY 1, 2"))
                .matches("""
                        VALUES
                            (CAST(1.50 AS decimal(5,2)), CAST(12345678901234567890.500 AS decimal(25,3)), BIGINT '4'),
                            (-0.10, 0.001, 4),
                            (NULL, -1.000, 2)""");
        assertPrunedTo("layouts.priced", "\"$amount\" = 1.50", 1, 2);
        assertPrunedTo("layouts.priced", "\"$amount\" < 0", 1, 2);
        assertPrunedTo("layouts.priced", "\"$amount\" IS NULL", 1, 2);
        assertPrunedTo("layouts.priced", "\"$total\" > 100", 1, 2);
        assertPrunedTo("layouts.priced", "\"$total\" < 1", 2, 1);
        assertPrunedTo("layouts.priced", "\"$amount\" IS NOT NULL AND \"$total\" BETWEEN 0 AND 1", 1, 2);
        assertThat(query("SELECT \"partition\".amount, \"partition\".total, file_count, record_count FROM layouts.\"priced$partitions\""))
                .matches("""
                        VALUES
                            (CAST(1.50 AS decimal(5,2)), CAST(12345678901234567890.500 AS decimal(25,3)), BIGINT '1', BIGINT '2'),
                            (-0.10, 0.001, 1, 2),
                            (NULL, -1.000, 1, 1)""");
    }

    @Test
    void testDecimalOuterColumns()
    {
        assertThat(computeActual("SELECT typeof(\"$price\"), typeof(\"$cost\") FROM layouts.priced LIMIT 1").getMaterializedRows().getFirst().getFields())
                .containsExactly("decimal(10,2)", "decimal(30,4)");
        assertThat(query("SELECT DISTINCT \"$price\", \"$cost\" FROM layouts.priced"))
                .matches("""
                        VALUES
                            (CAST(10.25 AS decimal(10,2)), CAST(1234567890123456789012.3456 AS decimal(30,4))),
                            (20.50, -1.0000),
                            (1.00, 0.0001),
                            (2.00, -1234567890123456789012.3456),
                            (3.00, 0.0000)""");
        // applied to each record before its content is read
        assertThat(query("SELECT count(name) FROM layouts.priced WHERE \"$price\" > 5")).matches("VALUES BIGINT '4'");
        assertThat(query("SELECT count(name) FROM layouts.priced WHERE \"$cost\" < 0")).matches("VALUES BIGINT '4'");
    }

    @Test
    void testWidenedDecimalColumns()
    {
        assertThat(computeActual("SELECT typeof(\"$amount\"), typeof(\"$price\"), typeof(\"$cost\") FROM layouts.widened LIMIT 1").getMaterializedRows().getFirst().getFields())
                .containsExactly("decimal(7,3)", "decimal(12,3)", "decimal(34,6)");
        assertThat(query("SELECT \"$amount\", \"$price\", \"$cost\" FROM layouts.widened WHERE \"$total\" > 100"))
                .matches("""
                        VALUES
                            (CAST(1.500 AS decimal(7,3)), CAST(10.250 AS decimal(12,3)), CAST(1234567890123456789012.345600 AS decimal(34,6))),
                            (1.500, 10.250, 1234567890123456789012.345600),
                            (1.500, 20.500, -1.000000),
                            (1.500, 20.500, -1.000000)""");
        assertPrunedTo("layouts.widened", "\"$amount\" = 1.5", 1, 2);
        assertQueryFails("SELECT count(name) FROM layouts.narrowed", ".*Table layouts.narrowed uses Delta reader features that bytestream does not support: typeWidening \\(column amount from .*");
    }

    @Test
    void testMalformedPartitionValues()
    {
        // a query that reads no partition value is answered, the statistics leaving out the columns they cannot parse
        assertThat(query("SELECT count(name) FROM layouts.malformed")).matches("VALUES BIGINT '%s'".formatted(2 * (MALFORMED.size() + 1)));
        MaterializedRow summary = computeActual("SHOW STATS FOR layouts.malformed").getMaterializedRows().stream()
                .filter(row -> row.getField(0) == null)
                .collect(onlyElement());
        assertThat(summary.getField(4)).isEqualTo(2.0 * (MALFORMED.size() + 1));
        for (Malformed column : MALFORMED) {
            String error = malformedValueError(column);
            // the hidden column's value, read by the page source
            assertInvalidPartitionValue("SELECT \"$%s\" FROM layouts.malformed".formatted(column.name()), error);
            // pruning, in split planning: the file is neither pruned nor kept on a value it does not have
            assertInvalidPartitionValue("SELECT count(name) FROM layouts.malformed WHERE " + column.validPredicate(), error);
            assertInvalidPartitionValue("SELECT count(name) FROM layouts.malformed WHERE \"$%s\" IS NULL".formatted(column.name()), error);
            // $records shows the value under the column's own name
            assertInvalidPartitionValue("SELECT %s FROM layouts.\"malformed$records\"".formatted(column.name()), error);
        }
        // a join's dynamic filter on the column
        assertInvalidPartitionValue("SELECT count(name) FROM layouts.malformed m JOIN (VALUES BIGINT '1') v(x) ON m.\"$n\" = v.x", malformedValueError(MALFORMED.getFirst()));
        // whichever file's value it comes to first
        assertInvalidPartitionValue("SELECT * FROM layouts.\"malformed$partitions\"", "Table layouts.malformed: cannot parse partition value '.*' of column \\w+ \\(.*\\) for data file \\S+ in the Delta log: .*");
    }

    private void assertInvalidPartitionValue(String sql, String messagePattern)
    {
        assertTrinoExceptionThrownBy(() -> computeActual(sql))
                .hasErrorCode(BYTESTREAM_BAD_DELTA_LOG)
                .hasMessageMatching(messagePattern);
    }

    /** The error naming the table, the data file that has the column's malformed value, the column, its type and the value. */
    private String malformedValueError(Malformed column)
    {
        String path = malformedPaths.entrySet().stream()
                .filter(entry -> entry.getKey().contains(column.value()))
                .map(Map.Entry::getValue)
                .collect(onlyElement());
        return Pattern.quote("Table layouts.malformed: cannot parse partition value '%s' of column %s (%s) for data file ".formatted(column.value(), column.name(), column.type()))
                + "\\S+" + Pattern.quote("/%s in the Delta log: %s".formatted(path, column.reason()));
    }

    @Test
    void testContentColumnOfAnotherName()
    {
        String table = PAYLOAD_CATALOG + ".layouts.payloads";
        assertThat(computeActual("SELECT * FROM " + table).getColumnNames()).containsExactly("name", "node_id");
        assertQuery("SELECT \"$node_id\", count(name) FROM %s GROUP BY 1".formatted(table), "VALUES ('a', 3), ('b', 3)");
        // the other binary column is a hidden column like any outer column
        assertQuery("SELECT from_utf8(\"$content\") FROM %s WHERE \"$node_id\" = 'a' LIMIT 1".formatted(table), "VALUES 'raw bytes of a'");
        assertThat(computeScalar("SELECT typeof(\"$content\") FROM %s LIMIT 1".formatted(table))).isEqualTo("varbinary");
        assertQuery("SELECT count(*) FROM " + table, "VALUES 6");
        // the default catalog takes column content, which holds no Arrow IPC here: none of its records decodes
        assertQueryFails("SELECT count(name) FROM layouts.payloads", ".*Table layouts.payloads: none of the 2 newest records with content decodes, so the table has no Arrow schema.*");
        // a table without such a column is not a record table of that catalog
        assertQueryFails("SELECT * FROM %s.layouts.daily".formatted(PAYLOAD_CATALOG), ".*Table layouts.daily is not a record table: it has no binary column 'payload'.*");
    }

    /**
     * The predicate takes the rows of {@code planned} data files, skipping {@code skipped} by their partition values, and
     * reads what reading exactly those files by {@code "$path"} reads: less than the whole table.
     */
    private void assertPrunedTo(String table, String predicate, long planned, long skipped)
    {
        String count = "SELECT count(name) FROM %s WHERE %s".formatted(table, predicate);
        assertThat(TestingQueryStats.splitSourceMetrics(getDistributedQueryRunner(), getSession(), count))
                .containsEntry(FILES_PLANNED, planned)
                .containsEntry(FILES_SKIPPED_BY_PARTITION, skipped);
        List<String> paths = computeActual("SELECT DISTINCT \"$path\" FROM %s WHERE %s".formatted(table, predicate)).getOnlyColumn()
                .map(String.class::cast)
                .toList();
        assertThat(paths).hasSize((int) planned);
        String byPath = "SELECT count(name) FROM %s WHERE \"$path\" IN (%s)".formatted(table, String.join(", ", paths.stream().map(path -> "'" + path + "'").toList()));
        assertThat(query(count)).matches(byPath);
        assertThat(physicalInputBytes(count))
                .isEqualTo(physicalInputBytes(byPath))
                .isLessThan(physicalInputBytes("SELECT count(name) FROM " + table));
    }

    private long physicalInputBytes(String query)
    {
        return TestingQueryStats.physicalInputBytes(getDistributedQueryRunner(), getSession(), query);
    }

    /**
     * A partition column of layouts.malformed: its Delta type, a valid value of it, the value the log gives one file,
     * the Trino type, what is wrong with the value, and a predicate the valid value satisfies.
     */
    private record Malformed(String name, String deltaType, Object valid, String value, String type, String reason, String validPredicate) {}
}
