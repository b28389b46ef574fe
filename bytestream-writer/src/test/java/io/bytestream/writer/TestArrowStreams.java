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
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.bytestream.writer.ArrowStreams.ENTRY_SCHEMA;
import static io.bytestream.writer.ArrowStreams.entryName;
import static io.bytestream.writer.ArrowStreams.entryNodeId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestArrowStreams
{
    private static final Schema NUMBERS = new Schema(List.of(new Field("n", FieldType.nullable(new ArrowType.Int(64, true)), null)));
    private static final byte[] END_OF_STREAM = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0};

    @Test
    void testWriteRoundTrip()
    {
        try (BufferAllocator first = new RootAllocator(); BufferAllocator second = new RootAllocator();
                VectorSchemaRoot batch1 = numbers(first, 1L, 2L, null);
                VectorSchemaRoot batch2 = numbers(second, 4L)) {
            byte[] stream = ArrowStreams.write(NUMBERS, List.of(batch1, batch2));

            ArrowStreamContents contents = ArrowStreamContents.read(stream);
            assertThat(contents.schema()).isEqualTo(NUMBERS);
            assertThat(contents.batches()).containsExactly(
                    List.of(List.of("1"), List.of("2"), Arrays.asList((Object) null)),
                    List.of(List.of("4")));
            assertThat(Arrays.copyOfRange(stream, stream.length - 8, stream.length)).isEqualTo(END_OF_STREAM);
        }
    }

    @Test
    void testWriteWithoutBatches()
    {
        byte[] stream = ArrowStreams.write(NUMBERS, List.of());

        ArrowStreamContents contents = ArrowStreamContents.read(stream);
        assertThat(contents.schema()).isEqualTo(NUMBERS);
        assertThat(contents.batches()).isEmpty();
    }

    @Test
    void testWriteRejectsOtherSchema()
    {
        try (BufferAllocator allocator = new RootAllocator(); VectorSchemaRoot batch = numbers(allocator, 1L)) {
            assertThatThrownBy(() -> ArrowStreams.write(ENTRY_SCHEMA, List.of(batch)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("differs from stream schema");
        }
    }

    @Test
    void testWriteRejectsDictionaryEncoding()
    {
        Field encoded = new Field("tag", new FieldType(true, ArrowType.Utf8.INSTANCE, new DictionaryEncoding(1, false, null)), null);
        Schema schema = new Schema(List.of(new Field("tags", FieldType.nullable(ArrowType.List.INSTANCE), List.of(encoded))));

        assertThatThrownBy(() -> ArrowStreams.write(schema, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Dictionary-encoded fields are not supported");
    }

    @Test
    void testEntries()
    {
        ArrowStreamContents contents = ArrowStreamContents.read(ArrowStreams.entries(3, 4, 7));

        assertThat(contents.schema()).isEqualTo(ENTRY_SCHEMA);
        assertThat(contents.batches()).hasSize(3).allSatisfy(batch -> assertThat(batch).hasSize(4));
        assertThat(contents.batches().get(0).get(0)).containsExactly("entry-7-0", "00000000006acfc0");
        assertThat(contents.batches().get(2).get(3)).containsExactly(entryName(7, 11), entryNodeId(7, 11));
        assertThat(contents.batches().stream().flatMap(List::stream).map(row -> row.get(0)).distinct()).hasSize(12);
    }

    @Test
    void testEntriesAreDeterministic()
    {
        assertThat(ArrowStreams.entries(2, 5, 42)).isEqualTo(ArrowStreams.entries(2, 5, 42));
        assertThat(ArrowStreams.entries(2, 5, 42)).isNotEqualTo(ArrowStreams.entries(2, 5, 43));
        assertThat(entryNodeId(42, 3)).hasSize(16).matches("[0-9a-f]{16}");
    }

    @Test
    void testEntriesWithoutRows()
    {
        assertThat(ArrowStreamContents.read(ArrowStreams.entries(0, 5, 1)).batches()).isEmpty();
        assertThat(ArrowStreamContents.read(ArrowStreams.entries(2, 0, 1)).batches()).containsExactly(List.of(), List.of());
    }

    private static VectorSchemaRoot numbers(BufferAllocator allocator, Long... values)
    {
        VectorSchemaRoot root = VectorSchemaRoot.create(NUMBERS, allocator);
        BigIntVector vector = (BigIntVector) root.getVector(0);
        vector.allocateNew(values.length);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                vector.setNull(i);
            }
            else {
                vector.set(i, values[i]);
            }
        }
        root.setRowCount(values.length);
        return root;
    }
}
