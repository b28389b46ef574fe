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

import io.bytestream.arrow.format.FormatException;
import io.bytestream.arrow.message.IpcMessage;
import io.bytestream.arrow.schema.ArrowField.DictionaryEncoding;
import io.bytestream.arrow.schema.ArrowType.TimeUnit;
import org.apache.arrow.flatbuf.DateUnit;
import org.apache.arrow.flatbuf.Endianness;
import org.apache.arrow.flatbuf.Field;
import org.apache.arrow.flatbuf.KeyValue;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.Precision;
import org.apache.arrow.flatbuf.Schema;
import org.apache.arrow.flatbuf.Type;
import org.apache.arrow.flatbuf.UnionMode;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Reads the schema message into {@link ArrowField}s, checking the structure each type requires
 * (e.g. a list has exactly one child). Nesting depth and the total number of fields are bounded, since a
 * crafted flatbuffer can make a field its own child.
 */
public final class SchemaParser
{
    static final int MAX_NESTING_DEPTH = 64;
    static final int MAX_FIELD_COUNT = 10_000;
    private static final String EXTENSION_NAME_KEY = "ARROW:extension:name";

    private final IpcMessage message;
    private final short metadataVersion;
    private int fieldCount;

    private SchemaParser(IpcMessage message)
    {
        this.message = message;
        this.metadataVersion = message.message().version();
    }

    public static ArrowSchema parse(IpcMessage message)
    {
        checkSchemaMessage(message);
        return new SchemaParser(message).parseSchema();
    }

    /**
     * Checks that a stream's first message, null where the stream has none, is a schema message: the one check, and
     * message, of every reader of a stream, whether it decodes the stream or reads only its message headers.
     */
    public static void checkSchemaMessage(IpcMessage first)
    {
        if (first == null) {
            throw new FormatException("Invalid Arrow IPC stream: no schema message (empty stream)");
        }
        if (first.headerType() != MessageHeader.Schema) {
            throw new FormatException("Invalid Arrow IPC stream: the first message is %s, not a schema".formatted(IpcMessage.headerName(first.headerType())));
        }
    }

    private ArrowSchema parseSchema()
    {
        Schema schema = (Schema) message.message().header(new Schema());
        if (schema == null) {
            throw error("schema message without a schema");
        }
        ByteOrder byteOrder = switch (schema.endianness()) {
            case Endianness.Little -> LITTLE_ENDIAN;
            case Endianness.Big -> BIG_ENDIAN;
            default -> throw error("unknown endianness " + schema.endianness());
        };
        return new ArrowSchema(parseChildren(schema.fieldsLength(), schema::fields, 0, "schema"), metadataVersion, byteOrder);
    }

    private List<ArrowField> parseChildren(int count, ChildAccessor accessor, int depth, String parent)
    {
        if (count < 0 || count > MAX_FIELD_COUNT - fieldCount) {
            throw error("%s declares %s fields (at most %s fields in total are read)".formatted(parent, count, MAX_FIELD_COUNT));
        }
        List<ArrowField> children = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Field field = accessor.field(i);
            if (field == null) {
                throw error("%s: field %s is missing".formatted(parent, i));
            }
            children.add(parseField(field, depth));
        }
        return children;
    }

    private ArrowField parseField(Field field, int depth)
    {
        if (depth >= MAX_NESTING_DEPTH) {
            throw error("fields nested deeper than %s levels".formatted(MAX_NESTING_DEPTH));
        }
        fieldCount++;
        String name = field.name() == null ? "" : field.name();
        ArrowType type = parseType(field, name);
        List<ArrowField> children = parseChildren(field.childrenLength(), field::children, depth + 1, "field '%s'".formatted(name));
        checkChildren(name, type, children);
        DictionaryEncoding dictionary = null;
        org.apache.arrow.flatbuf.DictionaryEncoding encoding = field.dictionary();
        if (encoding != null) {
            dictionary = new DictionaryEncoding(encoding.id(), parseIndexType(name, encoding.indexType()));
        }
        return new ArrowField(name, field.nullable(), type, children, dictionary, extensionName(field));
    }

    private static String extensionName(Field field)
    {
        KeyValue entry = new KeyValue();
        for (int i = 0; i < field.customMetadataLength(); i++) {
            field.customMetadata(entry, i);
            if (EXTENSION_NAME_KEY.equals(entry.key())) {
                return entry.value();
            }
        }
        return null;
    }

    private ArrowType parseType(Field field, String name)
    {
        byte typeType = field.typeType();
        return switch (typeType) {
            case Type.Bool -> new ArrowType.Bool();
            case Type.Int -> {
                org.apache.arrow.flatbuf.Int type = (org.apache.arrow.flatbuf.Int) requireType(field, name, new org.apache.arrow.flatbuf.Int());
                yield intType(name, type.bitWidth(), type.isSigned());
            }
            case Type.FloatingPoint -> {
                short precision = ((org.apache.arrow.flatbuf.FloatingPoint) requireType(field, name, new org.apache.arrow.flatbuf.FloatingPoint())).precision();
                yield switch (precision) {
                    case Precision.HALF -> new ArrowType.FloatingPoint(16);
                    case Precision.SINGLE -> new ArrowType.FloatingPoint(32);
                    case Precision.DOUBLE -> new ArrowType.FloatingPoint(64);
                    default -> throw error("field '%s': unknown floating point precision %s".formatted(name, precision));
                };
            }
            case Type.Decimal -> {
                org.apache.arrow.flatbuf.Decimal type = (org.apache.arrow.flatbuf.Decimal) requireType(field, name, new org.apache.arrow.flatbuf.Decimal());
                int bitWidth = type.bitWidth();
                if (bitWidth != 32 && bitWidth != 64 && bitWidth != 128 && bitWidth != 256) {
                    throw error("field '%s': decimal bit width %s".formatted(name, bitWidth));
                }
                yield new ArrowType.Decimal(type.precision(), type.scale(), bitWidth);
            }
            case Type.Utf8 -> new ArrowType.VariableWidth(true, false);
            case Type.LargeUtf8 -> new ArrowType.VariableWidth(true, true);
            case Type.Binary -> new ArrowType.VariableWidth(false, false);
            case Type.LargeBinary -> new ArrowType.VariableWidth(false, true);
            case Type.FixedSizeBinary -> {
                int byteWidth = ((org.apache.arrow.flatbuf.FixedSizeBinary) requireType(field, name, new org.apache.arrow.flatbuf.FixedSizeBinary())).byteWidth();
                if (byteWidth < 0) {
                    throw error("field '%s': negative fixed_size_binary width %s".formatted(name, byteWidth));
                }
                yield new ArrowType.FixedSizeBinary(byteWidth);
            }
            case Type.Date -> {
                short unit = ((org.apache.arrow.flatbuf.Date) requireType(field, name, new org.apache.arrow.flatbuf.Date())).unit();
                yield switch (unit) {
                    case DateUnit.DAY -> new ArrowType.Date(false);
                    case DateUnit.MILLISECOND -> new ArrowType.Date(true);
                    default -> throw error("field '%s': unknown date unit %s".formatted(name, unit));
                };
            }
            case Type.Time -> {
                org.apache.arrow.flatbuf.Time type = (org.apache.arrow.flatbuf.Time) requireType(field, name, new org.apache.arrow.flatbuf.Time());
                ArrowType.Time time = new ArrowType.Time(timeUnit(name, type.unit()));
                if (time.byteWidth() * 8 != type.bitWidth()) {
                    throw error("field '%s': time unit %s with bit width %s".formatted(name, time.unit().abbreviation(), type.bitWidth()));
                }
                yield time;
            }
            case Type.Timestamp -> {
                org.apache.arrow.flatbuf.Timestamp type = (org.apache.arrow.flatbuf.Timestamp) requireType(field, name, new org.apache.arrow.flatbuf.Timestamp());
                yield new ArrowType.Timestamp(timeUnit(name, type.unit()), type.timezone());
            }
            case Type.List -> new ArrowType.List(false);
            case Type.LargeList -> new ArrowType.List(true);
            case Type.FixedSizeList -> {
                int listSize = ((org.apache.arrow.flatbuf.FixedSizeList) requireType(field, name, new org.apache.arrow.flatbuf.FixedSizeList())).listSize();
                if (listSize < 0) {
                    throw error("field '%s': negative fixed_size_list size %s".formatted(name, listSize));
                }
                yield new ArrowType.FixedSizeList(listSize);
            }
            case Type.Struct_ -> new ArrowType.Struct();
            case Type.Map -> new ArrowType.Map(((org.apache.arrow.flatbuf.Map) requireType(field, name, new org.apache.arrow.flatbuf.Map())).keysSorted());
            case Type.Null -> new ArrowType.Null();
            case Type.Interval -> {
                short unit = ((org.apache.arrow.flatbuf.Interval) requireType(field, name, new org.apache.arrow.flatbuf.Interval())).unit();
                if (unit < 0 || unit >= ArrowType.IntervalUnit.values().length) {
                    throw error("field '%s': unknown interval unit %s".formatted(name, unit));
                }
                yield new ArrowType.Interval(ArrowType.IntervalUnit.values()[unit]);
            }
            case Type.Duration -> new ArrowType.Duration(timeUnit(name, ((org.apache.arrow.flatbuf.Duration) requireType(field, name, new org.apache.arrow.flatbuf.Duration())).unit()));
            case Type.Union -> unionType(field, name);
            case Type.RunEndEncoded -> new ArrowType.RunEndEncoded();
            case Type.BinaryView -> new ArrowType.View(false);
            case Type.Utf8View -> new ArrowType.View(true);
            case Type.ListView -> new ArrowType.ListView(false);
            case Type.LargeListView -> new ArrowType.ListView(true);
            default -> throw error("field '%s': unknown type id %s".formatted(name, typeType));
        };
    }

    private ArrowType unionType(Field field, String name)
    {
        org.apache.arrow.flatbuf.Union union = (org.apache.arrow.flatbuf.Union) requireType(field, name, new org.apache.arrow.flatbuf.Union());
        if (union.mode() != UnionMode.Sparse && union.mode() != UnionMode.Dense) {
            throw error("field '%s': unknown union mode %s".formatted(name, union.mode()));
        }
        int childCount = field.childrenLength();
        if (childCount < 0 || childCount > MAX_FIELD_COUNT - fieldCount) {
            throw error("field '%s': union declares %s children (at most %s fields in total are read)".formatted(name, childCount, MAX_FIELD_COUNT));
        }
        List<Integer> typeIds = new ArrayList<>(childCount);
        if (union.typeIdsLength() == 0) {
            // without explicit type ids, a child's type id is its index
            for (int i = 0; i < childCount; i++) {
                typeIds.add(i);
            }
        }
        else {
            if (union.typeIdsLength() != childCount) {
                throw error("field '%s': union has %s children and %s type ids".formatted(name, childCount, union.typeIdsLength()));
            }
            for (int i = 0; i < childCount; i++) {
                int typeId = union.typeIds(i);
                if (typeId < 0 || typeId > Byte.MAX_VALUE || typeIds.contains(typeId)) {
                    throw error("field '%s': invalid or repeated union type id %s".formatted(name, typeId));
                }
                typeIds.add(typeId);
            }
        }
        // before V5 a union also had a validity buffer
        return new ArrowType.Union(union.mode() == UnionMode.Dense, typeIds, metadataVersion < MetadataVersion.V5);
    }

    private ArrowType.Int parseIndexType(String name, org.apache.arrow.flatbuf.Int indexType)
    {
        if (indexType == null) {
            // the format's default index type
            return new ArrowType.Int(32, true);
        }
        return intType(name, indexType.bitWidth(), indexType.isSigned());
    }

    private ArrowType.Int intType(String name, int bitWidth, boolean signed)
    {
        if (bitWidth != 8 && bitWidth != 16 && bitWidth != 32 && bitWidth != 64) {
            throw error("field '%s': integer bit width %s".formatted(name, bitWidth));
        }
        return new ArrowType.Int(bitWidth, signed);
    }

    private TimeUnit timeUnit(String name, short unit)
    {
        if (unit < 0 || unit >= TimeUnit.values().length) {
            throw error("field '%s': unknown time unit %s".formatted(name, unit));
        }
        return TimeUnit.values()[unit];
    }

    private com.google.flatbuffers.Table requireType(Field field, String name, com.google.flatbuffers.Table table)
    {
        com.google.flatbuffers.Table type = field.type(table);
        if (type == null) {
            throw error("field '%s' of type %s has no type parameters".formatted(name, Type.name(field.typeType())));
        }
        return type;
    }

    private void checkChildren(String name, ArrowType type, List<ArrowField> children)
    {
        int expected = switch (type) {
            case ArrowType.List _, ArrowType.FixedSizeList _, ArrowType.ListView _, ArrowType.Map _ -> 1;
            case ArrowType.RunEndEncoded _ -> 2;
            case ArrowType.Struct _, ArrowType.Union _ -> -1;
            default -> 0;
        };
        if (expected >= 0 && children.size() != expected) {
            throw error("field '%s' of type %s has %s children, expected %s".formatted(name, type, children.size(), expected));
        }
        if (type instanceof ArrowType.RunEndEncoded) {
            ArrowField runEnds = children.getFirst();
            if (!(runEnds.type() instanceof ArrowType.Int(int bitWidth, boolean signed)) || !signed || bitWidth == 8 || runEnds.isDictionaryEncoded()) {
                throw error("run-end encoded field '%s' must have run ends of type int16, int32 or int64, found %s".formatted(name, runEnds.describeType()));
            }
        }
        if (type instanceof ArrowType.Map) {
            ArrowField entries = children.getFirst();
            if (!(entries.type() instanceof ArrowType.Struct) || entries.children().size() != 2 || entries.isDictionaryEncoded()) {
                throw error("map field '%s' must have one struct child with two fields (key, value), found %s".formatted(name, entries.describeType()));
            }
        }
    }

    private FormatException error(String detail)
    {
        return new FormatException("Invalid Arrow IPC schema (%s): %s".formatted(message.describe(), detail));
    }

    private interface ChildAccessor
    {
        Field field(int index);
    }
}
