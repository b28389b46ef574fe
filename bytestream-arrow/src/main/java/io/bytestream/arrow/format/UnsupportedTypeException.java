package io.bytestream.arrow.format;

/**
 * The stream is valid Arrow, but uses a type, a type change or a feature this decoder cannot map to Trino.
 * The decoder's entry points rethrow it as the public {@code UnsupportedArrowTypeException}.
 */
public final class UnsupportedTypeException
        extends FormatException
{
    public UnsupportedTypeException(String message)
    {
        super(message);
    }
}
