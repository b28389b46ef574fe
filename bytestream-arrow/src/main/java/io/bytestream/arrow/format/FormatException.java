package io.bytestream.arrow.format;

/**
 * The bytes are not a well-formed Arrow IPC stream. The message names the offending message, batch,
 * column or buffer and the bad value.
 * <p>
 * Thrown below the public API, whose packages cannot name the public exceptions above them: the decoder's
 * entry points rethrow it as the public {@code IpcFormatException}.
 */
public class FormatException
        extends RuntimeException
{
    public FormatException(String message)
    {
        super(message);
    }
}
