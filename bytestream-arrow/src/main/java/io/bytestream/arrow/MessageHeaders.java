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
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.RecordBatch;

/**
 * The headers of the messages after a stream's schema, checked the same way, and refused with the same message,
 * whether the stream is decoded ({@link StreamDecoding}) or only its headers are read ({@link StreamHeaders}).
 */
final class MessageHeaders
{
    private MessageHeaders() {}

    static RecordBatch recordBatch(IpcMessage message, BatchDescription description)
    {
        RecordBatch header = (RecordBatch) message.message().header(new RecordBatch());
        if (header == null) {
            throw new IpcFormatException("Invalid Arrow IPC stream, %s: no record batch header".formatted(description));
        }
        return header;
    }

    static DictionaryBatch dictionaryBatch(IpcMessage message)
    {
        DictionaryBatch header = (DictionaryBatch) message.message().header(new DictionaryBatch());
        if (header == null || header.data() == null) {
            throw new IpcFormatException("Invalid Arrow IPC stream, %s: no dictionary batch data".formatted(message.describe()));
        }
        return header;
    }

    static IpcFormatException unusedDictionary(IpcMessage message, long id)
    {
        return new IpcFormatException("Invalid Arrow IPC stream, %s: dictionary id %s is not used by the schema".formatted(message.describe(), id));
    }

    /** A message that is neither a record batch nor a dictionary batch, after the schema. */
    static IpcFormatException unexpected(IpcMessage message)
    {
        return new IpcFormatException("Invalid Arrow IPC stream: unexpected %s after the schema".formatted(message.describe()));
    }
}
