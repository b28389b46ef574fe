package io.bytestream.arrow.compression;

/**
 * A codec of Arrow's body compression: decodes one compressed buffer (without its 8-byte length prefix).
 */
public interface BufferDecoder
{
    static BufferDecoder lz4Frame()
    {
        return new Lz4FrameBufferDecoder();
    }

    /**
     * Not thread-safe: each stream decoding needs its own.
     */
    static BufferDecoder zstd()
    {
        return new ZstdBufferDecoder();
    }

    /**
     * The codec's name in the {@code CompressionType} enum of the Arrow format, for error messages.
     */
    String codecName();

    /**
     * Refuses compressed data whose own header declares a size other than the buffer's uncompressed length,
     * before the body's output is allocated. The default checks nothing.
     *
     * @throws MalformedCompressedDataException if the sizes disagree
     */
    default void checkDeclaredLength(byte[] input, int inputOffset, int inputLength, long uncompressedLength) {}

    /**
     * Decodes {@code input[inputOffset, inputOffset + inputLength)} into exactly
     * {@code output[outputOffset, outputOffset + outputLength)}.
     *
     * @throws MalformedCompressedDataException if the data is malformed or decodes to another length
     */
    void decode(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset, int outputLength);
}
