package io.bytestream.arrow.compression;

/**
 * The LZ4_FRAME codec of Arrow's body compression: each buffer holds LZ4 frames.
 */
final class Lz4FrameBufferDecoder
        implements BufferDecoder
{
    @Override
    public String codecName()
    {
        return "LZ4_FRAME";
    }

    @Override
    public void decode(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset, int outputLength)
    {
        Lz4FrameDecoder.decode(input, inputOffset, inputLength, output, outputOffset, outputLength);
    }
}
