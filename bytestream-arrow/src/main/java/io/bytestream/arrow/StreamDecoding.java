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
import io.bytestream.arrow.body.BodyDecoder;
import io.bytestream.arrow.body.RecordBatchBody;
import io.bytestream.arrow.column.BatchReader;
import io.bytestream.arrow.message.BatchDescription;
import io.bytestream.arrow.message.IpcMessage;
import io.bytestream.arrow.message.IpcMessageReader;
import io.bytestream.arrow.schema.ArrowField;
import io.bytestream.arrow.schema.ArrowSchema;
import io.bytestream.arrow.schema.SchemaParser;
import io.trino.spi.block.Block;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;

import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The decoding of one stream: its schema, the readers of the requested columns matched against that
 * schema by name, the decoding of its batch bodies, and the position in the message sequence.
 */
final class StreamDecoding
{
    private final List<IpcColumn> columns;
    private final IpcMessageReader messages;
    private final List<ArrowField> fields;
    private final BodyDecoder bodies;
    private final Map<Long, ArrowField> dictionaryFields = new HashMap<>();
    private final BatchReader batchReader;
    // without columns a batch's row count is read from its header alone, unless its body is to be checked all the same
    private final boolean decodesBodies;
    private int recordBatchCount;

    /**
     * Decodes a stream in memory, reading the buffers in place.
     *
     * @param maxDecodedBodyBytes the largest decompressed body allowed
     */
    static StreamDecoding inMemory(Slice stream, List<IpcColumn> columns, long maxDecodedBodyBytes)
    {
        return new StreamDecoding(new IpcMessageReader(stream), byteOrder -> BodyDecoder.inMemory(stream, byteOrder, maxDecodedBodyBytes), columns, !columns.isEmpty());
    }

    /**
     * Decodes a stream in memory, checking every batch body, also where no column is requested.
     *
     * @param maxDecodedBodyBytes the largest decompressed body allowed
     */
    static StreamDecoding checkingBodies(Slice stream, List<IpcColumn> columns, long maxDecodedBodyBytes)
    {
        return new StreamDecoding(new IpcMessageReader(stream), byteOrder -> BodyDecoder.inMemory(stream, byteOrder, maxDecodedBodyBytes), columns, true);
    }

    /**
     * Decodes a stream read by range: message headers, then of each body only the buffers of the requested columns.
     *
     * @param maxDecodedBodyBytes the largest decompressed body allowed
     */
    static StreamDecoding byRange(StreamBytes stream, List<IpcColumn> columns, long maxDecodedBodyBytes)
    {
        return new StreamDecoding(new IpcMessageReader(stream.length(), stream::read), byteOrder -> BodyDecoder.byRange(stream::read, byteOrder, maxDecodedBodyBytes), columns, !columns.isEmpty());
    }

    private StreamDecoding(IpcMessageReader messages, Function<ByteOrder, BodyDecoder> bodyDecoder, List<IpcColumn> columns, boolean decodesBodies)
    {
        this.columns = columns;
        this.decodesBodies = decodesBodies;
        this.messages = messages;
        ArrowSchema schema = SchemaParser.parse(messages.next());
        this.fields = schema.fields();
        this.bodies = bodyDecoder.apply(schema.byteOrder());
        for (ArrowField field : fields) {
            collectDictionaryFields(field);
        }
        this.batchReader = new BatchReader(fields, columns.stream().map(IpcColumn::name).toList(), columns.stream().map(IpcColumn::type).toList());
    }

    /**
     * Decodes messages up to the next non-empty record batch; returns null at the end of the stream.
     */
    DecodedBatch nextBatch()
    {
        while (true) {
            IpcMessage message = messages.next();
            if (message == null) {
                return null;
            }
            switch (message.headerType()) {
                case MessageHeader.RecordBatch -> {
                    DecodedBatch batch = decodeRecordBatch(message);
                    if (batch.positionCount() > 0) {
                        return batch;
                    }
                }
                case MessageHeader.DictionaryBatch -> loadDictionary(message);
                default -> throw MessageHeaders.unexpected(message);
            }
        }
    }

    private DecodedBatch decodeRecordBatch(IpcMessage message)
    {
        BatchDescription description = new BatchDescription("record batch", recordBatchCount++, message);
        RecordBatch header = MessageHeaders.recordBatch(message, description);
        if (!decodesBodies) {
            return new DecodedBatch(RecordBatchBody.rowCount(header, description), new Block[0]);
        }
        RecordBatchBody body = bodies.decode(message, header, description, fields, batchReader::readsField);
        return new DecodedBatch(body.length(), batchReader.read(body));
    }

    private void loadDictionary(IpcMessage message)
    {
        DictionaryBatch batch = MessageHeaders.dictionaryBatch(message);
        long id = batch.id();
        if (!dictionaryFields.containsKey(id)) {
            throw MessageHeaders.unusedDictionary(message, id);
        }
        BatchDescription description = new BatchDescription("dictionary batch", id, message);
        batchReader.loadDictionary(id, batch.isDelta(), () -> bodies.decode(message, batch.data(), description, List.of(dictionaryFields.get(id)), _ -> true));
    }

    private void collectDictionaryFields(ArrowField field)
    {
        if (field.isDictionaryEncoded()) {
            ArrowField values = field.dictionaryValueField();
            ArrowField previous = dictionaryFields.putIfAbsent(field.dictionary().id(), values);
            if (previous != null && !previous.describeType().equals(values.describeType())) {
                throw new IpcFormatException("Invalid Arrow IPC schema: dictionary id %s is used for values of type %s and %s".formatted(
                        field.dictionary().id(), previous.describeType(), values.describeType()));
            }
        }
        for (ArrowField child : field.children()) {
            collectDictionaryFields(child);
        }
    }
}
