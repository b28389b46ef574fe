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

import io.airlift.slice.Slice;
import io.bytestream.arrow.format.FormatException;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MetadataVersion;

import java.nio.ByteBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static java.util.Objects.requireNonNull;

/**
 * Splits an Arrow IPC stream into messages. Understands the continuation marker (0xFFFFFFFF followed by
 * the metadata length), the legacy framing without it, and both end-of-stream forms (a zero length or the
 * end of the data). Every length is checked against the bytes that remain.
 */
public final class IpcMessageReader
{
    private static final int CONTINUATION_MARKER = 0xFFFF_FFFF;

    private final long streamLength;
    private final ByteRangeReader bytes;
    private long position;
    private int messageCount;
    private boolean finished;

    public IpcMessageReader(Slice stream)
    {
        this(stream.length(), (offset, length) -> stream.slice((int) offset, length));
    }

    /** Over a stream that may be stored elsewhere: only message prefixes and metadata are read. */
    public IpcMessageReader(long streamLength, ByteRangeReader bytes)
    {
        this.streamLength = streamLength;
        this.bytes = requireNonNull(bytes, "bytes is null");
    }

    /**
     * Returns the next message, or null at the end of the stream.
     */
    public IpcMessage next()
    {
        if (finished) {
            return null;
        }
        long remaining = streamLength - position;
        if (remaining == 0) {
            finished = true;
            return null;
        }
        int index = messageCount;
        if (remaining < 4) {
            throw error(index, "truncated message prefix: %s bytes left at offset %s".formatted(remaining, position));
        }
        int metadataLength = bytes.read(position, 4).getInt(0);
        long metadataOffset = position + 4;
        if (metadataLength == CONTINUATION_MARKER) {
            if (remaining < 8) {
                throw error(index, "truncated metadata length after continuation marker at offset %s".formatted(position));
            }
            metadataLength = bytes.read(position + 4, 4).getInt(0);
            metadataOffset = position + 8;
        }
        if (metadataLength == 0) {
            finished = true;
            return null;
        }
        long available = streamLength - metadataOffset;
        if (metadataLength < 0 || metadataLength > available) {
            throw error(index, "metadata length %s at offset %s exceeds the %s bytes left".formatted(metadataLength, position, available));
        }
        Message message = parseMessage(index, metadataOffset, metadataLength);
        long bodyOffset = metadataOffset + metadataLength;
        long bodyLength = message.bodyLength();
        long bodyAvailable = streamLength - bodyOffset;
        if (bodyLength < 0 || bodyLength > bodyAvailable) {
            throw error(index, "body length %s exceeds the %s bytes left".formatted(bodyLength, bodyAvailable));
        }
        if (bodyOffset + bodyLength > Integer.MAX_VALUE) {
            throw error(index, "message ends beyond 2 GB at offset %s".formatted(bodyOffset + bodyLength));
        }
        position = bodyOffset + bodyLength;
        messageCount++;
        return new IpcMessage(index, message, (int) bodyOffset, (int) bodyLength);
    }

    private Message parseMessage(int index, long metadataOffset, int metadataLength)
    {
        if (metadataLength < 8) {
            throw error(index, "metadata of %s bytes is too short for a flatbuffer message".formatted(metadataLength));
        }
        // a private heap copy: flatbuffer accessors then stay within this array and fail with bounds exceptions
        ByteBuffer buffer = ByteBuffer.wrap(bytes.read(metadataOffset, metadataLength).getBytes()).order(LITTLE_ENDIAN);
        int rootOffset = buffer.getInt(0);
        if (rootOffset < 4 || rootOffset > metadataLength - 4) {
            throw error(index, "flatbuffer root offset %s outside the %s metadata bytes".formatted(rootOffset, metadataLength));
        }
        Message message = Message.getRootAsMessage(buffer);
        short version = message.version();
        if (version < MetadataVersion.V4 || version > MetadataVersion.V5) {
            throw error(index, "unsupported metadata version %s (only V4 and V5 are read)".formatted(version));
        }
        return message;
    }

    private static FormatException error(int index, String detail)
    {
        return new FormatException("Invalid Arrow IPC stream, message %s: %s".formatted(index, detail));
    }
}
