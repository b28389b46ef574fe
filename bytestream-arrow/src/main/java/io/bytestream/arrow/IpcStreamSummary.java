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
import io.bytestream.arrow.body.BatchHeader;
import io.bytestream.arrow.message.BatchDescription;
import io.bytestream.arrow.message.IpcMessage;
import io.bytestream.arrow.schema.ArrowField;
import io.bytestream.arrow.schema.ArrowSchema;
import io.bytestream.arrow.schema.SchemaParser;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.RecordBatch;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

import static io.bytestream.arrow.Guard.guard;
import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.joining;

/**
 * What the message headers of an Arrow IPC stream tell of it, read without any batch body: checked as decoding checks
 * them (message lengths, the schema, each batch's field nodes and buffers against its body's length, the dictionary
 * ids and the compression codecs), so a stream that passes can still fail only on what its bodies hold.
 *
 * @param schema the schema's top-level fields as {@code name: type, …}, types written as in error messages
 * (e.g. {@code list<struct<a: int32>>}), names as the stream has them
 * @param recordBatches the record batches, empty ones included; dictionary batches are not counted
 * @param rows the rows of all record batches
 * @param compression the body compression of the record and dictionary batches: {@code none}, {@code lz4_frame} or
 * {@code zstd}; where batches differ, each in the order first used, separated by ", "; {@code none} without batches
 */
public record IpcStreamSummary(String schema, long recordBatches, long rows, String compression)
{
    public IpcStreamSummary
    {
        requireNonNull(schema, "schema is null");
        requireNonNull(compression, "compression is null");
    }

    /**
     * @throws IpcFormatException if a message header is malformed or names a compression codec that does not exist
     */
    public static IpcStreamSummary read(Slice stream)
    {
        requireNonNull(stream, "stream is null");
        return read(StreamBytes.of(stream));
    }

    /**
     * Reads only message prefixes and metadata of a stream read by range; bodies are skipped by their declared lengths.
     *
     * @throws IpcFormatException if a message header is malformed or names a compression codec that does not exist
     */
    public static IpcStreamSummary read(StreamBytes stream)
    {
        requireNonNull(stream, "stream is null");
        return guard(() -> {
            Summarizer summarizer = new Summarizer();
            StreamHeaders.visit(stream, summarizer);
            return summarizer.summary();
        });
    }

    private static final class Summarizer
            implements StreamHeaders.Visitor
    {
        private final Set<Long> dictionaryIds = new HashSet<>();
        private final Set<String> compressions = new LinkedHashSet<>();
        private String schema;
        private long recordBatches;
        private long rows;

        @Override
        public void schema(IpcMessage message)
        {
            ArrowSchema parsed = SchemaParser.parse(message);
            parsed.fields().forEach(this::collectDictionaryIds);
            schema = parsed.fields().stream()
                    .map(field -> field.name() + ": " + field.describeType())
                    .collect(joining(", "));
        }

        private void collectDictionaryIds(ArrowField field)
        {
            if (field.isDictionaryEncoded()) {
                dictionaryIds.add(field.dictionary().id());
            }
            field.children().forEach(this::collectDictionaryIds);
        }

        @Override
        public void recordBatch(IpcMessage message, RecordBatch header, BatchDescription description)
        {
            rows += BatchHeader.check(message, header, description);
            recordBatches++;
            compressions.add(BatchHeader.compression(header, description));
        }

        @Override
        public void dictionaryBatch(IpcMessage message, DictionaryBatch header)
        {
            if (!dictionaryIds.contains(header.id())) {
                throw MessageHeaders.unusedDictionary(message, header.id());
            }
            BatchDescription description = new BatchDescription("dictionary batch", header.id(), message);
            BatchHeader.check(message, header.data(), description);
            compressions.add(BatchHeader.compression(header.data(), description));
        }

        IpcStreamSummary summary()
        {
            String compression = compressions.isEmpty() ? BatchHeader.UNCOMPRESSED : String.join(", ", compressions);
            return new IpcStreamSummary(schema, recordBatches, rows, compression);
        }
    }
}
