package io.bytestream.arrow;

/**
 * The stream is valid Arrow, but uses a type, a type change or a feature this decoder cannot map to Trino.
 */
public class UnsupportedArrowTypeException
        extends IpcFormatException
{
    public UnsupportedArrowTypeException(String message)
    {
        super(message);
    }
}
