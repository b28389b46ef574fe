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

package io.bytestream.arrow.message;

import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;

/**
 * One framed IPC message: its flatbuffer metadata and the location of its body in the stream.
 *
 * @param index 0-based position of the message in the stream, for error messages
 */
public record IpcMessage(int index, Message message, int bodyOffset, int bodyLength)
{
    public byte headerType()
    {
        return message.headerType();
    }

    public String describe()
    {
        return "message %s (%s)".formatted(index, headerName(headerType()));
    }

    public static String headerName(byte headerType)
    {
        if (headerType >= 0 && headerType < MessageHeader.names.length) {
            return MessageHeader.names[headerType];
        }
        return "unknown header type " + headerType;
    }
}
