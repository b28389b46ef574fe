/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.bytestream.benchmarks;

import io.airlift.compress.v3.lz4.Lz4JavaCompressor;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.compression.AbstractCompressionCodec;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.CompressionUtil.CodecType;
import org.apache.commons.compress.compressors.lz4.XXHash32;

import java.io.ByteArrayOutputStream;

/**
 * Compresses Arrow IPC body buffers to LZ4 frames (as Arrow's {@code LZ4_FRAME} codec) with aircompressor's LZ4 block
 * compressor: Arrow Java's own {@code Lz4CompressionCodec} (commons-compress) took over 14 minutes for the 30 MB
 * of a 300,000-row table. Frames of independent 4 MB blocks without checksums. Writes only.
 */
final class Lz4FrameCompressionCodec
        extends AbstractCompressionCodec
{
    static final CompressionCodec.Factory FACTORY = new CompressionCodec.Factory()
    {
        @Override
        public CompressionCodec createCodec(CodecType codecType)
        {
            if (codecType != CodecType.LZ4_FRAME) {
                throw new IllegalArgumentException("Not LZ4_FRAME: " + codecType);
            }
            return new Lz4FrameCompressionCodec();
        }

        @Override
        public CompressionCodec createCodec(CodecType codecType, int compressionLevel)
        {
            return createCodec(codecType);
        }
    };

    private static final int FRAME_MAGIC = 0x184D2204;
    private static final int FLAGS = 0b0110_0000; // version 01, independent blocks, no checksums, no content size
    private static final int BLOCK_DESCRIPTOR = 0b0111_0000; // blocks of at most 4 MB
    private static final int MAX_BLOCK_SIZE = 4 << 20;
    private static final int UNCOMPRESSED_BLOCK_FLAG = 0x8000_0000;

    private final Lz4JavaCompressor compressor = new Lz4JavaCompressor();

    @Override
    protected ArrowBuf doCompress(BufferAllocator allocator, ArrowBuf uncompressedBuffer)
    {
        byte[] input = new byte[(int) uncompressedBuffer.writerIndex()];
        uncompressedBuffer.getBytes(0, input);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(input.length / 2 + 16);
        writeIntLittleEndian(frame, FRAME_MAGIC);
        frame.write(FLAGS);
        frame.write(BLOCK_DESCRIPTOR);
        frame.write(headerChecksum());
        byte[] block = new byte[compressor.maxCompressedLength(Math.min(input.length, MAX_BLOCK_SIZE))];
        for (int offset = 0; offset < input.length; offset += MAX_BLOCK_SIZE) {
            int length = Math.min(MAX_BLOCK_SIZE, input.length - offset);
            int compressed = compressor.compress(input, offset, length, block, 0, block.length);
            if (compressed < length) {
                writeIntLittleEndian(frame, compressed);
                frame.write(block, 0, compressed);
            }
            else {
                writeIntLittleEndian(frame, length | UNCOMPRESSED_BLOCK_FLAG);
                frame.write(input, offset, length);
            }
        }
        writeIntLittleEndian(frame, 0); // end mark
        byte[] output = frame.toByteArray();
        ArrowBuf compressedBuffer = allocator.buffer(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH + output.length);
        compressedBuffer.setBytes(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH, output);
        compressedBuffer.writerIndex(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH + output.length);
        return compressedBuffer;
    }

    // the second byte of xxHash32 (seed 0) of the frame descriptor
    private static int headerChecksum()
    {
        XXHash32 hash = new XXHash32();
        hash.update(new byte[] {(byte) FLAGS, (byte) BLOCK_DESCRIPTOR}, 0, 2);
        return (int) ((hash.getValue() >> 8) & 0xFF);
    }

    private static void writeIntLittleEndian(ByteArrayOutputStream out, int value)
    {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }

    @Override
    protected ArrowBuf doDecompress(BufferAllocator allocator, ArrowBuf compressedBuffer)
    {
        throw new UnsupportedOperationException("writes only");
    }

    @Override
    public CodecType getCodecType()
    {
        return CodecType.LZ4_FRAME;
    }
}
