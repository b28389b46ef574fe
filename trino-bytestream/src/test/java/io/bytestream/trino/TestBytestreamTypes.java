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
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.record;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_UNSUPPORTED_TYPE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Arrow → Trino type mapping and schema evolution, end to end through SQL: record tables written with
 * Arrow Java, read by an in-process cluster.
 */
final class TestBytestreamTypes
        extends AbstractTestQueryFramework
{
    private static final long ALL_TYPES_VERSION = 7;
    /** Rows 1 to 3 are in the first record batch, rows 4 and 5 in the second. */
    private static final int[] BATCH_SIZES = {3, 2};

    private static final DateTimeFormatter TIMESTAMP_MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter TIMESTAMP_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter TIMESTAMP_NANOS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSSSS");

    /**
     * One column of {@code types.all_types}: its Arrow field, the Trino type it must map to, the five values
     * written to Arrow (rows 1 to 5, null for NULL) and the SQL literals they must read back as.
     */
    private record TypeColumn(Field field, String trinoType, List<Object> arrowValues, List<String> sqlValues)
    {
        String name()
        {
            return field.getName().toLowerCase(java.util.Locale.ENGLISH);
        }
    }

    private Path root;
    private List<TypeColumn> typeColumns;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = Files.createTempDirectory("bytestream-types");
        typeColumns = typeColumns();
        writeAllTypes();
        writeEvolving();
        writeBadChange();
        return BytestreamQueryRunner.builder(root).build();
    }

    @AfterAll
    void deletePond()
            throws IOException
    {
        deleteRecursively(root, ALLOW_INSECURE);
    }

    // ---------------------------------------------------------------- all_types

    private static List<TypeColumn> typeColumns()
    {
        List<TypeColumn> columns = new ArrayList<>();
        columns.add(column("row_id", new ArrowType.Int(32, true), "integer",
                values(1, 2, 3, 4, 5),
                literals("1", "2", "3", "4", "5")));
        // a mixed-case Arrow name must be lower-cased
        columns.add(column("Bool_Col", ArrowType.Bool.INSTANCE, "boolean",
                values(true, false, null, true, false),
                literals("true", "false", "NULL", "true", "false")));
        columns.add(column("int8", new ArrowType.Int(8, true), "tinyint",
                values(-128, 127, 0, null, -1),
                literals("TINYINT '-128'", "TINYINT '127'", "TINYINT '0'", "NULL", "TINYINT '-1'")));
        columns.add(column("int16", new ArrowType.Int(16, true), "smallint",
                values(-32768, 32767, null, 7, -2),
                literals("SMALLINT '-32768'", "SMALLINT '32767'", "NULL", "SMALLINT '7'", "SMALLINT '-2'")));
        columns.add(column("int32", new ArrowType.Int(32, true), "integer",
                values(Integer.MIN_VALUE, Integer.MAX_VALUE, null, 0, -42),
                literals("INTEGER '-2147483648'", "INTEGER '2147483647'", "NULL", "INTEGER '0'", "INTEGER '-42'")));
        columns.add(column("int64", new ArrowType.Int(64, true), "bigint",
                values(Long.MIN_VALUE, Long.MAX_VALUE, null, 1L, -1L),
                literals("BIGINT '-9223372036854775808'", "BIGINT '9223372036854775807'", "NULL", "BIGINT '1'", "BIGINT '-1'")));
        // unsigned values are written as their two's complement bit patterns
        columns.add(column("uint8", new ArrowType.Int(8, false), "smallint",
                values(0, 255, 128, null, 1),
                literals("SMALLINT '0'", "SMALLINT '255'", "SMALLINT '128'", "NULL", "SMALLINT '1'")));
        columns.add(column("uint16", new ArrowType.Int(16, false), "integer",
                values(0, 65535, 32768, null, 1),
                literals("INTEGER '0'", "INTEGER '65535'", "INTEGER '32768'", "NULL", "INTEGER '1'")));
        columns.add(column("uint32", new ArrowType.Int(32, false), "bigint",
                values(0, -1, Integer.MIN_VALUE, null, 1),
                literals("BIGINT '0'", "BIGINT '4294967295'", "BIGINT '2147483648'", "NULL", "BIGINT '1'")));
        columns.add(column("uint64", new ArrowType.Int(64, false), "decimal(20,0)",
                values(0L, -1L, Long.MIN_VALUE, null, 1L),
                literals(decimal("0", 20, 0), decimal("18446744073709551615", 20, 0), decimal("9223372036854775808", 20, 0), "NULL", decimal("1", 20, 0))));
        columns.add(column("float32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), "real",
                values(-1.5f, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, null, 0.25f),
                literals("REAL '-1.5'", "REAL '3.4028235E38'", "CAST(-infinity() AS real)", "NULL", "REAL '0.25'")));
        columns.add(column("float64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), "double",
                values(-2.5, Double.MAX_VALUE, null, Double.POSITIVE_INFINITY, 1e-300),
                literals("DOUBLE '-2.5'", "DOUBLE '1.7976931348623157E308'", "NULL", "infinity()", "DOUBLE '1.0E-300'")));
        columns.add(stringColumn("utf8", ArrowType.Utf8.INSTANCE, "hello", "", null, "日本語 ✓ it's", "emoji 😀"));
        columns.add(stringColumn("large_utf8", ArrowType.LargeUtf8.INSTANCE, "Ünïcödé", null, "x", "", "straße"));
        columns.add(binaryColumn("binary", ArrowType.Binary.INSTANCE,
                bytes(1, 2), bytes(), null, bytes(0xff, 0x00), bytes(0x7f)));
        columns.add(binaryColumn("fixed_size_binary", new ArrowType.FixedSizeBinary(4),
                bytes(0xde, 0xad, 0xbe, 0xef), bytes(0, 0, 0, 0), null, bytes(1, 2, 3, 4), bytes(0xff, 0xff, 0xff, 0xff)));
        columns.add(dateColumn("date32",
                LocalDate.of(1970, 1, 1), LocalDate.of(1969, 12, 31), LocalDate.of(2024, 2, 29), null, LocalDate.of(9999, 12, 31)));
        columns.add(timestampMicrosColumn("ts_us",
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000),
                LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000),
                null,
                LocalDateTime.of(1970, 1, 1, 0, 0),
                LocalDateTime.of(1900, 1, 1, 0, 0, 0, 1_000)));
        columns.add(timestampMillisUtcColumn("ts_ms_utc",
                Instant.parse("2024-01-02T03:04:05.123Z"),
                null,
                Instant.parse("1969-12-31T23:59:59.999Z"),
                Instant.EPOCH,
                Instant.parse("2500-06-30T12:00:00.001Z")));
        columns.add(timestampNanosUtcColumn("ts_ns_utc",
                Instant.parse("2024-01-02T03:04:05.123456789Z"),
                Instant.parse("1969-12-31T23:59:59.999999999Z"),
                null,
                Instant.EPOCH.plusNanos(Long.MIN_VALUE),
                Instant.EPOCH.plusNanos(Long.MAX_VALUE)));
        columns.add(decimalColumn("dec_10_2", 10, 2,
                "12345678.90", "-99999999.99", "0.01", null, "-0.01"));
        columns.add(decimalColumn("dec_38_10", 38, 10,
                "9999999999999999999999999999.9999999999", "-9999999999999999999999999999.9999999999", "0.0000000000", null, "1.0000000001"));
        columns.add(column("list_int32", new ArrowType.List(), List.of(Field.nullable("item", new ArrowType.Int(32, true))), "array(integer)",
                values(Arrays.asList(1, null, 3), List.of(), null, List.of(Integer.MIN_VALUE), List.of(5, 6, 7, 8)),
                literals("ARRAY[1, NULL, 3]", "CAST(ARRAY[] AS array(integer))", "NULL", "ARRAY[-2147483648]", "ARRAY[5, 6, 7, 8]")));
        columns.add(column("struct_col", ArrowType.Struct.INSTANCE,
                List.of(Field.nullable("a", new ArrowType.Int(32, true)), Field.nullable("b", ArrowType.Utf8.INSTANCE)),
                "row(a integer, b varchar)",
                values(Arrays.asList(1, "x"), Arrays.asList(null, "é"), null, Arrays.asList(-5, null), Arrays.asList(0, "")),
                literals("CAST(ROW(1, 'x') AS ROW(a integer, b varchar))", "CAST(ROW(NULL, 'é') AS ROW(a integer, b varchar))", "NULL",
                        "CAST(ROW(-5, NULL) AS ROW(a integer, b varchar))", "CAST(ROW(0, '') AS ROW(a integer, b varchar))")));
        columns.add(column("map_col", new ArrowType.Map(false),
                List.of(new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(
                        Field.notNullable("key", ArrowType.Utf8.INSTANCE),
                        Field.nullable("value", new ArrowType.Int(64, true))))),
                "map(varchar, bigint)",
                values(orderedMap("k", 5L), orderedMap(), null, orderedMap("a", -1L, "b", null), orderedMap("ü", Long.MAX_VALUE)),
                literals("MAP(ARRAY['k'], ARRAY[BIGINT '5'])", "CAST(MAP() AS map(varchar, bigint))", "NULL",
                        "MAP(ARRAY['a', 'b'], ARRAY[BIGINT '-1', NULL])", "MAP(ARRAY['ü'], ARRAY[BIGINT '9223372036854775807'])")));
        columns.add(column("list_struct", new ArrowType.List(),
                List.of(new Field("item", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(Field.nullable("x", new ArrowType.Int(64, true))))),
                "array(row(x bigint))",
                values(List.of(List.of(1L), Arrays.asList((Object) null)), List.of(), null, Arrays.asList((Object) null), List.of(List.of(Long.MIN_VALUE))),
                literals("ARRAY[CAST(ROW(1) AS ROW(x bigint)), CAST(ROW(NULL) AS ROW(x bigint))]", "CAST(ARRAY[] AS array(row(x bigint)))", "NULL",
                        "ARRAY[CAST(NULL AS ROW(x bigint))]", "ARRAY[CAST(ROW(-9223372036854775808) AS ROW(x bigint))]")));
        return List.copyOf(columns);
    }

    private void writeAllTypes()
    {
        Schema schema = new Schema(typeColumns.stream().map(TypeColumn::field).toList());
        List<List<List<Object>>> batches = new ArrayList<>();
        int firstRow = 0;
        for (int batchSize : BATCH_SIZES) {
            int from = firstRow;
            batches.add(typeColumns.stream().map(column -> column.arrowValues().subList(from, from + batchSize)).toList());
            firstRow += batchSize;
        }
        RecordTableWriter.openLocal(root.resolve("types/all_types"))
                .append(List.of(record(NODE_B, ALL_TYPES_VERSION, stream(schema, batches))));
    }

    @Test
    void testAllTypesColumnTypes()
    {
        String expected = IntStream.range(0, typeColumns.size())
                .mapToObj(i -> "(BIGINT '%s', VARCHAR '%s', VARCHAR '%s')".formatted(i + 1, typeColumns.get(i).name(), typeColumns.get(i).trinoType()))
                .collect(Collectors.joining(", ", "VALUES ", ""));
        assertThat(query("SELECT ordinal_position, column_name, data_type FROM information_schema.columns WHERE table_schema = 'types' AND table_name = 'all_types'"))
                .matches(expected);

        String described = typeColumns.stream()
                .map(column -> "(VARCHAR '%s', VARCHAR '%s', VARCHAR '', VARCHAR '')".formatted(column.name(), column.trinoType()))
                .collect(Collectors.joining(", ", "VALUES ", ""));
        assertThat(query("DESCRIBE types.all_types")).result().matches(described);

        // SELECT * shows exactly the inner columns, in order
        assertThat(computeActual("SELECT * FROM types.all_types").getColumnNames())
                .containsExactlyElementsOf(typeColumns.stream().map(TypeColumn::name).toList());
        // and typeof() agrees with the metadata
        for (TypeColumn column : typeColumns) {
            assertQuery("SELECT DISTINCT typeof(%s) FROM types.all_types".formatted(column.name()), "VALUES '%s'".formatted(column.trinoType()));
        }
    }

    @Test
    void testAllTypesRowCountAndBatches()
    {
        // both record batches are read
        assertQuery("SELECT count(*), min(row_id), max(row_id) FROM types.all_types", "VALUES (5, 1, 5)");
    }

    @Test
    void testAllTypesValues()
    {
        for (TypeColumn column : typeColumns) {
            String expected = IntStream.range(0, column.sqlValues().size())
                    .mapToObj(row -> "(%s, %s)".formatted(row + 1, column.sqlValues().get(row)))
                    .collect(Collectors.joining(", ", "VALUES ", ""));
            assertThat(query("SELECT row_id, %s FROM types.all_types".formatted(column.name())))
                    .as(column.name())
                    .matches(expected);
        }
    }

    @Test
    void testAllTypesValuesAllColumnsAtOnce()
    {
        // every column in one scan: the readers of all types together, across both batches
        String columnList = typeColumns.stream().map(TypeColumn::name).collect(Collectors.joining(", "));
        String expected = IntStream.range(0, 5)
                .mapToObj(row -> typeColumns.stream().map(column -> column.sqlValues().get(row)).collect(Collectors.joining(", ", "(", ")")))
                .collect(Collectors.joining(", ", "VALUES ", ""));
        assertThat(query("SELECT %s FROM types.all_types".formatted(columnList))).matches(expected);
    }

    @Test
    void testAllTypesPredicates()
    {
        assertQuery("SELECT row_id FROM types.all_types WHERE uint64 = DECIMAL '18446744073709551615'", "VALUES 2");
        assertQuery("SELECT row_id FROM types.all_types WHERE uint32 > 4000000000", "VALUES 2");
        assertQuery("SELECT row_id FROM types.all_types WHERE utf8 = 'emoji 😀'", "VALUES 5");
        assertQuery("SELECT row_id FROM types.all_types WHERE ts_ns_utc = TIMESTAMP '2024-01-02 03:04:05.123456789 UTC'", "VALUES 1");
        assertQuery("SELECT row_id FROM types.all_types WHERE struct_col.a = -5", "VALUES 4");
        assertQuery("SELECT row_id FROM types.all_types WHERE element_at(map_col, 'k') = 5", "VALUES 1");
        assertQuery("SELECT row_id FROM types.all_types WHERE cardinality(list_int32) = 4", "VALUES 5");
        assertQuery("SELECT row_id FROM types.all_types WHERE bool_col IS NULL", "VALUES 3");
        assertQuery("SELECT row_id, list_struct[1].x IS NULL FROM types.all_types WHERE cardinality(list_struct) > 0", "VALUES (1, false), (4, true), (5, false)");
    }

    @Test
    void testAllTypesHiddenColumns()
    {
        assertQuery(
                "SELECT \"$node_id\", \"$version\", count(*) FROM types.all_types GROUP BY 1, 2",
                "VALUES ('%s', %s, 5)".formatted(NODE_B, ALL_TYPES_VERSION));
        assertQuery(
                "SELECT row_id, int8 FROM types.all_types WHERE \"$node_id\" = '%s' AND \"$version\" = %s AND int8 < 0".formatted(NODE_B, ALL_TYPES_VERSION),
                "VALUES (1, -128), (5, -1)");
        assertQuery("SELECT count(*) FROM types.all_types WHERE \"$node_id\" = '%s'".formatted(NODE_A), "VALUES 0");
    }

    // ---------------------------------------------------------------- schema evolution

    /**
     * {@code types.evolving}: three records of node A, committed one by one, each under a newer schema.
     */
    private void writeEvolving()
    {
        Schema v1 = new Schema(List.of(
                Field.nullable("id", new ArrowType.Int(32, true)),
                Field.nullable("name", ArrowType.Utf8.INSTANCE)));
        Schema v2 = new Schema(List.of(
                Field.nullable("id", new ArrowType.Int(64, true)),
                Field.nullable("name", ArrowType.LargeUtf8.INSTANCE),
                Field.nullable("extra", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE))));
        Schema v3 = new Schema(List.of(
                Field.nullable("id", new ArrowType.Int(64, true)),
                Field.nullable("name", ArrowType.Utf8.INSTANCE),
                Field.nullable("extra", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                Field.nullable("added", ArrowType.Bool.INSTANCE)));
        RecordTableWriter writer = RecordTableWriter.openLocal(root.resolve("types/evolving"));
        writer.append(List.of(record(NODE_A, 1, stream(v1, List.of(List.of(
                values(Integer.MIN_VALUE, 2, Integer.MAX_VALUE),
                values("one", null, "drei"))))))); // one batch
        writer.append(List.of(record(NODE_A, 2, stream(v2, List.of(
                List.of(values(5_000_000_000L), values("fünf"), values(1.5f)),
                List.of(values(-4L), values((Object) null), values(0.1f))))))); // two batches
        writer.append(List.of(record(NODE_A, 3, stream(v3, List.of(List.of(
                values(6L, Long.MIN_VALUE),
                values("six", null),
                values(2.25, null),
                values(true, false)))))));
    }

    @Test
    void testEvolvingColumnsAreTheNewestRecords()
    {
        assertThat(query("DESCRIBE types.evolving")).result().matches(
                "VALUES (VARCHAR 'id', VARCHAR 'bigint', VARCHAR '', VARCHAR ''), ('name', 'varchar', '', ''), ('extra', 'double', '', ''), ('added', 'boolean', '', '')");
        assertQuery(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'types' AND table_name = 'evolving'",
                "VALUES ('id', 'bigint'), ('name', 'varchar'), ('extra', 'double'), ('added', 'boolean')");
    }

    @Test
    void testEvolvingOlderRecordsAreWidenedAndPadded()
    {
        assertThat(query("SELECT id, name, extra, added, \"$version\" FROM types.evolving"))
                .matches("""
                        VALUES
                            (BIGINT '-2147483648', VARCHAR 'one', CAST(NULL AS double), CAST(NULL AS boolean), BIGINT '1'),
                            (2, NULL, NULL, NULL, 1),
                            (2147483647, 'drei', NULL, NULL, 1),
                            (5000000000, 'fünf', DOUBLE '1.5', NULL, 2),
                            (-4, NULL, DOUBLE '0.10000000149011612', NULL, 2),
                            (6, 'six', DOUBLE '2.25', true, 3),
                            (-9223372036854775808, NULL, NULL, false, 3)
                        """);
        assertThat(query("SELECT DISTINCT typeof(id), typeof(name), typeof(extra), typeof(added) FROM types.evolving"))
                .matches("VALUES (VARCHAR 'bigint', VARCHAR 'varchar', VARCHAR 'double', VARCHAR 'boolean')");
        // each column alone, so every record is decoded with only that column projected
        assertQuery("SELECT \"$version\", count(extra) FROM types.evolving GROUP BY 1", "VALUES (1, 0), (2, 2), (3, 1)");
        assertQuery("SELECT \"$version\", count(added) FROM types.evolving GROUP BY 1", "VALUES (1, 0), (2, 0), (3, 2)");
        assertQuery("SELECT sum(id) FILTER (WHERE \"$version\" = 1) FROM types.evolving", "VALUES 1");
        assertQuery("SELECT name FROM types.evolving WHERE name IS NOT NULL", "VALUES 'one', 'drei', 'fünf', 'six'");
        assertQuery("SELECT id FROM types.evolving WHERE extra > 1", "VALUES 5000000000, 6");
    }

    @Test
    void testEvolvingHiddenColumns()
    {
        assertQuery(
                "SELECT \"$node_id\", \"$version\", count(*) FROM types.evolving GROUP BY 1, 2",
                "VALUES ('%1$s', 1, 3), ('%1$s', 2, 2), ('%1$s', 3, 2)".formatted(NODE_A));
        assertQuery("SELECT count(*) FROM types.evolving WHERE \"$version\" < 3", "VALUES 5");
        assertQuery("SELECT id FROM types.evolving WHERE \"$version\" = 2", "VALUES 5000000000, -4");
        assertQuery("SELECT count(DISTINCT \"$path\") FROM types.evolving", "VALUES 3");
    }

    /**
     * {@code types.bad_change}: the older record has {@code id utf8}, the newest {@code id int64}.
     */
    private void writeBadChange()
    {
        Schema older = new Schema(List.of(Field.nullable("id", ArrowType.Utf8.INSTANCE)));
        Schema newer = new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true))));
        RecordTableWriter writer = RecordTableWriter.openLocal(root.resolve("types/bad_change"));
        writer.append(List.of(record(NODE_A, 1, stream(older, List.of(List.of(values("a", "b")))))));
        writer.append(List.of(record(NODE_A, 2, stream(newer, List.of(List.of(values(1L, 2L, 3L)))))));
    }

    @Test
    void testIncompatibleTypeChangeFailsNamingColumnFileAndRecord()
    {
        assertThat(query("DESCRIBE types.bad_change")).result().matches("VALUES (VARCHAR 'id', VARCHAR 'bigint', VARCHAR '', VARCHAR '')");
        String message = "Table types.bad_change, data file file:///.*/node_id=%1$s/.*\\.parquet, record 0, \\$node_id=%1$s, \\$version=1: "
                .formatted(NODE_A)
                + "Column 'id' has Arrow type utf8 \\(Trino varchar\\) in this record, which cannot be read as the table's type bigint";
        assertQueryFails("SELECT id FROM types.bad_change", message);
        assertThat(query("SELECT id FROM types.bad_change"))
                .failure()
                .hasErrorCode(BYTESTREAM_UNSUPPORTED_TYPE)
                .hasMessageMatching(message);
        // the newest record alone is fine
        assertQuery("SELECT id FROM types.bad_change WHERE \"$version\" = 2", "VALUES 1, 2, 3");
        // counting needs no inner column, so the type of id does not matter
        assertQuery("SELECT count(*) FROM types.bad_change", "VALUES 5");
        assertQuery("SELECT \"$node_id\", \"$version\", count(*) FROM types.bad_change GROUP BY 1, 2",
                "VALUES ('%1$s', 1, 2), ('%1$s', 2, 3)".formatted(NODE_A));
    }

    // ---------------------------------------------------------------- column definitions

    private static TypeColumn column(String name, ArrowType type, String trinoType, List<Object> arrowValues, List<String> sqlValues)
    {
        return column(name, type, List.of(), trinoType, arrowValues, sqlValues);
    }

    private static TypeColumn column(String name, ArrowType type, List<Field> children, String trinoType, List<Object> arrowValues, List<String> sqlValues)
    {
        boolean nullable = arrowValues.contains(null);
        return new TypeColumn(new Field(name, new FieldType(nullable, type, null), children), trinoType, arrowValues, sqlValues);
    }

    private static TypeColumn stringColumn(String name, ArrowType type, String... values)
    {
        return column(name, type, "varchar", values((Object[]) values),
                Arrays.stream(values).map(value -> value == null ? "NULL" : "VARCHAR '%s'".formatted(value.replace("'", "''"))).toList());
    }

    private static TypeColumn binaryColumn(String name, ArrowType type, byte[]... values)
    {
        return column(name, type, "varbinary", values((Object[]) values),
                Arrays.stream(values).map(value -> value == null ? "NULL" : "X'%s'".formatted(HexFormat.of().formatHex(value))).toList());
    }

    private static TypeColumn dateColumn(String name, LocalDate... values)
    {
        return column(name, new ArrowType.Date(DateUnit.DAY), "date",
                Arrays.stream(values).map(value -> value == null ? null : (Object) (int) value.toEpochDay()).toList(),
                Arrays.stream(values).map(value -> value == null ? "NULL" : "DATE '%s'".formatted(value)).toList());
    }

    private static TypeColumn timestampMicrosColumn(String name, LocalDateTime... values)
    {
        return column(name, new ArrowType.Timestamp(TimeUnit.MICROSECOND, null), "timestamp(6)",
                Arrays.stream(values).map(value -> value == null ? null : (Object) ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), value)).toList(),
                Arrays.stream(values).map(value -> value == null ? "NULL" : "TIMESTAMP '%s'".formatted(TIMESTAMP_MICROS.format(value))).toList());
    }

    private static TypeColumn timestampMillisUtcColumn(String name, Instant... values)
    {
        return column(name, new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC"), "timestamp(3) with time zone",
                Arrays.stream(values).map(value -> value == null ? null : (Object) value.toEpochMilli()).toList(),
                Arrays.stream(values).map(value -> value == null ? "NULL" : "TIMESTAMP '%s UTC'".formatted(TIMESTAMP_MILLIS.format(value.atOffset(ZoneOffset.UTC)))).toList());
    }

    private static TypeColumn timestampNanosUtcColumn(String name, Instant... values)
    {
        return column(name, new ArrowType.Timestamp(TimeUnit.NANOSECOND, "UTC"), "timestamp(9) with time zone",
                Arrays.stream(values).map(value -> value == null ? null : (Object) java.math.BigInteger.valueOf(value.getEpochSecond()).multiply(java.math.BigInteger.valueOf(1_000_000_000)).add(java.math.BigInteger.valueOf(value.getNano())).longValueExact()).toList(),
                Arrays.stream(values).map(value -> value == null ? "NULL" : "TIMESTAMP '%s UTC'".formatted(TIMESTAMP_NANOS.format(value.atOffset(ZoneOffset.UTC)))).toList());
    }

    private static TypeColumn decimalColumn(String name, int precision, int scale, String... values)
    {
        return column(name, new ArrowType.Decimal(precision, scale, 128), "decimal(%s,%s)".formatted(precision, scale),
                Arrays.stream(values).map(value -> value == null ? null : (Object) new BigDecimal(value)).toList(),
                Arrays.stream(values).map(value -> value == null ? "NULL" : decimal(value, precision, scale)).toList());
    }

    private static String decimal(String value, int precision, int scale)
    {
        return "CAST(DECIMAL '%s' AS decimal(%s,%s))".formatted(value, precision, scale);
    }

    private static List<Object> values(Object... values)
    {
        return Arrays.asList(values);
    }

    private static List<String> literals(String... literals)
    {
        return List.of(literals);
    }

    private static byte[] bytes(int... values)
    {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static Map<String, Object> orderedMap(Object... keysAndValues)
    {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    // ---------------------------------------------------------------- Arrow writing

    /**
     * An Arrow IPC stream of {@code schema} with one record batch per element of {@code batches}, each a list of
     * column value lists.
     */
    private static byte[] stream(Schema schema, List<? extends List<? extends List<?>>> batches)
    {
        return TestingArrowStreams.write(schema, batches).getBytes();
    }
}
