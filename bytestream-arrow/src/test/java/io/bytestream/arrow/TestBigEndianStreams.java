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
import io.bytestream.arrow.message.IpcMessageReader;
import io.bytestream.arrow.schema.ArrowField;
import io.bytestream.arrow.schema.SchemaParser;
import io.bytestream.arrow.schema.TrinoTypes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Big-endian streams decode to the same values as their little-endian counterparts.
 */
class TestBigEndianStreams
{
    private static final Path INTEGRATION = Path.of("../testing/arrow-testing/integration");

    /**
     * Every arrow-testing big-endian file has the same outcome as the little-endian file written from the same
     * data: the same values, or the same exception. Compared for the whole stream and for each column on its own,
     * so that a column the decoder refuses does not hide the others.
     */
    @Test
    void testSameOutcomeAsLittleEndian()
            throws IOException
    {
        List<Path> files;
        try (Stream<Path> list = Files.list(INTEGRATION.resolve("1.0.0-bigendian"))) {
            files = list.filter(path -> path.getFileName().toString().endsWith(".stream")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(20);
        List<String> decodedFiles = new ArrayList<>();
        int decodedColumns = 0;
        for (Path bigEndianFile : files) {
            Slice bigEndian = Slices.wrappedBuffer(Files.readAllBytes(bigEndianFile));
            Slice littleEndian = Slices.wrappedBuffer(Files.readAllBytes(INTEGRATION.resolve("1.0.0-littleendian").resolve(bigEndianFile.getFileName())));
            String name = bigEndianFile.getFileName().toString();
            assertThat(SchemaParser.parse(new IpcMessageReader(bigEndian).next()).byteOrder()).as(name).isEqualTo(BIG_ENDIAN);

            Outcome outcome = Outcome.of(bigEndian, null);
            assertThat(outcome).as(name).isEqualTo(Outcome.of(littleEndian, null));
            if (outcome.error() == null) {
                decodedFiles.add(name);
            }
            for (ArrowField field : SchemaParser.parse(new IpcMessageReader(bigEndian).next()).fields()) {
                Outcome column = Outcome.of(bigEndian, field);
                assertThat(column).as("%s, column %s", name, field.name()).isEqualTo(Outcome.of(littleEndian, field));
                if (column.error() == null) {
                    decodedColumns++;
                }
            }
        }
        assertThat(decodedFiles).contains(
                "generated_primitive.stream", "generated_primitive_large_offsets.stream", "generated_interval.stream", "generated_null.stream", "generated_dictionary.stream",
                "generated_dictionary_unsigned.stream", "generated_nested.stream", "generated_nested_dictionary.stream", "generated_nested_large_offsets.stream",
                "generated_recursive_nested.stream", "generated_map.stream", "generated_map_non_canonical.stream", "generated_extension.stream");
        assertThat(decodedColumns).isGreaterThan(100);
    }

    /**
     * The result of decoding a stream: its values, or the class and message of the exception.
     */
    private record Outcome(Decoded decoded, String error)
    {
        /**
         * @param field the one field to decode, or null for all columns
         */
        static Outcome of(Slice stream, ArrowField field)
        {
            try {
                List<IpcColumn> columns = field == null
                        ? IpcSchemaReader.readColumns(stream)
                        : List.of(new IpcColumn(TrinoTypes.columnName(field), TrinoTypes.toTrinoType(field, field.name())));
                return new Outcome(Decoded.decode(stream, columns), null);
            }
            catch (IpcFormatException e) {
                // or its subclass UnsupportedArrowTypeException
                return new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
