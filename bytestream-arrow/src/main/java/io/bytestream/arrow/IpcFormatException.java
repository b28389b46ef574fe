package io.bytestream.arrow;

/**
 * The bytes are not a well-formed Arrow IPC stream. The message names the offending message, batch,
 * column or buffer and the bad value.
 */
public class IpcFormatException
        extends RuntimeException
{
    public IpcFormatException(String message)
    {
        super(message);
    }

    public IpcFormatException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
