package io.bytestream.arrow;

/**
 * Compressed buffer data that does not decode. Thrown by the codecs with only the detail (what is wrong and
 * where in the compressed bytes); {@link BodyDecompressor} turns it into an {@link IpcFormatException} that
 * also names the message, batch and buffer.
 */
final class MalformedCompressedDataException
        extends RuntimeException
{
    MalformedCompressedDataException(String message)
    {
        super(message);
    }
}
