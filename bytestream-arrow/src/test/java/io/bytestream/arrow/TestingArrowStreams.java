package io.bytestream.arrow;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Writes Arrow IPC streams with Arrow Java from plain Java values: per column and batch a list of values
 * (null, a number, String, byte[], BigDecimal, List for lists and structs, Map for maps).
 * Shared as a test-jar with the plugin's query tests.
 */
public final class TestingArrowStreams
{
    static final BufferAllocator ALLOCATOR = new RootAllocator();

    private TestingArrowStreams() {}

    /**
     * @param batches per batch, per column, the values
     */
    static Slice write(List<Field> fields, List<List<List<?>>> batches)
    {
        return write(new Schema(fields), batches, null);
    }

    /**
     * @param batches per batch, per column, the values
     */
    public static Slice write(Schema schema, List<? extends List<? extends List<?>>> batches)
    {
        return write(schema, batches, null);
    }

    static Slice write(Schema schema, List<? extends List<? extends List<?>>> batches, StringDictionary dictionary)
    {
        return write(schema, batches, dictionary, IpcOption.DEFAULT);
    }

    static Slice write(Schema schema, List<? extends List<? extends List<?>>> batches, StringDictionary dictionary, IpcOption option)
    {
        List<Consumer<VectorSchemaRoot>> fillers = new ArrayList<>();
        for (List<? extends List<?>> batch : batches) {
            fillers.add(root -> fill(root, batch, dictionary));
        }
        return writeRoots(dictionary == null ? schema : dictionary.encodedSchema(schema), fillers, dictionary == null ? new DictionaryProvider.MapDictionaryProvider() : dictionary.provider(), option);
    }

    /**
     * Writes one batch per filler, each of which fills the vectors and sets the row count.
     */
    static Slice writeRoots(Schema schema, List<Consumer<VectorSchemaRoot>> batchFillers, DictionaryProvider provider, IpcOption option)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, ALLOCATOR);
                ArrowStreamWriter writer = new ArrowStreamWriter(root, provider, Channels.newChannel(out), option)) {
            writer.start();
            for (Consumer<VectorSchemaRoot> filler : batchFillers) {
                root.allocateNew();
                filler.accept(root);
                writer.writeBatch();
            }
            writer.end();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Slices.wrappedBuffer(out.toByteArray());
    }

    private static void fill(VectorSchemaRoot root, List<? extends List<?>> batch, StringDictionary dictionary)
    {
                int rowCount = batch.isEmpty() ? 0 : batch.getFirst().size();
                for (int column = 0; column < batch.size(); column++) {
                    FieldVector vector = root.getVector(column);
                    if (dictionary != null && dictionary.isEncoded(column)) {
                        dictionary.fillIndices(vector, batch.get(column));
                        continue;
                    }
                    for (int row = 0; row < rowCount; row++) {
                        set(vector, row, batch.get(column).get(row));
                    }
                    vector.setValueCount(rowCount);
                }
                root.setRowCount(rowCount);
    }

    @SuppressWarnings("unchecked")
    static void set(FieldVector vector, int index, Object value)
    {
        if (value == null) {
            setNull(vector, index);
            return;
        }
        switch (vector) {
            case BitVector v -> v.setSafe(index, (Boolean) value ? 1 : 0);
            case TinyIntVector v -> v.setSafe(index, ((Number) value).byteValue());
            case SmallIntVector v -> v.setSafe(index, ((Number) value).shortValue());
            case IntVector v -> v.setSafe(index, ((Number) value).intValue());
            case BigIntVector v -> v.setSafe(index, ((Number) value).longValue());
            case UInt1Vector v -> v.setSafe(index, ((Number) value).intValue());
            case UInt2Vector v -> v.setSafe(index, ((Number) value).intValue());
            case UInt4Vector v -> v.setSafe(index, ((Number) value).intValue());
            case UInt8Vector v -> v.setSafe(index, ((Number) value).longValue());
            case Float2Vector v -> v.setSafe(index, ((Number) value).shortValue());
            case Float4Vector v -> v.setSafe(index, ((Number) value).floatValue());
            case Float8Vector v -> v.setSafe(index, ((Number) value).doubleValue());
            case DecimalVector v -> v.setSafe(index, (BigDecimal) value);
            case VarCharVector v -> v.setSafe(index, ((String) value).getBytes(UTF_8));
            case LargeVarCharVector v -> v.setSafe(index, ((String) value).getBytes(UTF_8));
            case VarBinaryVector v -> v.setSafe(index, (byte[]) value);
            case LargeVarBinaryVector v -> v.setSafe(index, (byte[]) value);
            case FixedSizeBinaryVector v -> v.setSafe(index, (byte[]) value);
            case DateDayVector v -> v.setSafe(index, ((Number) value).intValue());
            case DateMilliVector v -> v.setSafe(index, ((Number) value).longValue());
            case TimeSecVector v -> v.setSafe(index, ((Number) value).intValue());
            case TimeMilliVector v -> v.setSafe(index, ((Number) value).intValue());
            case TimeMicroVector v -> v.setSafe(index, ((Number) value).longValue());
            case TimeNanoVector v -> v.setSafe(index, ((Number) value).longValue());
            case TimeStampVector v -> v.setSafe(index, ((Number) value).longValue());
            case MapVector v -> {
                Map<Object, Object> map = (Map<Object, Object>) value;
                int start = v.startNewValue(index);
                StructVector entries = (StructVector) v.getDataVector();
                int entry = start;
                for (Map.Entry<Object, Object> mapEntry : map.entrySet()) {
                    entries.setIndexDefined(entry);
                    set((FieldVector) entries.getChildByOrdinal(0), entry, mapEntry.getKey());
                    set((FieldVector) entries.getChildByOrdinal(1), entry, mapEntry.getValue());
                    entry++;
                }
                v.endValue(index, map.size());
            }
            case LargeListVector v -> {
                List<Object> list = (List<Object>) value;
                long start = v.startNewValue(index);
                for (int i = 0; i < list.size(); i++) {
                    set(v.getDataVector(), (int) start + i, list.get(i));
                }
                v.endValue(index, list.size());
            }
            case ListVector v -> {
                List<Object> list = (List<Object>) value;
                int start = v.startNewValue(index);
                for (int i = 0; i < list.size(); i++) {
                    set(v.getDataVector(), start + i, list.get(i));
                }
                v.endValue(index, list.size());
            }
            case FixedSizeListVector v -> {
                List<Object> list = (List<Object>) value;
                int start = v.startNewValue(index);
                for (int i = 0; i < list.size(); i++) {
                    set(v.getDataVector(), start + i, list.get(i));
                }
            }
            case StructVector v -> {
                List<Object> fields = (List<Object>) value;
                v.setIndexDefined(index);
                for (int i = 0; i < fields.size(); i++) {
                    set((FieldVector) v.getChildByOrdinal(i), index, fields.get(i));
                }
            }
            default -> throw new IllegalArgumentException("no setter for " + vector.getClass());
        }
    }

    private static void setNull(FieldVector vector, int index)
    {
        switch (vector) {
            case org.apache.arrow.vector.NullVector _ -> {}
            case ListVector v -> v.setNull(index);
            case LargeListVector v -> v.setNull(index);
            case FixedSizeListVector v -> v.setNull(index);
            case StructVector v -> v.setNull(index);
            case org.apache.arrow.vector.BaseFixedWidthVector v -> v.setNull(index);
            case org.apache.arrow.vector.BaseVariableWidthVector v -> v.setNull(index);
            case org.apache.arrow.vector.BaseLargeVariableWidthVector v -> v.setNull(index);
            default -> throw new IllegalArgumentException("no null setter for " + vector.getClass());
        }
    }

    /**
     * One utf8 dictionary (id 0) shared by the given columns, which are written dictionary-encoded.
     */
    static final class StringDictionary
    {
        private final List<String> values;
        private final List<Integer> encodedColumns;
        private final DictionaryEncoding encoding;
        private final VarCharVector dictionaryVector;

        StringDictionary(List<String> values, List<Integer> encodedColumns, DictionaryEncoding encoding)
        {
            this.values = List.copyOf(values);
            this.encodedColumns = List.copyOf(encodedColumns);
            this.encoding = encoding;
            this.dictionaryVector = new VarCharVector("dictionary", ALLOCATOR);
            for (int i = 0; i < values.size(); i++) {
                dictionaryVector.setSafe(i, values.get(i).getBytes(UTF_8));
            }
            dictionaryVector.setValueCount(values.size());
        }

        boolean isEncoded(int column)
        {
            return encodedColumns.contains(column);
        }

        DictionaryProvider provider()
        {
            DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider();
            provider.put(new Dictionary(dictionaryVector, encoding));
            return provider;
        }

        Schema encodedSchema(Schema schema)
        {
            List<Field> fields = new ArrayList<>();
            for (int i = 0; i < schema.getFields().size(); i++) {
                Field field = schema.getFields().get(i);
                if (isEncoded(i)) {
                    field = new Field(field.getName(), new org.apache.arrow.vector.types.pojo.FieldType(true, encoding.getIndexType(), encoding), List.of());
                }
                fields.add(field);
            }
            return new Schema(fields);
        }

        void fillIndices(FieldVector indexVector, List<?> strings)
        {
            try (VarCharVector plain = new VarCharVector("plain", ALLOCATOR)) {
                for (int i = 0; i < strings.size(); i++) {
                    set(plain, i, strings.get(i));
                }
                plain.setValueCount(strings.size());
                try (FieldVector encoded = (FieldVector) DictionaryEncoder.encode(plain, new Dictionary(dictionaryVector, encoding))) {
                    encoded.makeTransferPair(indexVector).transfer();
                }
            }
        }

        List<String> values()
        {
            return values;
        }
    }
}
