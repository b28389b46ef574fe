package io.bytestream.arrow;

import io.trino.spi.type.ArrayType;
import io.trino.spi.type.DecimalType;
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
 * Chooses the {@link ColumnReader} that decodes a record's Arrow field into the table's Trino type:
 * the field's own type, or a safe widening of it (a wider integer, float to double). Nested types are
 * matched recursively. Anything else is an {@link UnsupportedArrowTypeException}. Remembers the dictionary
 * readers it creates, so the stream's dictionary batches can be loaded into them.
 */
final class ColumnReaderFactory
{
    private static final List<Type> INTEGER_WIDENING_ORDER = List.of(TINYINT, SMALLINT, INTEGER, BIGINT);

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
            case ArrowType.Int type when isIntegerWidening(TrinoTypes.integerType(type), tableType) -> new IntegerColumnReader(type, tableType, path);
            case ArrowType.FloatingPoint type when tableType.equals(DOUBLE) -> new FloatingPointColumnReader(type, true, path);
            case ArrowType.FloatingPoint type when tableType.equals(REAL) && type.bitWidth() != 64 -> new FloatingPointColumnReader(type, false, path);
            case ArrowType.Bool _ -> sameType(field, tableType, path, new BooleanColumnReader(path));
            case ArrowType.Decimal _ -> sameType(field, tableType, path, new DecimalColumnReader(tableType instanceof DecimalType decimal && decimal.isShort(), path));
            case ArrowType.VariableWidth type -> sameType(field, tableType, path, new VariableWidthColumnReader(type, path));
            case ArrowType.FixedSizeBinary type -> sameType(field, tableType, path, new FixedSizeBinaryColumnReader(type, path));
            case ArrowType.Date type -> sameType(field, tableType, path, new DateColumnReader(type, path));
            case ArrowType.Time type -> sameType(field, tableType, path, new TimeColumnReader(type, path));
            case ArrowType.Timestamp type -> sameType(field, tableType, path, new TimestampColumnReader(type, path));
            case ArrowType.List _, ArrowType.FixedSizeList _ when tableType instanceof ArrayType arrayType ->
                    new ListColumnReader(field.type(), create(field.children().getFirst(), arrayType.getElementType(), path + "[]"), path);
            case ArrowType.Struct _ when tableType instanceof RowType rowType -> structReader(field, rowType, path);
            case ArrowType.Map _ when tableType instanceof MapType mapType -> mapReader(field, mapType, path);
            default -> throw typeMismatch(field, tableType, path);
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

    private ColumnReader mapReader(ArrowField field, MapType mapType, String path)
    {
        List<ArrowField> entries = field.children().getFirst().children();
        ColumnReader keyReader = create(entries.get(0), mapType.getKeyType(), path + ".key");
        ColumnReader valueReader = create(entries.get(1), mapType.getValueType(), path + ".value");
        return new MapColumnReader(keyReader, valueReader, mapType, path);
    }

    private static boolean isIntegerWidening(Type recordType, Type tableType)
    {
        if (recordType.equals(tableType)) {
            return true;
        }
        int recordRank = INTEGER_WIDENING_ORDER.indexOf(recordType);
        int tableRank = INTEGER_WIDENING_ORDER.indexOf(tableType);
        return recordRank >= 0 && recordRank < tableRank;
    }

    private static ColumnReader sameType(ArrowField field, Type tableType, String path, ColumnReader reader)
    {
        if (!TrinoTypes.toTrinoType(field, path).equals(tableType)) {
            throw typeMismatch(field, tableType, path);
        }
        return reader;
    }

    private static UnsupportedArrowTypeException typeMismatch(ArrowField field, Type tableType, String path)
    {
        // an unsupported record type is reported as such rather than as a mismatch
        Type recordType = TrinoTypes.toTrinoType(field, path);
        return new UnsupportedArrowTypeException("Column '%s' has Arrow type %s (Trino %s) in this record, which cannot be read as the table's type %s".formatted(
                path, field.describeType(), recordType, tableType));
    }
}
