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

package io.bytestream.writer;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Builds the {@code content} of records: Arrow IPC streams.
 */
public final class ArrowStreams
{
    /**
     * The reference inner schema: {@code Entry{name: utf8, node_id: utf8}}, a directory entry naming a child node.
     */
    public static final Schema ENTRY_SCHEMA = new Schema(List.of(
            new Field("name", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("node_id", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null)));

    private ArrowStreams() {}

    /**
     * Serialises the batches, which must all have {@code schema}, into one Arrow IPC stream
     * ending with the end-of-stream marker. Dictionary-encoded vectors are not supported.
     */
    public static byte[] write(Schema schema, List<VectorSchemaRoot> batches)
    {
        requireNonNull(schema, "schema is null");
        requireNonNull(batches, "batches is null");
        if (hasDictionaryEncoding(schema.getFields())) {
            throw new IllegalArgumentException("Dictionary-encoded fields are not supported: " + schema);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // MessageSerializer writes the same messages as ArrowStreamWriter, but from each batch's own buffers,
        // so batches from different allocators need no copy into one writer root
        WriteChannel channel = new WriteChannel(Channels.newChannel(out));
        IpcOption option = IpcOption.DEFAULT;
        try {
            MessageSerializer.serialize(channel, schema, option);
            for (VectorSchemaRoot batch : batches) {
                if (!batch.getSchema().equals(schema)) {
                    throw new IllegalArgumentException("Batch schema %s differs from stream schema %s".formatted(batch.getSchema(), schema));
                }
                try (ArrowRecordBatch recordBatch = new VectorUnloader(batch).getRecordBatch()) {
                    MessageSerializer.serialize(channel, recordBatch, option);
                }
            }
            ArrowStreamWriter.writeEndOfStream(channel, option);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static boolean hasDictionaryEncoding(List<Field> fields)
    {
        return fields.stream().anyMatch(field -> field.getDictionary() != null || hasDictionaryEncoding(field.getChildren()));
    }

    /**
     * The reference Entry records: {@code batches} record batches of {@code rowsPerBatch} entries each;
     * row {@code r} (counted across batches) is named {@link #entryName} and points at {@link #entryNodeId}.
     */
    public static byte[] entries(int batches, int rowsPerBatch, long seed)
    {
        if (batches < 0 || rowsPerBatch < 0) {
            throw new IllegalArgumentException("batches and rowsPerBatch must not be negative: %s, %s".formatted(batches, rowsPerBatch));
        }
        try (BufferAllocator allocator = new RootAllocator()) {
            List<VectorSchemaRoot> roots = new ArrayList<>();
            try {
                for (int batch = 0; batch < batches; batch++) {
                    roots.add(entryBatch(allocator, batch * (long) rowsPerBatch, rowsPerBatch, seed));
                }
                return write(ENTRY_SCHEMA, roots);
            }
            finally {
                roots.forEach(VectorSchemaRoot::close);
            }
        }
    }

    public static String entryName(long seed, long row)
    {
        return "entry-%d-%d".formatted(seed, row);
    }

    public static String entryNodeId(long seed, long row)
    {
        return "%016x".formatted(seed * 1_000_000 + row);
    }

    private static VectorSchemaRoot entryBatch(BufferAllocator allocator, long firstRow, int rows, long seed)
    {
        VectorSchemaRoot root = VectorSchemaRoot.create(ENTRY_SCHEMA, allocator);
        VarCharVector names = (VarCharVector) root.getVector("name");
        VarCharVector nodeIds = (VarCharVector) root.getVector("node_id");
        root.allocateNew();
        for (int i = 0; i < rows; i++) {
            names.setSafe(i, entryName(seed, firstRow + i).getBytes(UTF_8));
            nodeIds.setSafe(i, entryNodeId(seed, firstRow + i).getBytes(UTF_8));
        }
        root.setRowCount(rows);
        return root;
    }
}
