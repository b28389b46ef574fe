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

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.zip.GZIPInputStream;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Reads a file of Arrow's JSON integration format (docs/source/format/Integration.rst in apache/arrow: a
 * schema, record batches and dictionary batches, with every buffer spelled out) into the plain Java values the
 * decoder must produce for it, per top-level column, in the representation of {@link TrinoValues} and the
 * project's type mapping:
 * <ul>
 * <li>bool: Boolean; int8 to int64 and uint8 to uint32: Long; uint64: BigDecimal of scale 0 (DECIMAL(20, 0));
 * float16 and float32: Float; float64: Double</li>
 * <li>decimal32/64/128/256(p, s): BigDecimal with scale s for p &le; 38, else the plain String of the value</li>
 * <li>utf8, large_utf8, utf8_view: String; binary, large_binary, binary_view, fixed_size_binary: lower-case hex</li>
 * <li>date32 and date64: Long days (milliseconds floored); time32/64: Long picoseconds of the day;
 * timestamp with or without zone: BigInteger epoch picoseconds (the instant, UTC); duration: Long in its unit</li>
 * <li>interval year_month: [months]; day_time: [days, milliseconds]; month_day_nano: [months, days,
 * nanoseconds], all Long</li>
 * <li>list, large_list, fixed_size_list, list_view, large_list_view: List of the elements; struct: List of the
 * field values; map: LinkedHashMap of the entries in order</li>
 * <li>sparse and dense union: [tag, field 0, …, field n-1], tag the Long index of the child of the type id,
 * only field tag set (perhaps to null); a union with a validity buffer (before metadata V5) can be null</li>
 * <li>run-end encoded: the value of the run that covers the position; dictionary-encoded: the dictionary value
 * at the index; null: null; extension types: the value of the storage type, except {@code arrow.uuid}
 * (fixed_size_binary(16)): java.util.UUID of the 16 bytes, big-endian</li>
 * </ul>
 * A position whose VALIDITY entry is 0 is null.
 */
final class ArrowIntegrationJson
{
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // keep the written digits of floating-point values: they are rounded to float (or half) from the text
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final String EXTENSION_NAME = "ARROW:extension:name";
    private static final int MAX_TRINO_DECIMAL_PRECISION = 38;

    private final JsonNode root;
    private final JsonNode fields;
    private final Map<Long, JsonNode> dictionaryValueFields = new HashMap<>();
    private final Map<Long, List<Object>> dictionaries = new HashMap<>();
    private final Set<Long> dictionariesInProgress = new HashSet<>();

    private ArrowIntegrationJson(JsonNode root)
    {
        this.root = root;
        this.fields = required(required(root, "schema"), "fields");
        for (JsonNode field : fields) {
            collectDictionaryFields(field);
        }
    }

    /**
     * Reads a {@code .json} or {@code .json.gz} file.
     */
    static ArrowIntegrationJson read(Path file)
    {
        try (InputStream input = Files.newInputStream(file)) {
            InputStream json = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(input) : input;
            return new ArrowIntegrationJson(MAPPER.readTree(json));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ArrowIntegrationJson parse(String json)
    {
        try {
            return new ArrowIntegrationJson(MAPPER.readTree(json));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The top-level field names, lower-cased as the decoder names its columns.
     */
    List<String> columnNames()
    {
        List<String> names = new ArrayList<>();
        for (JsonNode field : fields) {
            names.add(text(field, "name").toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /**
     * Whether two top-level fields have the same lower-cased name.
     */
    boolean hasDuplicateColumnNames()
    {
        List<String> names = columnNames();
        return new HashSet<>(names).size() != names.size();
    }

    /**
     * Whether a valid time32/time64 value lies outside [0, 24 h): Arrow's Schema.fbs allows only values within
     * one day (and no leap second), but some producers wrote 86400 s (Arrow 1.0.0's generator did).
     */
    boolean hasTimeOutsideOneDay()
    {
        return hasValue(ArrowIntegrationJson::isTimeOutsideOneDay);
    }

    boolean hasDecimalOutsidePrecision()
    {
        return hasValue(ArrowIntegrationJson::isDecimalOutsidePrecision);
    }

    /** Whether a valid value of a non-dictionary field satisfies {@code test(field type, value)}, in any batch or dictionary. */
    private boolean hasValue(BiPredicate<JsonNode, JsonNode> test)
    {
        for (JsonNode batch : batches()) {
            JsonNode data = required(batch, "columns");
            for (int i = 0; i < fields.size() && i < data.size(); i++) {
                if (hasValue(fields.get(i), data.get(i), test)) {
                    return true;
                }
            }
        }
        for (JsonNode batch : root.path("dictionaries")) {
            JsonNode valueField = dictionaryValueFields.get(longValue(required(batch, "id")));
            JsonNode data = required(required(batch, "data"), "columns").get(0);
            if (valueField != null && data != null && hasValue(valueField, data, test)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasValue(JsonNode field, JsonNode data, BiPredicate<JsonNode, JsonNode> test)
    {
        JsonNode type = field.path("type");
        if (field.get("dictionary") == null && data.has("DATA") && data.has("VALIDITY")) {
            int count = intValue(required(data, "count"));
            boolean[] valid = validity(data, count);
            JsonNode values = required(data, "DATA");
            for (int i = 0; i < count; i++) {
                if (valid[i] && test.test(type, values.get(i))) {
                    return true;
                }
            }
        }
        List<JsonNode> childFields = children(field);
        JsonNode childData = data.path("children");
        for (int i = 0; i < childFields.size() && i < childData.size(); i++) {
            if (hasValue(childFields.get(i), childData.get(i), test)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTimeOutsideOneDay(JsonNode type, JsonNode value)
    {
        if (!"time".equals(type.path("name").textValue())) {
            return false;
        }
        BigInteger day = BigInteger.valueOf(86_400).multiply(BigInteger.TEN.pow(12)).divide(picosecondsPerUnit(type));
        BigInteger time = bigInteger(value);
        return time.signum() < 0 || time.compareTo(day) >= 0;
    }

    private static boolean isDecimalOutsidePrecision(JsonNode type, JsonNode value)
    {
        if (!"decimal".equals(type.path("name").textValue())) {
            return false;
        }
        return bigInteger(value).abs().compareTo(BigInteger.TEN.pow(intValue(required(type, "precision")))) >= 0;
    }

    /**
     * The row count of every record batch, in order (zero-length batches included).
     */
    List<Integer> batchRowCounts()
    {
        List<Integer> counts = new ArrayList<>();
        for (JsonNode batch : batches()) {
            counts.add(intValue(required(batch, "count")));
        }
        return counts;
    }

    long rowCount()
    {
        return batchRowCounts().stream().mapToLong(Integer::longValue).sum();
    }

    /**
     * Per top-level column, its values over all record batches, concatenated.
     */
    List<List<Object>> columns()
    {
        List<List<Object>> columns = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            columns.add(new ArrayList<>());
        }
        for (JsonNode batch : batches()) {
            JsonNode data = required(batch, "columns");
            if (data.size() != fields.size()) {
                throw new IllegalArgumentException("batch has %s columns, the schema %s fields".formatted(data.size(), fields.size()));
            }
            int count = intValue(required(batch, "count"));
            for (int i = 0; i < fields.size(); i++) {
                List<Object> values = values(fields.get(i), data.get(i));
                if (values.size() != count) {
                    throw new IllegalArgumentException("column %s has %s values in a batch of %s rows".formatted(text(fields.get(i), "name"), values.size(), count));
                }
                columns.get(i).addAll(values);
            }
        }
        return columns;
    }

    private Iterable<JsonNode> batches()
    {
        return required(root, "batches");
    }

    // dictionaries

    private void collectDictionaryFields(JsonNode field)
    {
        JsonNode dictionary = field.get("dictionary");
        if (dictionary != null) {
            long id = longValue(required(dictionary, "id"));
            // the dictionary holds values of the field's type, without the dictionary encoding
            ObjectNode valueField = ((ObjectNode) field).deepCopy();
            valueField.remove("dictionary");
            dictionaryValueFields.putIfAbsent(id, valueField);
        }
        for (JsonNode child : children(field)) {
            collectDictionaryFields(child);
        }
    }

    /**
     * The values of dictionary {@code id}: the JSON format lists the dictionary batches before the record
     * batches, so every batch sees the final state. A batch with {@code "isDelta": true} appends to the
     * dictionary, any other replaces it.
     */
    private List<Object> dictionary(long id)
    {
        List<Object> values = dictionaries.get(id);
        if (values != null) {
            return values;
        }
        JsonNode valueField = dictionaryValueFields.get(id);
        if (valueField == null) {
            throw new IllegalArgumentException("no field uses dictionary " + id);
        }
        if (!dictionariesInProgress.add(id)) {
            throw new IllegalArgumentException("dictionary %s refers to itself".formatted(id));
        }
        values = null;
        JsonNode batches = root.get("dictionaries");
        if (batches != null) {
            for (JsonNode batch : batches) {
                if (longValue(required(batch, "id")) != id) {
                    continue;
                }
                JsonNode data = required(batch, "data");
                JsonNode columns = required(data, "columns");
                if (columns.size() != 1) {
                    throw new IllegalArgumentException("dictionary %s batch has %s columns".formatted(id, columns.size()));
                }
                List<Object> batchValues = values(valueField, columns.get(0));
                boolean delta = batch.path("isDelta").asBoolean(false);
                if (delta && values != null) {
                    values.addAll(batchValues);
                }
                else {
                    values = new ArrayList<>(batchValues);
                }
            }
        }
        if (values == null) {
            throw new IllegalArgumentException("no dictionary batch for dictionary " + id);
        }
        dictionariesInProgress.remove(id);
        dictionaries.put(id, values);
        return values;
    }

    // values

    /**
     * The values of one field's data ({@code FieldData}) in a batch: {@code count} values.
     */
    private List<Object> values(JsonNode field, JsonNode data)
    {
        int count = intValue(required(data, "count"));
        boolean[] valid = validity(data, count);
        JsonNode dictionary = field.get("dictionary");
        if (dictionary != null) {
            List<Object> dictionaryValues = dictionary(longValue(required(dictionary, "id")));
            JsonNode indexes = required(data, "DATA");
            List<Object> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                if (!valid[i]) {
                    values.add(null);
                    continue;
                }
                BigInteger index = bigInteger(indexes.get(i));
                if (index.signum() < 0 || index.compareTo(BigInteger.valueOf(dictionaryValues.size())) >= 0) {
                    throw new IllegalArgumentException("dictionary index %s out of %s values".formatted(index, dictionaryValues.size()));
                }
                values.add(dictionaryValues.get(index.intValueExact()));
            }
            return values;
        }

        JsonNode type = required(field, "type");
        String typeName = text(type, "name");
        return switch (typeName) {
            case "null" -> nulls(count);
            case "struct" -> struct(field, data, count, valid);
            case "list", "largelist" -> list(field, data, count, valid);
            case "fixedsizelist" -> fixedSizeList(field, type, data, count, valid);
            case "listview", "largelistview" -> listView(field, data, count, valid);
            case "map" -> map(field, data, count, valid);
            case "union" -> union(field, type, data, count);
            case "runendencoded" -> runEndEncoded(field, data, count);
            case "utf8view", "binaryview" -> views(typeName.equals("utf8view"), data, count, valid);
            default -> {
                JsonNode buffer = required(data, "DATA");
                if (buffer.size() < count) {
                    throw new IllegalArgumentException("DATA of %s has %s values for count %s".formatted(text(field, "name"), buffer.size(), count));
                }
                List<Object> values = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    values.add(valid[i] ? primitive(field, type, typeName, buffer.get(i)) : null);
                }
                yield values;
            }
        };
    }

    private static Object primitive(JsonNode field, JsonNode type, String typeName, JsonNode value)
    {
        return switch (typeName) {
            case "bool" -> value.isBoolean() ? value.booleanValue() : intValue(value) != 0;
            case "int" -> {
                BigInteger integer = bigInteger(value);
                yield intBitWidth(type) == 64 && !type.path("isSigned").asBoolean(true)
                        ? new BigDecimal(integer, 0)
                        : (Object) integer.longValueExact();
            }
            case "floatingpoint" -> switch (text(type, "precision")) {
                case "HALF" -> Float.float16ToFloat(Float.floatToFloat16(Float.parseFloat(numberText(value))));
                case "SINGLE" -> Float.parseFloat(numberText(value));
                case "DOUBLE" -> Double.parseDouble(numberText(value));
                default -> throw new IllegalArgumentException("floating point precision " + type);
            };
            case "decimal" -> {
                BigDecimal decimal = new BigDecimal(bigInteger(value), intValue(required(type, "scale")));
                yield intValue(required(type, "precision")) <= MAX_TRINO_DECIMAL_PRECISION ? decimal : decimal.toPlainString();
            }
            case "utf8", "largeutf8" -> value.textValue();
            case "binary", "largebinary" -> hex(value);
            case "fixedsizebinary" -> isUuid(field) ? uuid(HexFormat.of().parseHex(value.textValue())) : hex(value);
            case "date" -> switch (text(type, "unit")) {
                case "DAY" -> longValue(value);
                case "MILLISECOND" -> Math.floorDiv(longValue(value), 86_400_000L);
                default -> throw new IllegalArgumentException("date unit " + type);
            };
            case "time" -> Math.multiplyExact(longValue(value), picosecondsPerUnit(type).longValueExact());
            case "timestamp" -> bigInteger(value).multiply(picosecondsPerUnit(type));
            case "duration" -> longValue(value);
            case "interval" -> switch (text(type, "unit")) {
                case "YEAR_MONTH" -> List.of(longValue(value));
                case "DAY_TIME" -> List.of(longValue(required(value, "days")), longValue(required(value, "milliseconds")));
                case "MONTH_DAY_NANO" -> List.of(longValue(required(value, "months")), longValue(required(value, "days")), longValue(required(value, "nanoseconds")));
                default -> throw new IllegalArgumentException("interval unit " + type);
            };
            default -> throw new IllegalArgumentException("unknown Arrow JSON type " + type);
        };
    }

    private List<Object> struct(JsonNode field, JsonNode data, int count, boolean[] valid)
    {
        List<JsonNode> childFields = children(field);
        List<List<Object>> children = childValues(childFields, data);
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (!valid[i]) {
                values.add(null);
                continue;
            }
            List<Object> row = new ArrayList<>(childFields.size());
            for (List<Object> child : children) {
                row.add(child.get(i));
            }
            values.add(row);
        }
        return values;
    }

    private List<Object> list(JsonNode field, JsonNode data, int count, boolean[] valid)
    {
        List<Object> elements = onlyChildValues(field, data);
        long[] offsets = longs(required(data, "OFFSET"), count + 1);
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(valid[i] ? new ArrayList<>(elements.subList(Math.toIntExact(offsets[i]), Math.toIntExact(offsets[i + 1]))) : null);
        }
        return values;
    }

    private List<Object> fixedSizeList(JsonNode field, JsonNode type, JsonNode data, int count, boolean[] valid)
    {
        List<Object> elements = onlyChildValues(field, data);
        int size = intValue(required(type, "listSize"));
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(valid[i] ? new ArrayList<>(elements.subList(i * size, (i + 1) * size)) : null);
        }
        return values;
    }

    private List<Object> listView(JsonNode field, JsonNode data, int count, boolean[] valid)
    {
        List<Object> elements = onlyChildValues(field, data);
        long[] offsets = longs(required(data, "OFFSET"), count);
        long[] sizes = longs(required(data, "SIZE"), count);
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int offset = Math.toIntExact(offsets[i]);
            values.add(valid[i] ? new ArrayList<>(elements.subList(offset, Math.addExact(offset, Math.toIntExact(sizes[i])))) : null);
        }
        return values;
    }

    private List<Object> map(JsonNode field, JsonNode data, int count, boolean[] valid)
    {
        JsonNode entriesField = children(field).getFirst();
        JsonNode entriesData = onlyChild(data);
        List<List<Object>> keysAndValues = childValues(children(entriesField), entriesData);
        List<Object> keys = keysAndValues.get(0);
        List<Object> items = keysAndValues.get(1);
        long[] offsets = longs(required(data, "OFFSET"), count + 1);
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (!valid[i]) {
                values.add(null);
                continue;
            }
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int entry = Math.toIntExact(offsets[i]); entry < offsets[i + 1]; entry++) {
                map.put(keys.get(entry), items.get(entry));
            }
            values.add(map);
        }
        return values;
    }

    private List<Object> union(JsonNode field, JsonNode type, JsonNode data, int count)
    {
        List<JsonNode> childFields = children(field);
        List<List<Object>> children = childValues(childFields, data);
        JsonNode typeIdsNode = type.get("typeIds");
        List<Long> typeIds = new ArrayList<>();
        if (typeIdsNode == null || typeIdsNode.isNull()) {
            for (long i = 0; i < childFields.size(); i++) {
                typeIds.add(i);
            }
        }
        else {
            typeIdsNode.forEach(id -> typeIds.add(longValue(id)));
        }
        boolean dense = text(type, "mode").equals("DENSE");
        long[] typeIdBuffer = longs(required(data, "TYPE_ID"), count);
        long[] offsets = dense ? longs(required(data, "OFFSET"), count) : null;
        // unions have no validity buffer since metadata V5; an older producer may still have written one
        boolean[] valid = validity(data, count);
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (!valid[i]) {
                values.add(null);
                continue;
            }
            int tag = typeIds.indexOf(typeIdBuffer[i]);
            if (tag < 0) {
                throw new IllegalArgumentException("union type id %s is not one of %s".formatted(typeIdBuffer[i], typeIds));
            }
            List<Object> value = new ArrayList<>(Arrays.asList(new Object[childFields.size() + 1]));
            value.set(0, (long) tag);
            value.set(tag + 1, children.get(tag).get(dense ? Math.toIntExact(offsets[i]) : i));
            values.add(value);
        }
        return values;
    }

    private List<Object> runEndEncoded(JsonNode field, JsonNode data, int count)
    {
        List<List<Object>> children = childValues(children(field), data);
        List<Object> runEnds = children.get(0);
        List<Object> runValues = children.get(1);
        List<Object> values = new ArrayList<>(count);
        int run = 0;
        for (int i = 0; i < count; i++) {
            while (run < runEnds.size() && (Long) runEnds.get(run) <= i) {
                run++;
            }
            if (run == runEnds.size()) {
                throw new IllegalArgumentException("no run covers position %s (run ends %s)".formatted(i, runEnds));
            }
            values.add(runValues.get(run));
        }
        return values;
    }

    private static List<Object> views(boolean utf8, JsonNode data, int count, boolean[] valid)
    {
        JsonNode views = required(data, "VIEWS");
        List<byte[]> buffers = new ArrayList<>();
        JsonNode variadic = data.get("VARIADIC_DATA_BUFFERS");
        if (variadic != null) {
            variadic.forEach(buffer -> buffers.add(HexFormat.of().parseHex(buffer.textValue())));
        }
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (!valid[i]) {
                values.add(null);
                continue;
            }
            JsonNode view = views.get(i);
            int size = intValue(required(view, "SIZE"));
            JsonNode inlined = view.get("INLINED");
            byte[] bytes;
            if (inlined != null) {
                bytes = utf8 ? inlined.textValue().getBytes(UTF_8) : HexFormat.of().parseHex(inlined.textValue());
            }
            else {
                byte[] buffer = buffers.get(intValue(required(view, "BUFFER_INDEX")));
                int offset = intValue(required(view, "OFFSET"));
                bytes = Arrays.copyOfRange(buffer, offset, Math.addExact(offset, size));
            }
            if (bytes.length != size) {
                throw new IllegalArgumentException("view of SIZE %s has %s bytes".formatted(size, bytes.length));
            }
            values.add(utf8 ? new String(bytes, UTF_8) : HexFormat.of().formatHex(bytes));
        }
        return values;
    }

    private static List<Object> nulls(int count)
    {
        return new ArrayList<>(Arrays.asList(new Object[count]));
    }

    private List<Object> onlyChildValues(JsonNode field, JsonNode data)
    {
        return values(children(field).getFirst(), onlyChild(data));
    }

    private List<List<Object>> childValues(List<JsonNode> childFields, JsonNode data)
    {
        JsonNode childData = data.path("children");
        if (childData.size() != childFields.size()) {
            throw new IllegalArgumentException("data has %s children, the field %s".formatted(childData.size(), childFields.size()));
        }
        List<List<Object>> children = new ArrayList<>();
        for (int i = 0; i < childFields.size(); i++) {
            children.add(values(childFields.get(i), childData.get(i)));
        }
        return children;
    }

    private static JsonNode onlyChild(JsonNode data)
    {
        JsonNode children = required(data, "children");
        if (children.size() != 1) {
            throw new IllegalArgumentException("expected one child, got " + children.size());
        }
        return children.get(0);
    }

    // JSON helpers

    private static boolean[] validity(JsonNode data, int count)
    {
        boolean[] valid = new boolean[count];
        JsonNode validity = data.get("VALIDITY");
        if (validity == null) {
            Arrays.fill(valid, true);
            return valid;
        }
        if (validity.size() < count) {
            throw new IllegalArgumentException("VALIDITY has %s entries for count %s".formatted(validity.size(), count));
        }
        for (int i = 0; i < count; i++) {
            valid[i] = intValue(validity.get(i)) != 0;
        }
        return valid;
    }

    private static boolean isUuid(JsonNode field)
    {
        JsonNode type = field.get("type");
        if (type == null || type.path("byteWidth").asInt() != 16) {
            return false;
        }
        for (JsonNode entry : field.path("metadata")) {
            if (EXTENSION_NAME.equals(entry.path("key").textValue()) && "arrow.uuid".equals(entry.path("value").textValue())) {
                return true;
            }
        }
        return false;
    }

    private static UUID uuid(byte[] bytes)
    {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static BigInteger picosecondsPerUnit(JsonNode type)
    {
        return switch (text(type, "unit")) {
            case "SECOND" -> BigInteger.TEN.pow(12);
            case "MILLISECOND" -> BigInteger.TEN.pow(9);
            case "MICROSECOND" -> BigInteger.TEN.pow(6);
            case "NANOSECOND" -> BigInteger.TEN.pow(3);
            default -> throw new IllegalArgumentException("time unit " + type);
        };
    }

    private static int intBitWidth(JsonNode type)
    {
        return intValue(required(type, "bitWidth"));
    }

    private static String hex(JsonNode value)
    {
        return value.textValue().toLowerCase(Locale.ROOT);
    }

    private static List<JsonNode> children(JsonNode field)
    {
        List<JsonNode> children = new ArrayList<>();
        field.path("children").forEach(children::add);
        return children;
    }

    private static long[] longs(JsonNode array, int count)
    {
        if (array.size() < count) {
            throw new IllegalArgumentException("buffer has %s entries, expected %s".formatted(array.size(), count));
        }
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = longValue(array.get(i));
        }
        return values;
    }

    /**
     * An integer written as a JSON number or (64-bit and wider values) a JSON string.
     */
    private static BigInteger bigInteger(JsonNode value)
    {
        if (value.isTextual()) {
            return new BigInteger(value.textValue());
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        }
        throw new IllegalArgumentException("not an integer: " + value);
    }

    private static long longValue(JsonNode value)
    {
        return bigInteger(value).longValueExact();
    }

    private static int intValue(JsonNode value)
    {
        return bigInteger(value).intValueExact();
    }

    private static String numberText(JsonNode value)
    {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            return value.isBigDecimal() ? value.decimalValue().toString() : value.asText();
        }
        throw new IllegalArgumentException("not a number: " + value);
    }

    private static String text(JsonNode node, String name)
    {
        JsonNode value = required(node, name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("%s is not a string in %s".formatted(name, node));
        }
        return value.textValue();
    }

    private static JsonNode required(JsonNode node, String name)
    {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing \"%s\" in %s".formatted(name, abbreviate(node)));
        }
        return value;
    }

    private static String abbreviate(JsonNode node)
    {
        String text = node.toString();
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
