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
