package io.bytestream.arrow;

import io.airlift.slice.Slice;

/**
 * The bytes of one Arrow IPC stream, read by range: a stream in memory, or one stored inside a file,
 * whose message headers can then be read without reading the bodies between them.
 */
public interface StreamBytes
{
    /** The stream's length in bytes. */
    long length();

    /**
     * The {@code length} bytes at {@code offset}; the caller keeps {@code 0 <= offset} and
     * {@code offset + length <= length()}. Failures to read are unchecked I/O exceptions, never format errors.
     */
    Slice read(long offset, int length);

    static StreamBytes of(Slice stream)
    {
        return new StreamBytes()
        {
            @Override
            public long length()
            {
                return stream.length();
            }

            @Override
            public Slice read(long offset, int length)
            {
                return stream.slice((int) offset, length);
            }
        };
    }
}
