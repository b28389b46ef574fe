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
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseVariableWidthViewVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalDayVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.NullVector;
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
import org.apache.arrow.vector.UuidVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ViewVarBinaryVector;
import org.apache.arrow.vector.ViewVarCharVector;
import org.apache.arrow.vector.complex.DenseUnionVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.LargeListViewVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.ListViewVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.RunEndEncodedVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.complex.UnionVector;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
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
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Writes Arrow IPC streams with Arrow Java from plain Java values: per column and batch a list of values
 * (null, a number, String, byte[], BigDecimal, UUID, List for lists, list views, structs and the
 * components of intervals, Map for maps, {@link UnionValue} for unions; a run-end encoded column takes
 * its logical values).
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

    /**
     * Writes the batches with the vectors of {@code storage} under the fields of {@code declared}, which
     * must have the same IPC layout: e.g. a decimal32 column from an int32 vector, or a decimal128 column
     * holding any 16 bytes from a fixed_size_binary(16) vector. Arrow Java has no vectors for some types,
     * and refuses to write values that do not fit their declared type.
     */
    static Slice writeAs(Schema declared, Schema storage, List<? extends List<? extends List<?>>> batches)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (VectorSchemaRoot root = VectorSchemaRoot.create(storage, ALLOCATOR)) {
            WriteChannel channel = new WriteChannel(Channels.newChannel(out));
            MessageSerializer.serialize(channel, declared, IpcOption.DEFAULT);
            for (List<? extends List<?>> batch : batches) {
                root.allocateNew();
                fill(root, batch, null);
                try (ArrowRecordBatch recordBatch = new VectorUnloader(root).getRecordBatch()) {
                    MessageSerializer.serialize(channel, recordBatch, IpcOption.DEFAULT);
                }
            }
            ArrowStreamWriter.writeEndOfStream(channel, IpcOption.DEFAULT);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Slices.wrappedBuffer(out.toByteArray());
    }

    /**
     * Writes batches of explicit field nodes and buffers, for layouts Arrow Java does not produce (such
     * as a union's validity buffer before metadata V5) and for malformed data.
     */
    static Slice writeBuffers(Schema schema, IpcOption option, List<BufferBatch> batches)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            WriteChannel channel = new WriteChannel(Channels.newChannel(out));
            MessageSerializer.serialize(channel, schema, option);
            for (BufferBatch batch : batches) {
                List<ArrowBuf> buffers = new ArrayList<>();
                for (byte[] bytes : batch.buffers()) {
                    ArrowBuf buffer = ALLOCATOR.buffer(Math.max(bytes.length, 1));
                    buffer.setBytes(0, bytes);
                    buffer.writerIndex(bytes.length);
                    buffers.add(buffer);
                }
                try (ArrowRecordBatch recordBatch = new ArrowRecordBatch(batch.length(), batch.nodes(), buffers, NoCompressionCodec.DEFAULT_BODY_COMPRESSION, batch.variadicBufferCounts(), true, true)) {
                    MessageSerializer.serialize(channel, recordBatch, option);
                }
                buffers.forEach(ArrowBuf::close);
            }
            ArrowStreamWriter.writeEndOfStream(channel, option);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Slices.wrappedBuffer(out.toByteArray());
    }

    /**
     * @param nodes (length, null count) of each field node, in schema pre-order
     * @param buffers the bytes of each buffer, in schema pre-order
     */
    record BufferBatch(int length, List<ArrowFieldNode> nodes, List<byte[]> buffers, List<Long> variadicBufferCounts)
    {
        BufferBatch(int length, List<ArrowFieldNode> nodes, List<byte[]> buffers)
        {
            this(length, nodes, buffers, List.of());
        }
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
            setAll(vector, batch.get(column));
        }
        root.setRowCount(rowCount);
    }

    /**
     * Sets the vector's values and value count; a run-end encoded vector gets one run per sequence of
     * equal values.
     */
    static void setAll(FieldVector vector, List<?> values)
    {
        if (vector instanceof RunEndEncodedVector runEndEncoded) {
            FieldVector runEnds = runEndEncoded.getChildrenFromFields().get(0);
            FieldVector runValues = runEndEncoded.getChildrenFromFields().get(1);
            int runCount = 0;
            for (int row = 0; row < values.size(); row++) {
                if (row > 0 && Objects.deepEquals(values.get(row), values.get(row - 1))) {
                    continue;
                }
                if (runCount > 0) {
                    set(runEnds, runCount - 1, row);
                }
                set(runValues, runCount, values.get(row));
                runCount++;
            }
            if (runCount > 0) {
                set(runEnds, runCount - 1, values.size());
            }
            runEnds.setValueCount(runCount);
            runValues.setValueCount(runCount);
            runEndEncoded.setValueCount(values.size());
            return;
        }
        for (int row = 0; row < values.size(); row++) {
            set(vector, row, values.get(row));
        }
        vector.setValueCount(values.size());
    }

    /**
     * A value of a sparse or dense union: the child that holds it, that child's type id, and the value
     * (may be null).
     */
    record UnionValue(int child, int typeId, Object value) {}

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
            case Decimal256Vector v -> v.setSafe(index, (BigDecimal) value);
            case IntervalYearVector v -> v.setSafe(index, ((Number) ((List<?>) value).get(0)).intValue());
            case IntervalDayVector v -> v.setSafe(index, ((Number) ((List<?>) value).get(0)).intValue(), ((Number) ((List<?>) value).get(1)).intValue());
            case IntervalMonthDayNanoVector v -> v.setSafe(index, ((Number) ((List<?>) value).get(0)).intValue(), ((Number) ((List<?>) value).get(1)).intValue(), ((Number) ((List<?>) value).get(2)).longValue());
            case DurationVector v -> v.setSafe(index, ((Number) value).longValue());
            case ViewVarCharVector v -> v.setSafe(index, ((String) value).getBytes(UTF_8));
            case ViewVarBinaryVector v -> v.setSafe(index, (byte[]) value);
            case UuidVector v -> v.setSafe(index, (UUID) value);
            case ListViewVector v -> {
                List<Object> list = (List<Object>) value;
                int start = v.startNewValue(index);
                for (int i = 0; i < list.size(); i++) {
                    set(v.getDataVector(), start + i, list.get(i));
                }
                v.endValue(index, list.size());
            }
            case LargeListViewVector v -> {
                List<Object> list = (List<Object>) value;
                int start = v.startNewValue(index);
                for (int i = 0; i < list.size(); i++) {
                    set(v.getDataVector(), start + i, list.get(i));
                }
                v.endValue(index, list.size());
            }
            case UnionVector v -> {
                UnionValue union = (UnionValue) value;
                while (index >= v.getValueCapacity()) {
                    v.reAlloc();
                }
                v.getTypeBuffer().setByte(index, union.typeId());
                set(v.getChildrenFromFields().get(union.child()), index, union.value());
            }
            case DenseUnionVector v -> {
                UnionValue union = (UnionValue) value;
                int offset = 0;
                for (int i = 0; i < index; i++) {
                    if (v.getTypeId(i) == union.typeId()) {
                        offset++;
                    }
                }
                v.setTypeId(index, (byte) union.typeId());
                v.setOffset(index, offset);
                set((FieldVector) v.getVectorByType((byte) union.typeId()), offset, union.value());
            }
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
            case NullVector _ -> {}
            case ListVector v -> v.setNull(index);
            case ListViewVector v -> v.setNull(index);
            case LargeListViewVector v -> v.setNull(index);
            case UuidVector v -> v.setNull(index);
            case BaseVariableWidthViewVector v -> v.setNull(index);
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
