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
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An Arrow IPC stream decoded with Arrow Java's reader: its schema and, per batch, its rows as lists of values.
 */
record ArrowStreamContents(Schema schema, List<List<List<Object>>> batches)
{
    static ArrowStreamContents read(byte[] stream)
    {
        try (BufferAllocator allocator = new RootAllocator();
                ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(stream), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            List<List<List<Object>>> batches = new ArrayList<>();
            while (reader.loadNextBatch()) {
                List<List<Object>> rows = new ArrayList<>();
                for (int row = 0; row < root.getRowCount(); row++) {
                    List<Object> values = new ArrayList<>();
                    for (var vector : root.getFieldVectors()) {
                        Object value = vector.getObject(row);
                        values.add(value == null ? null : value.toString());
                    }
                    rows.add(values);
                }
                batches.add(rows);
            }
            return new ArrowStreamContents(root.getSchema(), batches);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long rowCount()
    {
        return batches.stream().mapToLong(List::size).sum();
    }
}
