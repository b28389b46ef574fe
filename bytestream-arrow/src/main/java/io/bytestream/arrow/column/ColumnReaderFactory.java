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

package io.bytestream.arrow.column;

import io.bytestream.arrow.format.UnsupportedTypeException;
import io.bytestream.arrow.schema.ArrowField;
import io.bytestream.arrow.schema.ArrowType;
import io.bytestream.arrow.schema.TrinoTypes;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TinyintType.TINYINT;

/**
 * Chooses the {@link ColumnReader} that decodes a record's Arrow field into the table's Trino type. This is
 * where the schema evolution rule lives: a record field is read into a table type when
 * <ol>
 * <li>its own Trino type ({@link TrinoTypes}) is the table type, however it is encoded: utf8, large_utf8
 * and utf8_view are all VARCHAR, date32 and date64 DATE, and a dictionary or run-end encoding does not
 * matter;</li>
 * <li>it is an integer whose Trino type is narrower in TINYINT &lt; SMALLINT &lt; INTEGER &lt; BIGINT
 * (uint64, DECIMAL(20, 0), is read only as itself);</li>
 * <li>it is float16 or float32 (REAL) and the table type is DOUBLE;</li>
 * <li>it is null: every value is NULL, whatever the table type;</li>
 * <li>both are nested alike (a list, large list, fixed-size list or list view and an ARRAY, a struct or
 * union and a ROW, a map and a MAP) and each child can be read into its table counterpart by these rules;
 * row fields are matched by name ({@link FieldMatcher}; a union's children are {@code field0},
 * {@code field1}, ... next to its {@code tag}).</li>
 * </ol>
 * Anything else is an {@link UnsupportedTypeException} naming the column, the record's Arrow type and
 * the table's type. Remembers the dictionary readers it creates, so the stream's dictionary batches can be
 * loaded into them.
 */
final class ColumnReaderFactory
{
    private static final List<Type> INTEGER_WIDENING_ORDER = List.of(TINYINT, SMALLINT, INTEGER, BIGINT);
    private static final ArrowType.Int DURATION_STORAGE = new ArrowType.Int(64, true);

    private final List<DictionaryColumnReader> dictionaryReaders = new ArrayList<>();

    List<DictionaryColumnReader> dictionaryReaders()
    {
        return dictionaryReaders;
    }

    ColumnReader create(ArrowField field, Type tableType, String path)
    {
        if (field.isDictionaryEncoded()) {
            ColumnReader valueReader = create(field.dictionaryValueField(), tableType, path);
            DictionaryColumnReader reader = new DictionaryColumnReader(field.dictionary(), valueReader, tableType, path);
            dictionaryReaders.add(reader);
            return reader;
        }
        return switch (field.type()) {
            case ArrowType.Null _ -> new NullColumnReader(tableType, path);
            case ArrowType.RunEndEncoded _ -> new RunEndEncodedColumnReader((ArrowType.Int) field.children().get(0).type(), create(field.children().get(1), tableType, path), path);
            case ArrowType.List _, ArrowType.FixedSizeList _ when tableType instanceof ArrayType arrayType ->
                    new ListColumnReader(field.type(), create(field.children().getFirst(), arrayType.getElementType(), path + "[]"), path);
            case ArrowType.ListView type when tableType instanceof ArrayType arrayType ->
                    new ListViewColumnReader(type, create(field.children().getFirst(), arrayType.getElementType(), path + "[]"), path);
            case ArrowType.Struct _ when tableType instanceof RowType rowType -> structReader(field, rowType, path);
            case ArrowType.Union type when tableType instanceof RowType rowType -> unionReader(field, type, rowType, path);
            case ArrowType.Map _ when tableType instanceof MapType mapType -> mapReader(field, mapType, path);
            default -> {
                if (!isReadableAs(TrinoTypes.toTrinoType(field, path), tableType)) {
                    throw typeMismatch(field, tableType, path);
                }
                yield valueReader(field, tableType, path);
            }
        };
    }

    /**
     * Rules 1 to 3 for types without children.
     */
    private static boolean isReadableAs(Type recordType, Type tableType)
    {
        if (recordType.equals(tableType)) {
            return true;
        }
        if (recordType.equals(REAL) && tableType.equals(DOUBLE)) {
            return true;
        }
        int recordRank = INTEGER_WIDENING_ORDER.indexOf(recordType);
        int tableRank = INTEGER_WIDENING_ORDER.indexOf(tableType);
        return recordRank >= 0 && recordRank < tableRank;
    }

    /**
     * The reader of a type without children, once {@link #isReadableAs} allowed the table type.
     */
    private static ColumnReader valueReader(ArrowField field, Type tableType, String path)
    {
        return switch (field.type()) {
            case ArrowType.Bool _ -> new BooleanColumnReader(path);
            case ArrowType.Int type -> new IntegerColumnReader(type, tableType, path);
            case ArrowType.FloatingPoint type -> new FloatingPointColumnReader(type, tableType.equals(DOUBLE), path);
            case ArrowType.Decimal type -> new DecimalColumnReader(type, path);
            case ArrowType.VariableWidth type -> new VariableWidthColumnReader(type, path);
            case ArrowType.View _ -> new ViewColumnReader(path);
            case ArrowType.FixedSizeBinary type -> field.isUuid() ? new UuidColumnReader(path) : new FixedSizeBinaryColumnReader(type, path);
            case ArrowType.Date type -> new DateColumnReader(type, path);
            case ArrowType.Time type -> new TimeColumnReader(type, path);
            case ArrowType.Timestamp type -> new TimestampColumnReader(type, path);
            case ArrowType.Interval type -> new IntervalColumnReader(type, path);
            // a count of the unit, stored as int64
            case ArrowType.Duration _ -> new IntegerColumnReader(DURATION_STORAGE, BIGINT, path);
            case ArrowType.Null _, ArrowType.RunEndEncoded _, ArrowType.List _, ArrowType.FixedSizeList _, ArrowType.ListView _, ArrowType.Struct _, ArrowType.Union _, ArrowType.Map _ ->
                    throw typeMismatch(field, tableType, path);
        };
    }

    private ColumnReader structReader(ArrowField field, RowType rowType, String path)
    {
        List<Optional<String>> names = rowType.getFields().stream().map(RowType.Field::getName).toList();
        int[] rowFieldIndexes = FieldMatcher.match(field.children(), names);
        List<ColumnReader> childReaders = new ArrayList<>();
        for (int i = 0; i < field.children().size(); i++) {
            ArrowField child = field.children().get(i);
            String childPath = path + "." + TrinoTypes.columnName(child);
            childReaders.add(rowFieldIndexes[i] < 0
                    ? new SkippingColumnReader(child, childPath)
                    : create(child, rowType.getFields().get(rowFieldIndexes[i]).getType(), childPath));
        }
        return new StructColumnReader(childReaders, rowFieldIndexes, rowType, path);
    }

    private ColumnReader unionReader(ArrowField field, ArrowType.Union type, RowType rowType, String path)
    {
        int tagFieldIndex = rowFieldIndex(rowType, TrinoTypes.UNION_TAG);
        if (field.children().isEmpty() || tagFieldIndex < 0 || !rowType.getFields().get(tagFieldIndex).getType().equals(TINYINT)) {
            throw typeMismatch(field, rowType, path);
        }
        List<ColumnReader> childReaders = new ArrayList<>();
        int[] rowFieldIndexes = new int[field.children().size()];
        for (int i = 0; i < field.children().size(); i++) {
            ArrowField child = field.children().get(i);
            String name = TrinoTypes.unionFieldName(i);
            String childPath = path + "." + name;
            rowFieldIndexes[i] = rowFieldIndex(rowType, name);
            childReaders.add(rowFieldIndexes[i] < 0
                    ? new SkippingColumnReader(child, childPath)
                    : create(child, rowType.getFields().get(rowFieldIndexes[i]).getType(), childPath));
        }
        return new UnionColumnReader(type, childReaders, tagFieldIndex, rowFieldIndexes, rowType, path);
    }

    private static int rowFieldIndex(RowType rowType, String name)
    {
        List<RowType.Field> fields = rowType.getFields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).getName().equals(Optional.of(name))) {
                return i;
            }
        }
        return -1;
    }

    private ColumnReader mapReader(ArrowField field, MapType mapType, String path)
    {
        List<ArrowField> entries = field.children().getFirst().children();
        ColumnReader keyReader = create(entries.get(0), mapType.getKeyType(), path + ".key");
        ColumnReader valueReader = create(entries.get(1), mapType.getValueType(), path + ".value");
        return new MapColumnReader(keyReader, valueReader, mapType, path);
    }

    private static UnsupportedTypeException typeMismatch(ArrowField field, Type tableType, String path)
    {
        // an unsupported record type is reported as such rather than as a mismatch
        Type recordType = TrinoTypes.toTrinoType(field, path);
        return new UnsupportedTypeException("Column '%s' has Arrow type %s (Trino %s) in this record, which cannot be read as the table's type %s".formatted(
                path, field.describeType(), recordType, tableType));
    }
}
