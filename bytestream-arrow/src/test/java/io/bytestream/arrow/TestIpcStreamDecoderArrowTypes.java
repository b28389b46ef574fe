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

package io.bytestream.arrow;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.bytestream.arrow.TestingArrowStreams.BufferBatch;
import io.bytestream.arrow.TestingArrowStreams.UnionValue;
import io.trino.spi.block.Block;
import io.trino.spi.block.DictionaryBlock;
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.Type;
import io.trino.spi.type.UuidType;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ViewVarCharVector;
import org.apache.arrow.vector.complex.ListViewVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.MetadataVersion;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.UnionMode;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Arrow types beyond the primitive ones: null, decimal32/64/256, intervals, durations, unions, run-end
 * encoding, views, list views and the uuid extension, each compared value by value after decoding, and
 * malformed or out-of-range data refused.
 */
class TestIpcStreamDecoderArrowTypes
{
    private static final ArrowType INT8 = new ArrowType.Int(8, true);
    private static final ArrowType INT16 = new ArrowType.Int(16, true);
    private static final ArrowType INT32 = new ArrowType.Int(32, true);
    private static final ArrowType INT64 = new ArrowType.Int(64, true);
    // Arrow Java's arrow.uuid extension type, not Trino's UuidType
    private static final ArrowType ARROW_UUID = org.apache.arrow.vector.extension.UuidType.INSTANCE;
    private static final ArrowType FLOAT32 = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
    private static final IpcOption V4 = new IpcOption(false, MetadataVersion.V4);
    private static final RowType YEAR_MONTH = RowType.from(List.of(RowType.field("months", INTEGER)));
    private static final RowType DAY_TIME = RowType.from(List.of(RowType.field("days", INTEGER), RowType.field("milliseconds", INTEGER)));
    private static final RowType MONTH_DAY_NANO = RowType.from(List.of(RowType.field("months", INTEGER), RowType.field("days", INTEGER), RowType.field("nanoseconds", BIGINT)));
    private static final Path ARROW_TESTING_INTEGRATION = Path.of("../testing/arrow-testing/integration");

    /**
     * @param storage the field whose Arrow Java vector writes the values (see {@link TestingArrowStreams#writeAs})
     * @param generator a value for the storage vector, or null
     * @param expected the value read back from Trino for a non-null generated value
     */
    private record Column(Field field, Field storage, Type trinoType, Function<Random, Object> generator, Function<Object, Object> expected) {}

    @Test
    void testRandomValuesOfEveryType()
    {
        List<Column> columns = everyTypeColumns();
        List<List<Object>> expected = new ArrayList<>();
        Slice stream = everyTypeStream(columns, List.of(37, 0, 300, 1), new Random(7), expected);

        List<IpcColumn> ipcColumns = IpcSchemaReader.readColumns(stream);
        assertThat(ipcColumns).isEqualTo(columns.stream().map(column -> new IpcColumn(column.field().getName(), column.trinoType())).toList());
        Decoded decoded = Decoded.decode(stream, ipcColumns);
        assertThat(decoded.batchSizes()).containsExactly(37, 300, 1);
        for (int i = 0; i < columns.size(); i++) {
            assertThat(decoded.columns().get(i)).as(columns.get(i).field().getName()).isEqualTo(expected.get(i));
        }
        // each column alone: every other field, of whatever type, is skipped
        for (int i = 0; i < columns.size(); i++) {
            assertThat(Decoded.decode(stream, List.of(ipcColumns.get(i))).columns().getFirst()).as(columns.get(i).field().getName()).isEqualTo(expected.get(i));
        }
    }

    /**
     * Random mutations of a stream of every type: the column readers check what they read, so the decoder's
     * last-resort conversion of runtime exceptions ({@link Guard}) must never be what catches their errors.
     */
    @Test
    void testRandomMutationsOfEveryType()
    {
        long seed = System.nanoTime();
        System.out.println("TestIpcStreamDecoderArrowTypes.testRandomMutationsOfEveryType seed: " + seed);
        Random random = new Random(seed);
        Slice stream = everyTypeStream(everyTypeColumns(), List.of(6, 0, 25), random, new ArrayList<>());
        List<IpcColumn> columns = IpcSchemaReader.readColumns(stream);
        long deadline = System.nanoTime() + 20_000_000_000L;
        int mutations = 0;
        for (; mutations < 3_000 && System.nanoTime() < deadline; mutations++) {
            byte[] bytes = TestIpcStreamDecoderHardening.changeBytes(stream, random);
            try {
                Decoded.decode(Slices.wrappedBuffer(bytes), columns);
            }
            catch (IpcFormatException e) {
                if (e.getCause() != null) {
                    assertThat(firstDecoderFrame(e.getCause()))
                            .as("seed %s, mutation %s: %s", seed, mutations, e.getCause())
                            .doesNotEndWith("ColumnReader");
                }
            }
        }
        assertThat(mutations).isGreaterThan(300);
    }

    private static String firstDecoderFrame(Throwable throwable)
    {
        for (StackTraceElement element : throwable.getStackTrace()) {
            if (element.getClassName().startsWith("io.bytestream.arrow.")) {
                return element.getClassName();
            }
        }
        return "";
    }

    private static List<Column> everyTypeColumns()
    {
        BigInteger tenTo38 = BigInteger.TEN.pow(38);
        return List.of(
                column(Field.nullable("null", ArrowType.Null.INSTANCE), BOOLEAN, _ -> null, v -> v),
                new Column(decimalField("decimal32", 9, 2, 32), Field.nullable("decimal32", INT32), createDecimalType(9, 2),
                        r -> r.nextInt(-999_999_999, 1_000_000_000), v -> BigDecimal.valueOf((Integer) v, 2)),
                new Column(decimalField("decimal32_long", 25, 25, 32), Field.nullable("decimal32_long", INT32), createDecimalType(25, 25),
                        Random::nextInt, v -> BigDecimal.valueOf((Integer) v, 25)),
                new Column(decimalField("decimal64", 18, 4, 64), Field.nullable("decimal64", INT64), createDecimalType(18, 4),
                        r -> r.nextLong() % 1_000_000_000_000_000_000L, v -> BigDecimal.valueOf((Long) v, 4)),
                new Column(decimalField("decimal64_long", 20, 3, 64), Field.nullable("decimal64_long", INT64), createDecimalType(20, 3),
                        Random::nextLong, v -> BigDecimal.valueOf((Long) v, 3)),
                column(decimalField("decimal128", 38, 10, 128), createDecimalType(38, 10), r -> randomDecimal(r, 126, 10), v -> v),
                column(decimalField("decimal256_short", 18, 0, 256), createDecimalType(18, 0), r -> BigDecimal.valueOf(r.nextLong() % 1_000_000_000_000_000_000L), v -> v),
                column(decimalField("decimal256_long", 38, 5, 256), createDecimalType(38, 5), r -> r.nextInt(10) == 0 ? new BigDecimal(tenTo38.subtract(BigInteger.ONE).negate(), 5) : randomDecimal(r, 126, 5), v -> v),
                column(decimalField("decimal256_text", 50, 4, 256), VARCHAR, r -> randomDecimal(r, 166, 4), v -> ((BigDecimal) v).toPlainString()),
                column(decimalField("decimal256_max", 76, 0, 256), VARCHAR, r -> randomDecimal(r, 252, 0), v -> ((BigDecimal) v).toPlainString()),
                column(Field.nullable("year_month", new ArrowType.Interval(IntervalUnit.YEAR_MONTH)), YEAR_MONTH,
                        r -> List.of(r.nextInt()), TestIpcStreamDecoderArrowTypes::asLongs),
                column(Field.nullable("day_time", new ArrowType.Interval(IntervalUnit.DAY_TIME)), DAY_TIME,
                        r -> List.of(r.nextInt(), r.nextInt()), TestIpcStreamDecoderArrowTypes::asLongs),
                column(Field.nullable("month_day_nano", new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO)), MONTH_DAY_NANO,
                        r -> List.of(r.nextInt(), r.nextInt(), r.nextLong()), TestIpcStreamDecoderArrowTypes::asLongs),
                column(Field.nullable("duration_s", new ArrowType.Duration(TimeUnit.SECOND)), BIGINT, Random::nextLong, v -> v),
                column(Field.nullable("duration_ms", new ArrowType.Duration(TimeUnit.MILLISECOND)), BIGINT, Random::nextLong, v -> v),
                column(Field.nullable("duration_us", new ArrowType.Duration(TimeUnit.MICROSECOND)), BIGINT, Random::nextLong, v -> v),
                column(Field.nullable("duration_ns", new ArrowType.Duration(TimeUnit.NANOSECOND)), BIGINT, Random::nextLong, v -> v),
                column(Field.nullable("utf8_view", ArrowType.Utf8View.INSTANCE), VARCHAR, r -> randomString(r, 40), v -> v),
                column(Field.nullable("binary_view", ArrowType.BinaryView.INSTANCE), VARBINARY, r -> TestIpcStreamDecoderTypes.randomBytes(r, r.nextInt(30)), TestIpcStreamDecoderTypes::hex),
                column(Field.nullable("uuid", ARROW_UUID), UuidType.UUID, r -> new UUID(r.nextLong(), r.nextLong()), v -> v),
                column(Field.nullable("uuid_storage", new ArrowType.FixedSizeBinary(16)), VARBINARY, r -> TestIpcStreamDecoderTypes.randomBytes(r, 16), TestIpcStreamDecoderTypes::hex),
                column(runEndEncoded("ree16_int32", INT16, INT32), INTEGER, r -> r.nextInt(3), v -> ((Integer) v).longValue()),
                column(runEndEncoded("ree32_utf8", INT32, ArrowType.Utf8.INSTANCE), VARCHAR, r -> List.of("a", "bb", "").get(r.nextInt(3)), v -> v),
                column(runEndEncoded("ree64_float32", INT64, FLOAT32), REAL, r -> r.nextInt(2) * 1.5f, v -> v),
                column(listOf("list_view", ArrowType.ListView.INSTANCE, INT32), new ArrayType(INTEGER), r -> randomList(r, Random::nextInt), TestIpcStreamDecoderArrowTypes::asLongs),
                column(listOf("large_list_view", ArrowType.LargeListView.INSTANCE, ArrowType.Utf8.INSTANCE), new ArrayType(VARCHAR), r -> randomList(r, random -> randomString(random, 20)), v -> v),
                column(union("sparse_union", UnionMode.Sparse, new int[] {5, 7}, INT32, ArrowType.Utf8.INSTANCE),
                        unionType(INTEGER, VARCHAR),
                        r -> randomUnionValue(r, new int[] {5, 7}, Random::nextInt, random -> randomString(random, 20)),
                        v -> unionRow(v, 2)),
                column(union("dense_union", UnionMode.Dense, new int[] {42, 43, 44}, INT16, ArrowType.Binary.INSTANCE, ArrowType.Null.INSTANCE),
                        unionType(SMALLINT, VARBINARY, BOOLEAN),
                        r -> randomUnionValue(r, new int[] {42, 43, 44}, random -> (short) random.nextInt(), random -> TestIpcStreamDecoderTypes.randomBytes(random, 3), _ -> null),
                        v -> unionRow(v, 3)));
    }

    /**
     * Writes random values of the columns in batches of the given sizes, adding each column's expected
     * Trino values to {@code expected}.
     */
    private static Slice everyTypeStream(List<Column> columns, List<Integer> batchSizes, Random random, List<List<Object>> expected)
    {
        List<List<List<?>>> batches = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            expected.add(new ArrayList<>());
        }
        for (int batchSize : batchSizes) {
            List<List<?>> batch = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                // since metadata V5 a union has no nulls of its own
                boolean topLevelNulls = !(column.field().getType() instanceof ArrowType.Union);
                List<Object> values = new ArrayList<>();
                for (int row = 0; row < batchSize; row++) {
                    Object value = topLevelNulls && random.nextInt(5) == 0 ? null : column.generator().apply(random);
                    values.add(value);
                    expected.get(i).add(value == null ? null : column.expected().apply(value));
                }
                batch.add(values);
            }
            batches.add(batch);
        }
        return TestingArrowStreams.writeAs(
                new Schema(columns.stream().map(Column::field).toList()),
                new Schema(columns.stream().map(Column::storage).toList()),
                batches);
    }

    @Test
    void testNullType()
    {
        Field struct = new Field("s", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(Field.nullable("x", INT32), Field.nullable("nn", ArrowType.Null.INSTANCE)));
        Field list = listOf("l", ArrowType.List.INSTANCE, ArrowType.Null.INSTANCE);
        List<Object> structs = Arrays.asList(Arrays.asList(1, null), null, Arrays.asList(3, null));
        List<Object> lists = Arrays.asList(Arrays.asList(null, null), null, List.of());
        Slice stream = TestingArrowStreams.write(List.of(Field.nullable("n", ArrowType.Null.INSTANCE), struct, list), List.of(
                List.of(Arrays.asList(null, null, null), structs, lists),
                List.of(Arrays.asList(null, null), structs.subList(0, 2), lists.subList(0, 2))));

        RowType rowType = RowType.from(List.of(RowType.field("x", INTEGER), RowType.field("nn", BOOLEAN)));
        List<IpcColumn> columns = IpcSchemaReader.readColumns(stream);
        assertThat(columns).containsExactly(new IpcColumn("n", BOOLEAN), new IpcColumn("s", rowType), new IpcColumn("l", new ArrayType(BOOLEAN)));
        assertThat(Decoded.decode(stream, columns).columns()).containsExactly(
                Arrays.asList(null, null, null, null, null),
                Arrays.asList(Arrays.asList(1L, null), null, Arrays.asList(3L, null), Arrays.asList(1L, null), null),
                Arrays.asList(Arrays.asList(null, null), null, List.of(), Arrays.asList(null, null), null));

        // a null field reads as any table type
        RowType tableRow = RowType.from(List.of(RowType.field("x", BIGINT), RowType.field("nn", new ArrayType(DATE))));
        assertThat(Decoded.decode(stream, List.of(new IpcColumn("n", VARCHAR), new IpcColumn("s", tableRow), new IpcColumn("l", new ArrayType(VARCHAR)))).columns()).containsExactly(
                Arrays.asList(null, null, null, null, null),
                Arrays.asList(Arrays.asList(1L, null), null, Arrays.asList(3L, null), Arrays.asList(1L, null), null),
                Arrays.asList(Arrays.asList(null, null), null, List.of(), Arrays.asList(null, null), null));
    }

    @Test
    void testDecimal256Text()
    {
        BigInteger max = BigInteger.TEN.pow(40).subtract(BigInteger.ONE);
        List<BigDecimal> values = Arrays.asList(
                new BigDecimal(BigInteger.valueOf(-123400), 4),
                BigDecimal.ZERO.setScale(4),
                new BigDecimal(max, 4),
                new BigDecimal(max.negate(), 4),
                null,
                new BigDecimal("0.0001"));
        Slice stream = TestingArrowStreams.write(List.of(decimalField("d", 40, 4, 256)), List.of(List.of(values)));
        assertThat(IpcSchemaReader.readColumns(stream)).containsExactly(new IpcColumn("d", VARCHAR));
        assertThat(decodeColumn(stream, "d", VARCHAR)).containsExactly(
                "-12.3400",
                "0.0000",
                "999999999999999999999999999999999999.9999",
                "-999999999999999999999999999999999999.9999",
                null,
                "0.0001");
    }

    @Test
    void testDecimalPrecision()
    {
        // the largest values of each precision are read, one more is refused, naming the column and position
        assertDecimalLimit(9, 2, 32);
        assertDecimalLimit(3, 0, 32);
        assertDecimalLimit(18, 0, 64);
        assertDecimalLimit(10, 5, 64);
        assertDecimalLimit(5, 0, 128);
        assertDecimalLimit(18, 3, 128);
        assertDecimalLimit(20, 0, 128);
        assertDecimalLimit(38, 2, 128);
        assertDecimalLimit(12, 0, 256);
        assertDecimalLimit(38, 0, 256);
        assertDecimalLimit(39, 0, 256);
        assertDecimalLimit(76, 10, 256);

        // a decimal256 of precision up to 38 must fit 128 bits (whatever its precision claims); of 18, 64 bits
        assertDecimalRefused(38, 0, 256, BigInteger.ONE.shiftLeft(128));
        assertDecimalRefused(38, 0, 256, BigInteger.ONE.shiftLeft(200).negate());
        assertDecimalRefused(18, 0, 256, BigInteger.ONE.shiftLeft(64));
        assertDecimalRefused(18, 0, 128, BigInteger.ONE.shiftLeft(64).negate());

        // the data under a null is not checked
        Slice stream = TestingArrowStreams.writeBuffers(new Schema(List.of(decimalField("d", 5, 0, 128))), IpcOption.DEFAULT, List.of(new BufferBatch(2,
                List.of(new ArrowFieldNode(2, 1)),
                List.of(bytes(0b10), concat(littleEndian(BigInteger.TEN.pow(20), 16), littleEndian(BigInteger.valueOf(42), 16))))));
        assertThat(decodeColumn(stream, "d", createDecimalType(5, 0))).containsExactly(null, new BigDecimal(42));
    }

    @Test
    void testUnsupportedDecimals()
    {
        for (ArrowType.Decimal type : List.of(
                new ArrowType.Decimal(0, 0, 128),
                new ArrowType.Decimal(5, 6, 128),
                new ArrowType.Decimal(5, -1, 64),
                new ArrowType.Decimal(39, 0, 128),
                new ArrowType.Decimal(40, 0, 64),
                new ArrowType.Decimal(77, 0, 256))) {
            Slice stream = TestingArrowStreams.writeBuffers(new Schema(List.of(Field.nullable("d", type))), IpcOption.DEFAULT, List.of());
            String description = "decimal%s(%s, %s)".formatted(type.getBitWidth(), type.getPrecision(), type.getScale());
            assertThatThrownBy(() -> IpcSchemaReader.readColumns(stream))
                    .as(description)
                    .isInstanceOf(UnsupportedArrowTypeException.class)
                    .hasMessageContaining("'d'")
                    .hasMessageContaining(description);
        }
    }

    @Test
    void testIntervalsInStructs()
    {
        Field struct = new Field("s", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(
                Field.nullable("a", new ArrowType.Interval(IntervalUnit.DAY_TIME)),
                Field.nullable("b", new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO))));
        Slice stream = TestingArrowStreams.write(List.of(struct), List.of(List.of(Arrays.asList(
                Arrays.asList(List.of(1, -2), List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE)),
                null,
                Arrays.asList(null, List.of(-1, 0, 1L))))));
        RowType rowType = RowType.from(List.of(
                RowType.field("a", DAY_TIME),
                RowType.field("b", MONTH_DAY_NANO)));
        assertThat(rowType.toString()).isEqualTo("row(a row(days integer, milliseconds integer), b row(months integer, days integer, nanoseconds bigint))");
        assertThat(IpcSchemaReader.readColumns(stream)).containsExactly(new IpcColumn("s", rowType));
        assertThat(decodeColumn(stream, "s", rowType)).containsExactly(
                List.of(List.of(1L, -2L), List.of((long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE, Long.MIN_VALUE)),
                null,
                Arrays.asList(null, List.of(-1L, 0L, 1L)));
    }

    @Test
    void testUnionsBeforeMetadataV5()
    {
        // before V5 a union has a validity buffer: a null there is a null row, whatever its type id
        Field sparse = union("u", UnionMode.Sparse, new int[] {5, 7}, INT32, INT32);
        Slice sparseStream = TestingArrowStreams.writeBuffers(new Schema(List.of(sparse)), V4, List.of(new BufferBatch(3,
                List.of(new ArrowFieldNode(3, 1), new ArrowFieldNode(3, 0), new ArrowFieldNode(3, 0)),
                List.of(bytes(0b101), bytes(5, 99, 7), new byte[0], ints(1, 0, 0), new byte[0], ints(0, 0, 3)))));
        Field dense = union("u", UnionMode.Dense, new int[] {5, 7}, INT32, INT32);
        Slice denseStream = TestingArrowStreams.writeBuffers(new Schema(List.of(dense)), V4, List.of(new BufferBatch(3,
                List.of(new ArrowFieldNode(3, 1), new ArrowFieldNode(1, 0), new ArrowFieldNode(1, 0)),
                List.of(bytes(0b101), bytes(5, 99, 7), ints(0, -7, 0), new byte[0], ints(1), new byte[0], ints(3)))));
        for (Slice stream : List.of(sparseStream, denseStream)) {
            assertThat(IpcSchemaReader.readColumns(stream)).containsExactly(new IpcColumn("u", unionType(INTEGER, INTEGER)));
            assertThat(decodeColumn(stream, "u", unionType(INTEGER, INTEGER))).containsExactly(
                    Arrays.asList(0L, 1L, null),
                    null,
                    Arrays.asList(1L, null, 3L));
        }
    }

    @Test
    void testMalformedUnions()
    {
        Field sparse = union("u", UnionMode.Sparse, new int[] {5, 7}, INT32, INT32);
        Slice unknownTypeId = TestingArrowStreams.writeBuffers(new Schema(List.of(sparse)), IpcOption.DEFAULT, List.of(new BufferBatch(2,
                List.of(new ArrowFieldNode(2, 0), new ArrowFieldNode(2, 0), new ArrowFieldNode(2, 0)),
                List.of(bytes(5, 6), new byte[0], ints(1, 2), new byte[0], ints(3, 4)))));
        assertThatThrownBy(() -> decodeColumn(unknownTypeId, "u", unionType(INTEGER, INTEGER)))
                .isInstanceOf(IpcFormatException.class)
                .hasMessageContaining("column 'u'")
                .hasMessageContaining("type id 6 at position 1");
        Slice negativeTypeId = TestingArrowStreams.writeBuffers(new Schema(List.of(sparse)), IpcOption.DEFAULT, List.of(new BufferBatch(2,
                List.of(new ArrowFieldNode(2, 0), new ArrowFieldNode(2, 0), new ArrowFieldNode(2, 0)),
                List.of(bytes(-1, 5), new byte[0], ints(1, 2), new byte[0], ints(3, 4)))));
        assertThatThrownBy(() -> decodeColumn(negativeTypeId, "u", unionType(INTEGER, INTEGER)))
                .isInstanceOf(IpcFormatException.class)
                .hasMessageContaining("type id -1 at position 0");
        Slice shortChild = TestingArrowStreams.writeBuffers(new Schema(List.of(sparse)), IpcOption.DEFAULT, List.of(new BufferBatch(2,
                List.of(new ArrowFieldNode(2, 0), new ArrowFieldNode(1, 0), new ArrowFieldNode(2, 0)),
                List.of(bytes(5, 7), new byte[0], ints(1), new byte[0], ints(3, 4)))));
        assertThatThrownBy(() -> decodeColumn(shortChild, "u", unionType(INTEGER, INTEGER)))
                .isInstanceOf(IpcFormatException.class)
                .hasMessageContaining("child node has 1 positions, its parent 2");

        Field dense = union("u", UnionMode.Dense, new int[] {5, 7}, INT32, INT32);
        Slice badOffset = TestingArrowStreams.writeBuffers(new Schema(List.of(dense)), IpcOption.DEFAULT, List.of(new BufferBatch(2,
                List.of(new ArrowFieldNode(2, 0), new ArrowFieldNode(1, 0), new ArrowFieldNode(1, 0)),
                List.of(bytes(5, 7), ints(0, 1), new byte[0], ints(1), new byte[0], ints(3)))));
        assertThatThrownBy(() -> decodeColumn(badOffset, "u", unionType(INTEGER, INTEGER)))
                .isInstanceOf(IpcFormatException.class)
                .hasMessageContaining("offset 1 at position 1 is outside the 1 values of child 1");

        Field empty = new Field("e", FieldType.nullable(new ArrowType.Union(UnionMode.Sparse, new int[0])), List.of());
        Slice emptyUnion = TestingArrowStreams.writeBuffers(new Schema(List.of(empty)), IpcOption.DEFAULT, List.of());
        assertThatThrownBy(() -> IpcSchemaReader.readColumns(emptyUnion))
                .isInstanceOf(UnsupportedArrowTypeException.class)
                .hasMessageContaining("'e'")
                .hasMessageContaining("union without children");
    }

    @Test
    void testRunEndEncodedBlocks()
    {
        Field field = runEndEncoded("r", INT32, ArrowType.Utf8.INSTANCE);
        Field struct = new Field("s", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(runEndEncoded("x", INT64, INT8)));
        // the struct's nulls hide values of its run-end encoded child
        List<List<Object>> structNulls = List.of(Arrays.asList(false, false, true, false), Arrays.asList(false, true, false, false, false, false));
        List<List<Object>> childValues = List.of(Arrays.asList((byte) 1, (byte) 1, (byte) 1, (byte) 1), Arrays.asList((byte) 1, (byte) 5, (byte) 2, null, (byte) 2, (byte) 2));
        List<List<Object>> strings = List.of(Arrays.asList("a", "a", "a", "a"), Arrays.asList("a", "b", "b", null, null, "a"));
        List<Consumer<VectorSchemaRoot>> batches = new ArrayList<>();
        for (int batch = 0; batch < 2; batch++) {
            int index = batch;
            batches.add(root -> {
                TestingArrowStreams.setAll(root.getVector(0), strings.get(index));
                StructVector structVector = (StructVector) root.getVector(1);
                TestingArrowStreams.setAll((FieldVector) structVector.getChildByOrdinal(0), childValues.get(index));
                int rowCount = strings.get(index).size();
                for (int row = 0; row < rowCount; row++) {
                    if ((Boolean) structNulls.get(index).get(row)) {
                        structVector.setNull(row);
                    }
                    else {
                        structVector.setIndexDefined(row);
                    }
                }
                structVector.setValueCount(rowCount);
                root.setRowCount(rowCount);
            });
        }
        Slice stream = TestingArrowStreams.writeRoots(new Schema(List.of(field, struct)), batches, new DictionaryProvider.MapDictionaryProvider(), IpcOption.DEFAULT);

        List<Class<?>> blockClasses = new ArrayList<>();
        new IpcStreamDecoder(List.of(new IpcColumn("r", VARCHAR))).decode(stream, batch -> blockClasses.add(batch.blocks()[0].getClass()));
        // a single run is a run-length encoded block, several runs a dictionary block over the run values
        assertThat(blockClasses).containsExactly(RunLengthEncodedBlock.class, DictionaryBlock.class);
        RowType rowType = RowType.from(List.of(RowType.field("x", TINYINT)));
        assertThat(IpcSchemaReader.readColumns(stream)).containsExactly(new IpcColumn("r", VARCHAR), new IpcColumn("s", rowType));
        assertThat(Decoded.decode(stream, List.of(new IpcColumn("r", VARCHAR), new IpcColumn("s", rowType))).columns()).containsExactly(
                Arrays.asList("a", "a", "a", "a", "a", "b", "b", null, null, "a"),
                Arrays.asList(List.of(1L), List.of(1L), null, List.of(1L), List.of(1L), null, List.of(2L), Arrays.asList((Object) null), List.of(2L), List.of(2L)));
    }

    @Test
    void testMalformedRunEnds()
    {
        assertThat(decodeRunEnds(5, 0, ints(2, 4, 5), 3)).containsExactly(1L, 1L, 2L, 2L, 3L);
        // run ends past the node's length are allowed
        assertThat(decodeRunEnds(5, 0, ints(2, 4, 9), 3)).containsExactly(1L, 1L, 2L, 2L, 3L);
        assertThat(decodeRunEnds(0, 0, ints(), 0)).isEmpty();
        assertRunEndsRefused(5, 0, ints(2, 2, 5), 3, "run end 2 at index 1 does not exceed the previous run end 2");
        assertRunEndsRefused(5, 0, ints(0, 2, 5), 3, "run end 0 at index 0 does not exceed the previous run end 0");
        assertRunEndsRefused(5, 0, ints(-1, 2, 5), 3, "run end -1 at index 0");
        assertRunEndsRefused(5, 0, ints(1, 2, 4), 3, "the runs cover 4 positions, the node has 5");
        assertRunEndsRefused(5, 0, ints(), 0, "the runs cover 0 positions, the node has 5");
        assertRunEndsRefused(5, 1, ints(2, 4, 5), 3, "1 null run ends");
        assertRunEndsRefused(5, 0, ints(2, 4, 5), 2, "3 runs, but 2 values");
        // a few runs may not expand into more positions than the body could plausibly hold
        assertRunEndsRefused(1 << 27, 0, ints(1, 1 << 27), 2, "134217728 run-end encoded positions exceed what a batch of");
    }

    @Test
    void testViews()
    {
        // inline up to 12 bytes, out of line from 13, spread over several data buffers
        List<String> strings = new ArrayList<>(Arrays.asList("", "twelve bytes", "thirteen byte", null, "ü".repeat(7)));
        for (int i = 0; i < 200; i++) {
            strings.add(Character.toString('a' + i % 26).repeat(i * 50));
        }
        Slice stream = TestingArrowStreams.write(List.of(Field.nullable("v", ArrowType.Utf8View.INSTANCE), Field.nullable("i", INT32), Field.nullable("w", ArrowType.Utf8View.INSTANCE)), List.of(
                List.of(strings, Arrays.asList(new Integer[strings.size()]), strings.reversed()),
                List.of(List.of("x"), List.of(1), List.of("a longer value"))));
        List<Object> expected = new ArrayList<>(strings);
        expected.add("x");
        List<Object> expectedReversed = new ArrayList<>(strings.reversed());
        expectedReversed.add("a longer value");
        assertThat(Decoded.decode(stream, List.of(new IpcColumn("v", VARCHAR), new IpcColumn("w", VARCHAR))).columns()).containsExactly(expected, expectedReversed);
        // the variadic buffer counts of views before the requested column are consumed
        assertThat(decodeColumn(stream, "w", VARCHAR)).isEqualTo(expectedReversed);
    }

    @Test
    void testMalformedViews()
    {
        byte[] data = "0123456789abcdefghijklmn".getBytes(UTF_8);
        assertThat(decodeViews(view(3, "abc"), outOfLine(20, 0, 2), List.of(data), List.of(1L))).containsExactly("abc", "23456789abcdefghijkl");
        assertThat(decodeViews(view(12, "twelve bytes"), outOfLine(13, 1, 0), List.of(new byte[0], data), List.of(2L))).containsExactly("twelve bytes", "0123456789abc");
        assertViewsRefused(view(3, "abc"), outOfLine(20, 1, 0), List.of(data), List.of(1L), "view 1 refers to data buffer 1 of 1");
        assertViewsRefused(view(3, "abc"), outOfLine(20, -1, 0), List.of(data), List.of(1L), "view 1 refers to data buffer -1 of 1");
        assertViewsRefused(view(3, "abc"), outOfLine(20, 0, 10), List.of(data), List.of(1L), "view 1 (offset 10, length 20) lies outside its data buffer of 24 bytes");
        assertViewsRefused(view(3, "abc"), outOfLine(20, 0, -1), List.of(data), List.of(1L), "view 1 (offset -1, length 20)");
        assertViewsRefused(view(-3, "abc"), outOfLine(20, 0, 0), List.of(data), List.of(1L), "negative length -3 in view 0");
        assertViewsRefused(view(3, "abc"), outOfLine(20, 0, 0), List.of(data), List.of(), "the batch has only 0 variadic buffer counts");
        assertViewsRefused(view(3, "abc"), outOfLine(20, 0, 0), List.of(data), List.of(5L), "variadic buffer count 5");
    }

    @Test
    void testListViews()
    {
        // out of order, overlapping, null over elements, empty at any offset
        Field field = listOf("lv", ArrowType.ListView.INSTANCE, INT32);
        Slice stream = TestingArrowStreams.writeRoots(new Schema(List.of(field)), List.of(root -> {
            ListViewVector vector = (ListViewVector) root.getVector(0);
            IntVector elements = (IntVector) vector.getDataVector();
            for (int i = 0; i < 4; i++) {
                elements.setSafe(i, (i + 1) * 10);
            }
            elements.setNull(3);
            elements.setValueCount(4);
            int[][] views = {{1, 2}, {0, 3}, {2, 0}, {0, 4}, {2, 2}, {3, 1}};
            for (int i = 0; i < views.length; i++) {
                vector.setValidity(i, 1);
                vector.setOffset(i, views[i][0]);
                vector.setSize(i, views[i][1]);
            }
            vector.setNull(3);
            vector.setValueCount(views.length);
            root.setRowCount(views.length);
        }), new DictionaryProvider.MapDictionaryProvider(), IpcOption.DEFAULT);
        assertThat(decodeColumn(stream, "lv", new ArrayType(INTEGER))).containsExactly(
                List.of(20L, 30L),
                List.of(10L, 20L, 30L),
                List.of(),
                null,
                Arrays.asList(30L, null),
                Arrays.asList((Object) null));
        assertThat(decodeColumn(stream, "lv", new ArrayType(BIGINT))).hasSize(6);

        Field large = listOf("lv", ArrowType.LargeListView.INSTANCE, INT32);
        Slice outside = TestingArrowStreams.writeBuffers(new Schema(List.of(large)), IpcOption.DEFAULT, List.of(new BufferBatch(2,
                List.of(new ArrowFieldNode(2, 0), new ArrowFieldNode(3, 0)),
                List.of(new byte[0], longs(0, 2), longs(2, 2), new byte[0], ints(1, 2, 3)))));
        assertThatThrownBy(() -> decodeColumn(outside, "lv", new ArrayType(INTEGER)))
                .isInstanceOf(IpcFormatException.class)
                .hasMessageContaining("column 'lv'")
                .hasMessageContaining("list view 1 (offset 2, size 2) lies outside the 3 elements of its child");
        Slice negative = TestingArrowStreams.writeBuffers(new Schema(List.of(large)), IpcOption.DEFAULT, List.of(new BufferBatch(2,
                List.of(new ArrowFieldNode(2, 0), new ArrowFieldNode(3, 0)),
                List.of(new byte[0], longs(0, 2), longs(2, -1), new byte[0], ints(1, 2, 3)))));
        assertThatThrownBy(() -> decodeColumn(negative, "lv", new ArrayType(INTEGER)))
                .isInstanceOf(IpcFormatException.class)
                .hasMessageContaining("list view 1 (offset 2, size -1)");
        Slice huge = TestingArrowStreams.writeBuffers(new Schema(List.of(large)), IpcOption.DEFAULT, List.of(new BufferBatch(1,
                List.of(new ArrowFieldNode(1, 0), new ArrowFieldNode(3, 0)),
                List.of(new byte[0], longs(Long.MAX_VALUE), longs(2), new byte[0], ints(1, 2, 3)))));
        assertThatThrownBy(() -> decodeColumn(huge, "lv", new ArrayType(INTEGER)))
                .isInstanceOf(IpcFormatException.class)
                .hasMessageContaining("lies outside the 3 elements");
    }

    @Test
    void testUuid()
    {
        List<UUID> uuids = Arrays.asList(UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"), null, new UUID(-1, 1), UUID.randomUUID());
        Field other = new Field("other", new FieldType(true, new ArrowType.FixedSizeBinary(16), null, Map.of("ARROW:extension:name", "other.extension")), List.of());
        Slice stream = TestingArrowStreams.writeAs(
                new Schema(List.of(Field.nullable("id", ARROW_UUID), other)),
                new Schema(List.of(Field.nullable("id", ARROW_UUID), Field.nullable("other", new ArrowType.FixedSizeBinary(16)))),
                List.of(List.of(uuids, Arrays.asList(new byte[16], null, new byte[16], new byte[16])), List.of(uuids.subList(0, 1), List.of(new byte[16]))));
        assertThat(IpcSchemaReader.readColumns(stream)).containsExactly(new IpcColumn("id", UuidType.UUID), new IpcColumn("other", VARBINARY));
        List<Object> expected = new ArrayList<>(uuids);
        expected.add(uuids.getFirst());
        assertThat(decodeColumn(stream, "id", UuidType.UUID)).isEqualTo(expected);

        List<Object> objectValues = new ArrayList<>();
        new IpcStreamDecoder(List.of(new IpcColumn("id", UuidType.UUID))).decode(stream, batch -> {
            Block block = batch.blocks()[0];
            for (int position = 0; position < block.getPositionCount(); position++) {
                objectValues.add(UuidType.UUID.getObjectValue(null, block, position));
            }
        });
        assertThat(objectValues).isEqualTo(expected.stream().map(value -> value == null ? null : value.toString()).toList());
    }

    @Test
    void testDictionaryEncodedValues()
    {
        DictionaryEncoding viewEncoding = new DictionaryEncoding(1, false, new ArrowType.Int(8, true));
        DictionaryEncoding intervalEncoding = new DictionaryEncoding(2, false, new ArrowType.Int(16, true));
        ViewVarCharVector views = new ViewVarCharVector("views", TestingArrowStreams.ALLOCATOR);
        TestingArrowStreams.setAll(views, List.of("short", "a value longer than twelve bytes"));
        IntervalMonthDayNanoVector intervals = new IntervalMonthDayNanoVector("intervals", TestingArrowStreams.ALLOCATOR);
        TestingArrowStreams.setAll(intervals, List.of(List.of(1, 2, 3L), List.of(-1, -2, -3L)));
        DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider(new Dictionary(views, viewEncoding), new Dictionary(intervals, intervalEncoding));
        Schema schema = new Schema(List.of(
                new Field("v", new FieldType(true, new ArrowType.Int(8, true), viewEncoding), List.of()),
                new Field("iv", new FieldType(true, new ArrowType.Int(16, true), intervalEncoding), List.of())));
        Slice stream = TestingArrowStreams.writeRoots(schema, List.of(root -> {
            TestingArrowStreams.setAll(root.getVector(0), Arrays.asList((byte) 1, null, (byte) 0));
            TestingArrowStreams.setAll(root.getVector(1), Arrays.asList((short) 0, (short) 1, null));
            root.setRowCount(3);
        }), provider, IpcOption.DEFAULT);
        views.close();
        intervals.close();

        Type intervalType = MONTH_DAY_NANO;
        assertThat(IpcSchemaReader.readColumns(stream)).containsExactly(new IpcColumn("v", VARCHAR), new IpcColumn("iv", intervalType));
        assertThat(Decoded.decode(stream, IpcSchemaReader.readColumns(stream)).columns()).containsExactly(
                Arrays.asList("a value longer than twelve bytes", null, "short"),
                Arrays.asList(List.of(1L, 2L, 3L), List.of(-1L, -2L, -3L), null));
    }

    @Test
    void testSchemaEvolution()
    {
        Slice stream = TestingArrowStreams.write(
                List.of(
                        Field.nullable("i8", INT8),
                        Field.nullable("i64", INT64),
                        Field.nullable("f16", new ArrowType.FloatingPoint(FloatingPointPrecision.HALF)),
                        Field.nullable("f32", FLOAT32),
                        Field.nullable("f64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                        Field.nullable("n", ArrowType.Null.INSTANCE),
                        Field.nullable("sv", ArrowType.Utf8View.INSTANCE),
                        Field.nullable("bin", ArrowType.Binary.INSTANCE),
                        Field.nullable("u64", new ArrowType.Int(64, false)),
                        runEndEncoded("ree", INT32, INT8),
                        listOf("lv", ArrowType.ListView.INSTANCE, INT8),
                        decimalField("d", 10, 2, 128),
                        Field.nullable("id", ARROW_UUID),
                        Field.nullable("iv", new ArrowType.Interval(IntervalUnit.YEAR_MONTH)),
                        union("su", UnionMode.Sparse, new int[] {0, 1}, INT32, ArrowType.Utf8.INSTANCE)),
                List.of(List.of(
                        List.of((byte) -1),
                        List.of(1L << 40),
                        List.of(Float.floatToFloat16(1.5f)),
                        List.of(2.5f),
                        List.of(3.5),
                        Arrays.asList((Object) null),
                        List.of("view"),
                        List.of(new byte[] {1}),
                        List.of(-1L),
                        List.of((byte) 7),
                        List.of(List.of((byte) 1, (byte) 2)),
                        List.of(new BigDecimal("1.25")),
                        List.of(new UUID(1, 2)),
                        List.of(List.of(13)),
                        List.of(new UnionValue(0, 0, 42)))));

        assertEvolution(stream, "i8", BIGINT, -1L);
        assertEvolution(stream, "i8", SMALLINT, -1L);
        assertEvolution(stream, "i64", BIGINT, 1L << 40);
        assertEvolution(stream, "f16", REAL, 1.5f);
        assertEvolution(stream, "f16", DOUBLE, 1.5);
        assertEvolution(stream, "f32", DOUBLE, 2.5);
        assertEvolution(stream, "f64", DOUBLE, 3.5);
        assertEvolution(stream, "n", VARCHAR, null);
        assertEvolution(stream, "n", new ArrayType(BIGINT), null);
        assertEvolution(stream, "sv", VARCHAR, "view");
        assertEvolution(stream, "bin", VARBINARY, "01");
        assertEvolution(stream, "u64", createDecimalType(20, 0), new BigDecimal("18446744073709551615"));
        assertEvolution(stream, "ree", TINYINT, 7L);
        assertEvolution(stream, "ree", BIGINT, 7L);
        assertEvolution(stream, "lv", new ArrayType(TINYINT), List.of(1L, 2L));
        assertEvolution(stream, "lv", new ArrayType(INTEGER), List.of(1L, 2L));
        assertEvolution(stream, "d", createDecimalType(10, 2), new BigDecimal("1.25"));
        assertEvolution(stream, "id", UuidType.UUID, new UUID(1, 2));
        assertEvolution(stream, "iv", YEAR_MONTH, List.of(13L));
        assertEvolution(stream, "su", unionType(BIGINT, VARCHAR), Arrays.asList(0L, 42L, null));
        assertEvolution(stream, "su", RowType.from(List.of(RowType.field("field1", VARCHAR), RowType.field("tag", TINYINT), RowType.field("field7", DATE))), Arrays.asList(null, 0L, null));

        assertEvolutionRefused(stream, "i64", INTEGER, "'i64'", "int64 (Trino bigint)", "table's type integer");
        assertEvolutionRefused(stream, "i8", DOUBLE, "'i8'", "int8", "double");
        assertEvolutionRefused(stream, "f64", REAL, "'f64'", "float64", "real");
        assertEvolutionRefused(stream, "bin", VARCHAR, "'bin'", "binary (Trino varbinary)", "varchar");
        assertEvolutionRefused(stream, "sv", VARBINARY, "'sv'", "utf8_view (Trino varchar)", "varbinary");
        assertEvolutionRefused(stream, "u64", BIGINT, "'u64'", "uint64", "bigint");
        assertEvolutionRefused(stream, "ree", VARCHAR, "'ree'", "int8", "varchar");
        assertEvolutionRefused(stream, "lv", new ArrayType(VARCHAR), "'lv[]'", "int8", "varchar");
        assertEvolutionRefused(stream, "lv", VARCHAR, "'lv'", "list_view<int8>", "varchar");
        assertEvolutionRefused(stream, "d", createDecimalType(12, 2), "'d'", "decimal128(10, 2)", "decimal(12,2)");
        assertEvolutionRefused(stream, "id", VARBINARY, "'id'", "fixed_size_binary(16) (Trino uuid)", "varbinary");
        assertEvolutionRefused(stream, "iv", RowType.from(List.of(RowType.field("months", BIGINT))), "'iv'", "interval[year_month]", "row(months bigint)");
        assertEvolutionRefused(stream, "su", RowType.from(List.of(RowType.field("field0", INTEGER))), "'su'", "sparse_union<int32, utf8>", "row(field0 integer)");
        assertEvolutionRefused(stream, "su", unionType(VARCHAR, VARCHAR), "'su.field0'", "int32", "varchar");
    }

    @Test
    void testArrowTestingStreamsOfEveryType()
            throws IOException
    {
        List<String> names = List.of("null", "null_trivial", "decimal", "decimal256", "decimal32", "decimal64", "duration", "interval", "interval_mdn", "union",
                "run_end_encoded", "binary_view", "list_view", "extension");
        int decoded = 0;
        for (String folder : List.of("1.0.0-littleendian", "cpp-21.0.0")) {
            for (String name : names) {
                Path file = ARROW_TESTING_INTEGRATION.resolve(folder).resolve("generated_%s.stream".formatted(name));
                // 1.0.0's decimals exceed their precision (see TestIpcStreamDecoderHardening), its union columns share names
                if (!Files.exists(file) || (folder.startsWith("1.0.0") && (name.startsWith("decimal") || name.equals("union")))) {
                    continue;
                }
                Slice stream = Slices.wrappedBuffer(Files.readAllBytes(file));
                List<IpcColumn> columns = IpcSchemaReader.readColumns(stream);
                assertThat(Decoded.decode(stream, columns).rowCount()).as(file.toString()).isEqualTo(IpcStreamDecoder.countRows(stream));
                decoded++;
            }
        }
        // every cpp-21.0.0 file, and 1.0.0's null, null_trivial, interval and extension
        assertThat(decoded).isEqualTo(names.size() + 4);

        Slice extension = Slices.wrappedBuffer(Files.readAllBytes(ARROW_TESTING_INTEGRATION.resolve("cpp-21.0.0/generated_extension.stream")));
        assertThat(IpcSchemaReader.readColumns(extension)).containsExactly(new IpcColumn("uuids", UuidType.UUID), new IpcColumn("dict_exts", VARCHAR));
    }

    private static void assertDecimalLimit(int precision, int scale, int bitWidth)
    {
        BigInteger max = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
        Type type = precision <= 38 ? createDecimalType(precision, scale) : VARCHAR;
        Function<BigInteger, Object> expected = unscaled -> precision <= 38 ? new BigDecimal(unscaled, scale) : new BigDecimal(unscaled, scale).toPlainString();
        Slice stream = decimalStream(precision, scale, bitWidth, max, max.negate(), BigInteger.ZERO);
        assertThat(decodeColumn(stream, "d", type)).containsExactly(expected.apply(max), expected.apply(max.negate()), expected.apply(BigInteger.ZERO));
        assertDecimalRefused(precision, scale, bitWidth, max.add(BigInteger.ONE));
        assertDecimalRefused(precision, scale, bitWidth, max.add(BigInteger.ONE).negate());
    }

    private static void assertDecimalRefused(int precision, int scale, int bitWidth, BigInteger unscaled)
    {
        if (unscaled.bitLength() >= bitWidth) {
            // the value cannot be written in this width
            return;
        }
        Slice stream = decimalStream(precision, scale, bitWidth, BigInteger.ONE, unscaled);
        Type type = precision <= 38 ? createDecimalType(precision, scale) : VARCHAR;
        assertThatThrownBy(() -> decodeColumn(stream, "d", type))
                .as("decimal%s(%s, %s) %s", bitWidth, precision, scale, unscaled)
                .isInstanceOf(IpcFormatException.class)
                .isNotInstanceOf(UnsupportedArrowTypeException.class)
                .hasMessageContaining("column 'd'")
                .hasMessageContaining("the value at position 1 does not fit decimal%s(%s, %s)".formatted(bitWidth, precision, scale));
    }

    /**
     * One column {@code d} of the given decimal type holding the unscaled values, whatever they are.
     */
    private static Slice decimalStream(int precision, int scale, int bitWidth, BigInteger... unscaled)
    {
        byte[] data = new byte[0];
        for (BigInteger value : unscaled) {
            data = concat(data, littleEndian(value, bitWidth / 8));
        }
        return TestingArrowStreams.writeBuffers(new Schema(List.of(decimalField("d", precision, scale, bitWidth))), IpcOption.DEFAULT, List.of(new BufferBatch(unscaled.length,
                List.of(new ArrowFieldNode(unscaled.length, 0)),
                List.of(new byte[0], data))));
    }

    private static List<Object> decodeRunEnds(int length, int runEndNullCount, byte[] runEnds, int valueCount)
    {
        int[] values = new int[valueCount];
        for (int i = 0; i < valueCount; i++) {
            values[i] = i + 1;
        }
        Slice stream = TestingArrowStreams.writeBuffers(new Schema(List.of(runEndEncoded("r", INT32, INT32))), IpcOption.DEFAULT, List.of(new BufferBatch(length,
                List.of(new ArrowFieldNode(length, 0), new ArrowFieldNode(runEnds.length / 4, runEndNullCount), new ArrowFieldNode(valueCount, 0)),
                List.of(new byte[0], runEnds, new byte[0], ints(values)))));
        return decodeColumn(stream, "r", INTEGER);
    }

    private static void assertRunEndsRefused(int length, int runEndNullCount, byte[] runEnds, int valueCount, String message)
    {
        assertThatThrownBy(() -> decodeRunEnds(length, runEndNullCount, runEnds, valueCount))
                .isInstanceOf(IpcFormatException.class)
                .hasMessageContaining("column 'r")
                .hasMessageContaining(message);
    }

    private static List<Object> decodeViews(byte[] first, byte[] second, List<byte[]> dataBuffers, List<Long> variadicBufferCounts)
    {
        List<byte[]> buffers = new ArrayList<>(List.of(new byte[0], concat(first, second)));
        buffers.addAll(dataBuffers);
        Slice stream = TestingArrowStreams.writeBuffers(new Schema(List.of(Field.nullable("v", ArrowType.Utf8View.INSTANCE))), IpcOption.DEFAULT, List.of(new BufferBatch(2,
                List.of(new ArrowFieldNode(2, 0)),
                buffers,
                variadicBufferCounts)));
        return decodeColumn(stream, "v", VARCHAR);
    }

    private static void assertViewsRefused(byte[] first, byte[] second, List<byte[]> dataBuffers, List<Long> variadicBufferCounts, String message)
    {
        assertThatThrownBy(() -> decodeViews(first, second, dataBuffers, variadicBufferCounts))
                .isInstanceOf(IpcFormatException.class)
                .hasMessageContaining("column 'v'")
                .hasMessageContaining(message);
    }

    private static byte[] view(int length, String inline)
    {
        ByteBuffer view = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        view.putInt(length);
        view.put(inline.getBytes(UTF_8));
        return view.array();
    }

    private static byte[] outOfLine(int length, int bufferIndex, int offset)
    {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(length).putInt(0).putInt(bufferIndex).putInt(offset).array();
    }

    private static void assertEvolution(Slice stream, String column, Type tableType, Object expected)
    {
        assertThat(decodeColumn(stream, column, tableType)).as("%s as %s", column, tableType).containsExactly(expected);
    }

    private static void assertEvolutionRefused(Slice stream, String column, Type tableType, String... messageParts)
    {
        assertThatThrownBy(() -> decodeColumn(stream, column, tableType))
                .as("%s as %s", column, tableType)
                .isInstanceOf(UnsupportedArrowTypeException.class)
                .hasMessageContainingAll(messageParts);
    }

    private static List<Object> decodeColumn(Slice stream, String name, Type type)
    {
        return Decoded.decode(stream, List.of(new IpcColumn(name, type))).columns().getFirst();
    }

    private static Column column(Field field, Type trinoType, Function<Random, Object> generator, Function<Object, Object> expected)
    {
        return new Column(field, field, trinoType, generator, expected);
    }

    private static Field decimalField(String name, int precision, int scale, int bitWidth)
    {
        return Field.nullable(name, new ArrowType.Decimal(precision, scale, bitWidth));
    }

    private static Field runEndEncoded(String name, ArrowType runEndType, ArrowType valueType)
    {
        return new Field(name, FieldType.notNullable(ArrowType.RunEndEncoded.INSTANCE), List.of(Field.notNullable("run_ends", runEndType), Field.nullable("values", valueType)));
    }

    private static Field listOf(String name, ArrowType listType, ArrowType elementType)
    {
        return new Field(name, FieldType.nullable(listType), List.of(Field.nullable("item", elementType)));
    }

    private static Field union(String name, UnionMode mode, int[] typeIds, ArrowType... childTypes)
    {
        List<Field> children = new ArrayList<>();
        for (int i = 0; i < childTypes.length; i++) {
            children.add(Field.nullable("c" + i, childTypes[i]));
        }
        return new Field(name, FieldType.nullable(new ArrowType.Union(mode, typeIds)), children);
    }

    private static RowType unionType(Type... childTypes)
    {
        List<RowType.Field> fields = new ArrayList<>();
        fields.add(RowType.field("tag", TINYINT));
        for (int i = 0; i < childTypes.length; i++) {
            fields.add(RowType.field("field" + i, childTypes[i]));
        }
        return RowType.from(fields);
    }

    @SafeVarargs
    private static UnionValue randomUnionValue(Random random, int[] typeIds, Function<Random, Object>... children)
    {
        int child = random.nextInt(children.length);
        return new UnionValue(child, typeIds[child], random.nextInt(5) == 0 ? null : children[child].apply(random));
    }

    /**
     * The union row read back: the tag, then the value in the selected child's field.
     */
    private static Object unionRow(Object value, int childCount)
    {
        UnionValue union = (UnionValue) value;
        List<Object> row = new ArrayList<>();
        row.add((long) union.child());
        for (int child = 0; child < childCount; child++) {
            row.add(child == union.child() ? expectedScalar(union.value()) : null);
        }
        return row;
    }

    private static Object expectedScalar(Object value)
    {
        return switch (value) {
            case null -> null;
            case Integer v -> v.longValue();
            case Short v -> v.longValue();
            case byte[] v -> HexFormat.of().formatHex(v);
            default -> value;
        };
    }

    private static List<Object> randomList(Random random, Function<Random, Object> element)
    {
        List<Object> list = new ArrayList<>();
        int size = random.nextInt(5);
        for (int i = 0; i < size; i++) {
            list.add(random.nextInt(6) == 0 ? null : element.apply(random));
        }
        return list;
    }

    private static Object asLongs(Object values)
    {
        return ((List<?>) values).stream().map(value -> value == null ? null : ((Number) value).longValue()).toList();
    }

    private static String randomString(Random random, int maxLength)
    {
        StringBuilder builder = new StringBuilder();
        int length = random.nextInt(maxLength);
        for (int i = 0; i < length; i++) {
            builder.appendCodePoint(random.nextInt(10) == 0 ? 0x1F600 + random.nextInt(50) : 'a' + random.nextInt(26));
        }
        return builder.toString();
    }

    private static BigDecimal randomDecimal(Random random, int bits, int scale)
    {
        BigInteger unscaled = new BigInteger(bits, random);
        return new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), scale);
    }

    private static byte[] littleEndian(BigInteger value, int byteWidth)
    {
        byte[] bigEndian = value.toByteArray();
        byte[] bytes = new byte[byteWidth];
        Arrays.fill(bytes, value.signum() < 0 ? (byte) -1 : 0);
        for (int i = 0; i < Math.min(bigEndian.length, byteWidth); i++) {
            bytes[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return bytes;
    }

    private static byte[] bytes(int... values)
    {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] ints(int... values)
    {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            buffer.putInt(value);
        }
        return buffer.array();
    }

    private static byte[] longs(long... values)
    {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            buffer.putLong(value);
        }
        return buffer.array();
    }

    private static byte[] concat(byte[] first, byte[] second)
    {
        byte[] bytes = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, bytes, first.length, second.length);
        return bytes;
    }
}
