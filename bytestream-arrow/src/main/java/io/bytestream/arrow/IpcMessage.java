package io.bytestream.arrow;

import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;

/**
 * One framed IPC message: its flatbuffer metadata and the location of its body in the stream.
 *
 * @param index 0-based position of the message in the stream, for error messages
 */
record IpcMessage(int index, Message message, int bodyOffset, int bodyLength)
{
    byte headerType()
    {
        return message.headerType();
    }

    String describe()
    {
        return "message %s (%s)".formatted(index, headerName(headerType()));
    }

    static String headerName(byte headerType)
    {
        if (headerType >= 0 && headerType < MessageHeader.names.length) {
            return MessageHeader.names[headerType];
        }
        return "unknown header type " + headerType;
    }
}
