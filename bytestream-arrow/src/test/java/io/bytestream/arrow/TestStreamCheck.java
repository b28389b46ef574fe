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
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.bytestream.arrow.IpcStreamDecoder.DEFAULT_MAX_DECODED_BODY_BYTES;
import static io.trino.spi.type.BigintType.BIGINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link IpcStreamDecoder#check}: a stream is sound when every column a table can read decodes, whichever columns a
 * query asks for; fields no column can read are not decoded, but every batch body is checked.
 */
class TestStreamCheck
{
    private static final Path FUZZ = Path.of("../testing/arrow-testing/fuzz");

    @Test
    void testReadableColumnsAreThoseTheDecoderMatches()
    {
        Schema schema = new Schema(List.of(
                Field.nullable("a", new ArrowType.Int(64, true)),
                Field.nullable("A", ArrowType.Utf8.INSTANCE),
                Field.nullable("", new ArrowType.Int(32, true))));
        Slice stream = TestingArrowStreams.write(schema, List.of(List.of(List.of(1L, 2L), List.of("x", "y"), List.of(3, 4))));
        // a table's schema needs one column a name, but a table reads such a record: its column a is the first field
        assertThatThrownBy(() -> IpcSchemaReader.readColumns(stream)).isInstanceOf(UnsupportedArrowTypeException.class);
        assertThat(IpcSchemaReader.readableColumns(stream)).containsExactly(new IpcColumn("a", BIGINT));
        IpcStreamDecoder.check(stream, DEFAULT_MAX_DECODED_BODY_BYTES);
    }

    @Test
    void testFieldOfTypeTrinoLacksIsNotChecked()
            throws IOException
    {
        // a decimal128(0, 0) column 'baz' besides good ones: no table column reads it, so no query fails on it
        Slice stream = fuzz("crash-5e88bae6ac5250714e8c8bc73b9d67b949fadbb4");
        assertThatThrownBy(() -> IpcSchemaReader.readColumns(stream)).hasMessageContaining("Column 'baz'");
        assertThat(IpcSchemaReader.readableColumns(stream)).extracting(IpcColumn::name).isNotEmpty().doesNotContain("baz");
        IpcStreamDecoder.check(stream, DEFAULT_MAX_DECODED_BODY_BYTES);
        new IpcStreamDecoder(List.of(new IpcColumn("absent", BIGINT))).decode(stream, _ -> {});
    }

    @Test
    void testEveryBatchBodyIsChecked()
            throws IOException
    {
        // fields without names, a record batch whose field nodes are impossible: refused as decoding any column refuses it
        for (String file : List.of("clusterfuzz-testcase-minimized-arrow-ipc-stream-fuzz-4961281405222912", "crash-fd237566879dc60fff4d956d5fe3533d74a367f3")) {
            Slice stream = fuzz(file);
            String decoding = TestIpcStreamSummary.formatError(() -> new IpcStreamDecoder(List.of(new IpcColumn("absent", BIGINT))).decode(stream, _ -> {}));
            assertThat(decoding).contains("field node");
            assertThat(TestIpcStreamSummary.formatError(() -> IpcStreamDecoder.check(stream, DEFAULT_MAX_DECODED_BODY_BYTES))).isEqualTo(decoding);
        }
    }

    private static Slice fuzz(String file)
            throws IOException
    {
        return Slices.wrappedBuffer(Files.readAllBytes(FUZZ.resolve(file)));
    }
}
