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
import io.bytestream.arrow.schema.SchemaParser;
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
        // as the decoder checks it: the same record is refused with the same message by both
        SchemaParser.checkSchemaMessage(schema);
        visitor.schema(schema);
        long recordBatches = 0;
        for (IpcMessage message = messages.next(); message != null; message = messages.next()) {
            switch (message.headerType()) {
                case MessageHeader.RecordBatch -> {
                    BatchDescription description = new BatchDescription("record batch", recordBatches++, message);
                    visitor.recordBatch(message, MessageHeaders.recordBatch(message, description), description);
                }
                case MessageHeader.DictionaryBatch -> visitor.dictionaryBatch(message, MessageHeaders.dictionaryBatch(message));
                default -> throw MessageHeaders.unexpected(message);
            }
        }
    }
}
