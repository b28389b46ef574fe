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
import io.trino.spi.block.DictionaryBlock;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.TypeOperators;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.MetadataVersion;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestIpcStreamDecoder
{
    private static final ArrowType INT8 = new ArrowType.Int(8, true);
    private static final ArrowType INT16 = new ArrowType.Int(16, true);
    private static final ArrowType INT32 = new ArrowType.Int(32, true);
    private static final ArrowType INT64 = new ArrowType.Int(64, true);
    private static final ArrowType FLOAT32 = new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE);

    @Test
    void testNestedTypes()
    {
        Field items = new Field("Items", FieldType.nullable(ArrowType.List.INSTANCE), List.of(
                new Field("item", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(Field.nullable("X", INT32), Field.nullable("y", ArrowType.Utf8.INSTANCE)))));
        Field map = new Field("m", FieldType.nullable(new ArrowType.Map(false)), List.of(
                new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(Field.notNullable("key", ArrowType.Utf8.INSTANCE), Field.nullable("value", INT64)))));
        Field pair = new Field("pair", FieldType.nullable(new ArrowType.FixedSizeList(2)), List.of(Field.nullable("item", INT16)));
        Field large = new Field("large", FieldType.nullable(ArrowType.LargeList.INSTANCE), List.of(Field.nullable("item", ArrowType.LargeUtf8.INSTANCE)));
        Field nestedLists = new Field("lists", FieldType.nullable(ArrowType.List.INSTANCE), List.of(
                new Field("item", FieldType.nullable(ArrowType.List.INSTANCE), List.of(Field.nullable("item", INT8)))));

        List<Object> itemValues = Arrays.asList(
                List.of(Arrays.asList(1, "a"), Arrays.asList(null, "b")),
                null,
                List.of(),
                Arrays.asList(Arrays.asList(3, null), null));
        List<Object> mapValues = Arrays.asList(linkedMap("a", 1L, "b", null), null, Map.of(), Map.of("z", 5L));
        List<Object> pairValues = Arrays.asList(List.of((short) 1, (short) 2), Arrays.asList(null, (short) 4), null, List.of((short) 5, (short) 6));
        List<Object> largeValues = Arrays.asList(List.of("x", "yy"), null, Arrays.asList("z", null), List.of());
        List<Object> listValues = Arrays.asList(List.of(List.of((byte) 1), List.of()), Arrays.asList(null, List.of((byte) 2, (byte) 3)), null, List.of());

        Slice stream = TestingArrowStreams.write(List.of(items, map, pair, large, nestedLists), List.of(
                List.of(itemValues, mapValues, pairValues, largeValues, listValues),
                List.of(itemValues.subList(0, 2), mapValues.subList(0, 2), pairValues.subList(0, 2), largeValues.subList(0, 2), listValues.subList(0, 2))));

        RowType itemType = RowType.from(List.of(RowType.field("x", INTEGER), RowType.field("y", VARCHAR)));
        List<IpcColumn> columns = IpcSchemaReader.readColumns(stream);
        assertThat(columns).containsExactly(
                new IpcColumn("items", new ArrayType(itemType)),
                new IpcColumn("m", new io.trino.spi.type.MapType(VARCHAR, BIGINT, new TypeOperators())),
                new IpcColumn("pair", new ArrayType(SMALLINT)),
                new IpcColumn("large", new ArrayType(VARCHAR)),
                new IpcColumn("lists", new ArrayType(new ArrayType(TINYINT))));

        Decoded decoded = Decoded.decode(stream, columns);
        assertThat(decoded.batchSizes()).containsExactly(4, 2);
        assertThat(decoded.columns().get(0)).isEqualTo(concat(Arrays.asList(
                List.of(Arrays.asList(1L, "a"), Arrays.asList(null, "b")),
                null,
                List.of(),
                Arrays.asList(Arrays.asList(3L, null), null)), 2));
        assertThat(decoded.columns().get(1)).isEqualTo(concat(Arrays.asList(linkedMap("a", 1L, "b", null), null, Map.of(), Map.of("z", 5L)), 2));
        assertThat(decoded.columns().get(2)).isEqualTo(concat(Arrays.asList(List.of(1L, 2L), Arrays.asList(null, 4L), null, List.of(5L, 6L)), 2));
        assertThat(decoded.columns().get(3)).isEqualTo(concat(largeValues, 2));
        assertThat(decoded.columns().get(4)).isEqualTo(concat(Arrays.asList(List.of(List.of(1L), List.of()), Arrays.asList(null, List.of(2L, 3L)), null, List.of()), 2));
    }

    @Test
    void testNullStructOverNonNullChildren()
    {
        Field struct = new Field("s", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(
                Field.nullable("a", INT32),
                new Field("l", FieldType.nullable(ArrowType.List.INSTANCE), List.of(Field.nullable("item", INT32)))));
        Slice stream = TestingArrowStreams.writeRoots(new Schema(List.of(struct)), List.of(root -> {
            StructVector vector = (StructVector) root.getVector(0);
            IntVector a = (IntVector) vector.getChild("a");
            ListVector list = (ListVector) vector.getChild("l");
            for (int row = 0; row < 3; row++) {
                a.setSafe(row, row + 7);
                TestingArrowStreams.set(list, row, List.of(row, row));
                vector.setIndexDefined(row);
            }
            // the struct's row 1 is null, its children are not
            vector.setNull(1);
            root.setRowCount(3);
        }), new DictionaryProvider.MapDictionaryProvider(), IpcOption.DEFAULT);

        Decoded decoded = Decoded.decode(stream, IpcSchemaReader.readColumns(stream));
        assertThat(decoded.columns().getFirst()).isEqualTo(Arrays.asList(List.of(7L, List.of(0L, 0L)), null, List.of(9L, List.of(2L, 2L))));
    }

    @Test
    void testDictionaryEncodedStrings()
    {
        TestingArrowStreams.StringDictionary dictionary = new TestingArrowStreams.StringDictionary(
                List.of("red", "green", "blue"),
                List.of(1),
                new DictionaryEncoding(0, false, new ArrowType.Int(8, true)));
        Schema schema = new Schema(List.of(Field.nullable("id", INT32), Field.nullable("color", ArrowType.Utf8.INSTANCE)));
        Slice stream = TestingArrowStreams.write(schema, List.of(
                List.of(List.of(1, 2, 3, 4), Arrays.asList("red", null, "blue", "red")),
                List.of(List.of(5), List.of("green"))), dictionary);

        List<IpcColumn> columns = IpcSchemaReader.readColumns(stream);
        assertThat(columns).containsExactly(new IpcColumn("id", INTEGER), new IpcColumn("color", VARCHAR));
        List<IpcColumn> colorOnly = List.of(columns.get(1));
        List<Object> colors = new ArrayList<>();
        new IpcStreamDecoder(colorOnly).decode(stream, batch -> {
            if (batch.positionCount() > 1) {
                assertThat(batch.blocks()[0]).isInstanceOf(DictionaryBlock.class);
            }
            colors.addAll(TrinoValues.read(VARCHAR, batch.blocks()[0]));
        });
        assertThat(colors).containsExactly("red", null, "blue", "red", "green");

        // the dictionary column is skipped when not requested
        assertThat(Decoded.decode(stream, List.of(columns.get(0))).columns().getFirst()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void testSchemaEvolution()
    {
        Field struct = new Field("s", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(Field.nullable("a", INT16), Field.nullable("b", ArrowType.Utf8.INSTANCE)));
        Field tags = new Field("tags", FieldType.nullable(ArrowType.List.INSTANCE), List.of(Field.nullable("item", INT8)));
        Slice stream = TestingArrowStreams.write(
                List.of(Field.nullable("ID", INT32), Field.nullable("name", ArrowType.LargeUtf8.INSTANCE), Field.nullable("score", FLOAT32), tags, struct, Field.nullable("extra", INT64)),
                List.of(List.of(
                        Arrays.asList(1, null),
                        Arrays.asList("one", "two"),
                        Arrays.asList(1.5f, null),
                        Arrays.asList(List.of((byte) 1), null),
                        Arrays.asList(Arrays.asList((short) 3, "x"), null),
                        Arrays.asList(10L, 20L))));

        RowType tableRow = RowType.from(List.of(RowType.field("b", VARCHAR), RowType.field("c", BIGINT), RowType.field("a", INTEGER)));
        List<IpcColumn> table = List.of(
                new IpcColumn("name", VARCHAR),
                new IpcColumn("id", BIGINT),
                new IpcColumn("missing", DOUBLE),
                new IpcColumn("score", DOUBLE),
                new IpcColumn("tags", new ArrayType(BIGINT)),
                new IpcColumn("s", tableRow));
        Decoded decoded = Decoded.decode(stream, table);
        assertThat(decoded.columns()).containsExactly(
                List.of("one", "two"),
                Arrays.asList(1L, null),
                Arrays.asList(null, null),
                Arrays.asList(1.5, null),
                Arrays.asList(List.of(1L), null),
                Arrays.asList(Arrays.asList("x", null, 3L), null));

        assertThatThrownBy(() -> Decoded.decode(stream, List.of(new IpcColumn("id", VARCHAR))))
                .isInstanceOf(UnsupportedArrowTypeException.class)
                .hasMessageContaining("'id'")
                .hasMessageContaining("int32")
                .hasMessageContaining("varchar");
        assertThatThrownBy(() -> Decoded.decode(stream, List.of(new IpcColumn("id", SMALLINT))))
                .isInstanceOf(UnsupportedArrowTypeException.class)
                .hasMessageContaining("int32");
        assertThatThrownBy(() -> Decoded.decode(stream, List.of(new IpcColumn("score", REAL), new IpcColumn("extra", DOUBLE))))
                .isInstanceOf(UnsupportedArrowTypeException.class)
                .hasMessageContaining("'extra'")
                .hasMessageContaining("int64");
        assertThatThrownBy(() -> Decoded.decode(stream, List.of(new IpcColumn("s", RowType.from(List.of(RowType.field("a", VARCHAR)))))))
                .isInstanceOf(UnsupportedArrowTypeException.class)
                .hasMessageContaining("'s.a'");
        assertThatThrownBy(() -> Decoded.decode(stream, List.of(new IpcColumn("tags", VARCHAR))))
                .isInstanceOf(UnsupportedArrowTypeException.class)
                .hasMessageContaining("list<int8>");
    }

    @Test
    void testZeroBatchesAndEmptyBatches()
    {
        List<Field> fields = List.of(Field.nullable("a", INT32), Field.nullable("b", ArrowType.Utf8.INSTANCE));
        Slice noBatches = TestingArrowStreams.write(fields, List.of());
        assertThat(IpcStreamDecoder.countRows(noBatches)).isZero();
        assertThat(Decoded.decode(noBatches, IpcSchemaReader.readColumns(noBatches)).batchSizes()).isEmpty();

        Slice emptyBatches = TestingArrowStreams.write(fields, List.of(List.of(List.of(), List.of()), List.of(List.of(), List.of())));
        assertThat(IpcStreamDecoder.countRows(emptyBatches)).isZero();
        assertThat(Decoded.decode(emptyBatches, IpcSchemaReader.readColumns(emptyBatches)).batchSizes()).isEmpty();

        // without the end-of-stream marker
        Slice unterminated = noBatches.slice(0, noBatches.length() - 8);
        assertThat(IpcStreamDecoder.countRows(unterminated)).isZero();
        assertThat(IpcSchemaReader.readColumns(unterminated)).hasSize(2);
    }

    @Test
    void testRowCountsOnly()
    {
        Slice stream = TestingArrowStreams.write(List.of(Field.nullable("a", INT32)), List.of(
                List.of(List.of(1, 2, 3)), List.of(List.of()), List.of(List.of(4, 5))));
        assertThat(IpcStreamDecoder.countRows(stream)).isEqualTo(5);
        Decoded decoded = Decoded.decode(stream, List.of());
        assertThat(decoded.batchSizes()).containsExactly(3, 2);
        // a column the record does not have: all null
        assertThat(Decoded.decode(stream, List.of(new IpcColumn("other", VARCHAR))).columns().getFirst()).containsExactly(null, null, null, null, null);
    }

    @Test
    void testLegacyFraming()
    {
        List<Field> fields = List.of(Field.nullable("a", INT32), Field.nullable("d", new ArrowType.Decimal(5, 1, 128)));
        List<List<List<?>>> batches = List.of(List.of(Arrays.asList(1, null, 3), Arrays.asList(new BigDecimal("1.5"), new BigDecimal("-2.0"), null)));
        Slice legacy = TestingArrowStreams.write(new Schema(fields), batches, null, new IpcOption(true, MetadataVersion.V4));
        Slice current = TestingArrowStreams.write(new Schema(fields), batches, null, IpcOption.DEFAULT);
        assertThat(legacy.getInt(0)).isNotEqualTo(-1);
        assertThat(current.getInt(0)).isEqualTo(-1);
        for (Slice stream : List.of(legacy, current)) {
            assertThat(IpcStreamDecoder.countRows(stream)).isEqualTo(3);
            assertThat(Decoded.decode(stream, IpcSchemaReader.readColumns(stream)).columns()).containsExactly(
                    Arrays.asList(1L, null, 3L),
                    Arrays.asList(new BigDecimal("1.5"), new BigDecimal("-2.0"), null));
        }
    }

    @Test
    void testOffsetsNotStartingAtZero()
    {
        Slice stream = TestingArrowStreams.writeRoots(new Schema(List.of(Field.nullable("s", ArrowType.Utf8.INSTANCE))), List.of(root -> {
            VarCharVector vector = (VarCharVector) root.getVector(0);
            vector.setSafe(0, "abc".getBytes(UTF_8));
            vector.setSafe(1, "de".getBytes(UTF_8));
            vector.setSafe(2, "f".getBytes(UTF_8));
            vector.setValueCount(3);
            // drop the first value by moving the offsets: [3, 5, 6] over the same data buffer
            vector.getOffsetBuffer().setInt(0, 3);
            vector.getOffsetBuffer().setInt(4, 5);
            vector.getOffsetBuffer().setInt(8, 6);
            vector.setLastSet(1);
            vector.setValueCount(2);
            root.setRowCount(2);
        }), new DictionaryProvider.MapDictionaryProvider(), IpcOption.DEFAULT);
        assertThat(Decoded.decode(stream, IpcSchemaReader.readColumns(stream)).columns().getFirst()).containsExactly("de", "f");
    }

    @Test
    void testUnsupportedTypes()
    {
        Field emptyStruct = new Field("n", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of());
        Slice stream = TestingArrowStreams.write(List.of(Field.nullable("a", INT32), emptyStruct, Field.nullable("b", INT64)), List.of(
                List.of(List.of(1, 2), Arrays.asList(null, null), List.of(3L, 4L))));
        assertThatThrownBy(() -> IpcSchemaReader.readColumns(stream))
                .isInstanceOf(UnsupportedArrowTypeException.class)
                .hasMessageContaining("'n'")
                .hasMessageContaining("struct without fields");
        // an unsupported column the query does not read is skipped
        assertThat(Decoded.decode(stream, List.of(new IpcColumn("b", BIGINT), new IpcColumn("a", INTEGER))).columns())
                .containsExactly(List.of(3L, 4L), List.of(1L, 2L));
        assertThatThrownBy(() -> Decoded.decode(stream, List.of(new IpcColumn("n", BIGINT))))
                .isInstanceOf(UnsupportedArrowTypeException.class)
                .hasMessageContaining("'n'");
    }

    /**
     * Errors found below the public API come out as its exception types, with the stack trace of where they
     * were found and no cause (a cause marks a runtime failure the decoder did not check for).
     */
    @Test
    void testErrorsComeOutAsPublicExceptions()
    {
        Slice stream = TestingArrowStreams.write(List.of(Field.nullable("a", INT32)), List.of(List.of(List.of(1, 2))));
        assertThatThrownBy(() -> IpcStreamDecoder.countRows(stream.slice(0, 2)))
                .isExactlyInstanceOf(IpcFormatException.class)
                .hasMessageContaining("truncated message prefix")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getStackTrace()[0].getClassName()).endsWith(".IpcMessageReader"));
        assertThatThrownBy(() -> Decoded.decode(stream, List.of(new IpcColumn("a", VARCHAR))))
                .isExactlyInstanceOf(UnsupportedArrowTypeException.class)
                .hasMessageContaining("cannot be read as the table's type varchar")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getStackTrace()[0].getClassName()).endsWith(".ColumnReaderFactory"));
    }

    private static Map<Object, Object> linkedMap(Object... keysAndValues)
    {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<Object> concat(List<Object> values, int prefixOfRepeat)
    {
        List<Object> result = new ArrayList<>(values);
        result.addAll(values.subList(0, prefixOfRepeat));
        return result;
    }
}
