package io.bytestream.arrow.message;

import io.airlift.slice.Slice;

/**
 * Reads the bytes of a stream by range, so that a stream stored elsewhere need not be read whole.
 * Failures to read are unchecked I/O exceptions, never format errors.
 */
@FunctionalInterface
public interface ByteRangeReader
{
    /**
     * The {@code length} bytes at {@code offset}, which the caller keeps within the stream.
     */
    Slice read(long offset, int length);
}
