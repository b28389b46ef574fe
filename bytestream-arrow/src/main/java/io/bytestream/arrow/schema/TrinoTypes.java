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

package io.bytestream.arrow.schema;

import io.bytestream.arrow.format.UnsupportedTypeException;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Decimals;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.Type;
import io.trino.spi.type.TypeOperators;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TimeType.createTimeType;
import static io.trino.spi.type.TimestampType.createTimestampType;
import static io.trino.spi.type.TimestampWithTimeZoneType.createTimestampWithTimeZoneType;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.UuidType.UUID;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * The Trino type of each Arrow type (see the type table of the project contract). Where Trino has no
 * matching type, the documented choice: null is BOOLEAN (always NULL), an interval a ROW of its
 * components, a duration BIGINT in its unit, a union the Hive connector's ROW(tag, field0, ...), a
 * decimal256 beyond precision 38 its exact text; a run-end encoded field is the type of its values.
 */
public final class TrinoTypes
{
    public static final DecimalType UINT64_TYPE = createDecimalType(20, 0);
    public static final String UNION_TAG = "tag";
    private static final int MAX_DECIMAL256_PRECISION = 76;
    private static final String UNION_FIELD_PREFIX = "field";

    private static final TypeOperators TYPE_OPERATORS = new TypeOperators();

    private TrinoTypes() {}

    public static String columnName(ArrowField field)
    {
        return field.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param path the column (and nested field) name, for the error message
     * @throws UnsupportedTypeException if Trino has no type for the field
     */
    public static Type toTrinoType(ArrowField field, String path)
    {
        return switch (field.type()) {
            case ArrowType.Bool _ -> BOOLEAN;
            case ArrowType.Int type -> integerType(type);
            case ArrowType.FloatingPoint type -> type.bitWidth() == 64 ? DOUBLE : REAL;
            case ArrowType.Decimal type -> decimalType(type, path);
            case ArrowType.VariableWidth type -> type.utf8() ? VARCHAR : VARBINARY;
            case ArrowType.FixedSizeBinary _ -> field.isUuid() ? UUID : VARBINARY;
            case ArrowType.Date _ -> DATE;
            case ArrowType.Time type -> createTimeType(type.unit().precision());
            case ArrowType.Timestamp type -> type.timezone() == null
                    ? createTimestampType(type.unit().precision())
                    : createTimestampWithTimeZoneType(type.unit().precision());
            case ArrowType.List _, ArrowType.FixedSizeList _, ArrowType.ListView _ -> new ArrayType(toTrinoType(field.children().getFirst(), path + "[]"));
            case ArrowType.Struct _ -> rowType(field, path);
            case ArrowType.Map _ -> mapType(field, path);
            case ArrowType.Null _ -> BOOLEAN;
            case ArrowType.Interval type -> intervalType(type.unit());
            case ArrowType.Duration _ -> BIGINT;
            case ArrowType.Union _ -> unionType(field, path);
            case ArrowType.RunEndEncoded _ -> toTrinoType(field.children().get(1), path);
            case ArrowType.View type -> type.utf8() ? VARCHAR : VARBINARY;
        };
    }

    static RowType intervalType(ArrowType.IntervalUnit unit)
    {
        return switch (unit) {
            case YEAR_MONTH -> RowType.from(List.of(RowType.field("months", INTEGER)));
            case DAY_TIME -> RowType.from(List.of(RowType.field("days", INTEGER), RowType.field("milliseconds", INTEGER)));
            case MONTH_DAY_NANO -> RowType.from(List.of(RowType.field("months", INTEGER), RowType.field("days", INTEGER), RowType.field("nanoseconds", BIGINT)));
        };
    }

    /**
     * The Hive connector's row for a union: {@code tag}, the index of the child selected at the position,
     * then one field per child, of which only the selected one is not null.
     */
    private static RowType unionType(ArrowField field, String path)
    {
        if (field.children().isEmpty()) {
            throw new UnsupportedTypeException("Column '%s': a union without children has no Trino type".formatted(path));
        }
        List<RowType.Field> fields = new ArrayList<>(field.children().size() + 1);
        fields.add(RowType.field(UNION_TAG, TINYINT));
        for (int i = 0; i < field.children().size(); i++) {
            String name = unionFieldName(i);
            fields.add(RowType.field(name, toTrinoType(field.children().get(i), path + "." + name)));
        }
        return RowType.from(fields);
    }

    public static String unionFieldName(int child)
    {
        return UNION_FIELD_PREFIX + child;
    }

    public static Type integerType(ArrowType.Int type)
    {
        return switch (type.bitWidth()) {
            case 8 -> type.signed() ? TINYINT : SMALLINT;
            case 16 -> type.signed() ? SMALLINT : INTEGER;
            case 32 -> type.signed() ? INTEGER : BIGINT;
            case 64 -> type.signed() ? BIGINT : UINT64_TYPE;
            default -> throw new IllegalArgumentException("bit width " + type.bitWidth());
        };
    }

    /**
     * A decimal of precision 1 to 38 is a Trino decimal; a decimal256 of a greater precision is its exact
     * text, as Trino has no wider decimal.
     */
    private static Type decimalType(ArrowType.Decimal type, String path)
    {
        if (type.precision() >= 1 && type.scale() >= 0 && type.scale() <= type.precision()) {
            if (type.precision() <= Decimals.MAX_PRECISION) {
                return createDecimalType(type.precision(), type.scale());
            }
            if (type.bitWidth() == 256 && type.precision() <= MAX_DECIMAL256_PRECISION) {
                return VARCHAR;
            }
        }
        throw new UnsupportedTypeException("Column '%s': Arrow type %s has no Trino type (precision 1 to 38, or up to 76 for decimal256; scale 0 to precision)".formatted(path, type));
    }

    private static RowType rowType(ArrowField field, String path)
    {
        if (field.children().isEmpty()) {
            throw new UnsupportedTypeException("Column '%s': a struct without fields has no Trino type".formatted(path));
        }
        List<RowType.Field> fields = new ArrayList<>(field.children().size());
        for (ArrowField child : field.children()) {
            String name = columnName(child);
            Type type = toTrinoType(child, path + "." + name);
            fields.add(name.isEmpty() ? RowType.field(type) : RowType.field(name, type));
        }
        return RowType.from(fields);
    }

    private static MapType mapType(ArrowField field, String path)
    {
        List<ArrowField> entries = field.children().getFirst().children();
        return mapType(toTrinoType(entries.get(0), path + ".key"), toTrinoType(entries.get(1), path + ".value"), path);
    }

    static MapType mapType(Type keyType, Type valueType, String path)
    {
        if (!keyType.isComparable()) {
            throw new UnsupportedTypeException("Column '%s': map key type %s is not comparable in Trino".formatted(path, keyType));
        }
        return new MapType(keyType, valueType, TYPE_OPERATORS);
    }
}
