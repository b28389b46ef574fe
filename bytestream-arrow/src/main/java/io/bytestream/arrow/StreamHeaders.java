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

import io.bytestream.arrow.message.BatchDescription;
import io.bytestream.arrow.message.IpcMessage;
import io.bytestream.arrow.message.IpcMessageReader;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;

/**
 * Walks the messages of a stream read by range, reading only message prefixes and metadata: the schema message, then
 * each record and dictionary batch's header, handed to a visitor. Bodies are skipped by their declared lengths, which
 * {@link IpcMessageReader} checks against the stream's length.
 */
final class StreamHeaders
{
    private StreamHeaders() {}

    interface Visitor
    {
        void schema(IpcMessage schema);

        void recordBatch(IpcMessage message, RecordBatch header, BatchDescription description);

        void dictionaryBatch(IpcMessage message, DictionaryBatch header);
    }

    static void visit(StreamBytes stream, Visitor visitor)
    {
        IpcMessageReader messages = new IpcMessageReader(stream.length(), stream::read);
        IpcMessage schema = messages.next();
        if (schema == null || schema.headerType() != MessageHeader.Schema) {
            throw new IpcFormatException("Invalid Arrow IPC stream: it does not start with a schema message");
        }
        visitor.schema(schema);
        long recordBatches = 0;
        for (IpcMessage message = messages.next(); message != null; message = messages.next()) {
            switch (message.headerType()) {
                case MessageHeader.RecordBatch -> {
                    RecordBatch header = (RecordBatch) message.message().header(new RecordBatch());
                    if (header == null) {
                        throw new IpcFormatException("Invalid Arrow IPC stream, %s: no record batch header".formatted(message.describe()));
                    }
                    visitor.recordBatch(message, header, new BatchDescription("record batch", recordBatches++, message));
                }
                case MessageHeader.DictionaryBatch -> {
                    DictionaryBatch header = (DictionaryBatch) message.message().header(new DictionaryBatch());
                    if (header == null || header.data() == null) {
                        throw new IpcFormatException("Invalid Arrow IPC stream, %s: no dictionary batch data".formatted(message.describe()));
                    }
                    visitor.dictionaryBatch(message, header);
                }
                default -> throw new IpcFormatException("Invalid Arrow IPC stream: unexpected %s after the schema".formatted(message.describe()));
            }
        }
    }
}
