package io.bytestream.arrow.compression;

/**
 * Compressed buffer data that does not decode. Thrown by the codecs with only the detail (what is wrong and
 * where in the compressed bytes); the decompression of a batch body turns it into a format error that also
 * names the message, batch and buffer.
 */
public final class MalformedCompressedDataException
        extends RuntimeException
{
    MalformedCompressedDataException(String message)
    {
        super(message);
    }
}
