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

package io.bytestream.arrow.compression;

import static io.bytestream.arrow.compression.XxHash32.intAt;

/**
 * Decodes LZ4 frames (the LZ4_FRAME codec of Arrow's body compression) into one contiguous range of an
 * output array, so that the matches of linked blocks, which Arrow C++ writes by default, can reach into
 * the blocks before them. Understands the whole frame format: the FLG/BD descriptor, the optional content
 * size, the header checksum, compressed and stored blocks, block and content checksums (all verified),
 * several concatenated frames and skippable frames. Frames that need an external dictionary are refused.
 */
final class Lz4FrameDecoder
{
    private static final int FRAME_MAGIC = 0x184D2204;
    private static final int SKIPPABLE_MAGIC_MASK = 0xFFFFFFF0;
    private static final int SKIPPABLE_MAGIC = 0x184D2A50;
    private static final int STORED_BLOCK_FLAG = 0x8000_0000;

    private final byte[] input;
    private final int inputOffset;
    private final int inputLimit;
    private final byte[] output;
    private final int outputLimit;
    private int in;
    private int out;

    private Lz4FrameDecoder(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset, int outputLength)
    {
        this.input = input;
        this.inputOffset = inputOffset;
        this.inputLimit = inputOffset + inputLength;
        this.output = output;
        this.outputLimit = outputOffset + outputLength;
        this.in = inputOffset;
        this.out = outputOffset;
    }

    /**
     * Decodes the frames in {@code input[inputOffset, inputOffset + inputLength)} into
     * {@code output[outputOffset, outputOffset + outputLength)}, which they must fill exactly.
     *
     * @throws MalformedCompressedDataException if the frames are malformed or decode to another size
     */
    static void decode(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset, int outputLength)
    {
        Lz4FrameDecoder decoder = new Lz4FrameDecoder(input, inputOffset, inputLength, output, outputOffset, outputLength);
        decoder.decodeFrames();
        if (decoder.out != decoder.outputLimit) {
            throw new MalformedCompressedDataException("LZ4 frame: decoded %s bytes, the declared uncompressed length is %s".formatted(decoder.out - outputOffset, outputLength));
        }
    }

    private void decodeFrames()
    {
        while (in < inputLimit) {
            int magic = readInt("magic number");
            if ((magic & SKIPPABLE_MAGIC_MASK) == SKIPPABLE_MAGIC) {
                int size = readInt("skippable frame size");
                if (size < 0 || size > inputLimit - in) {
                    throw error("skippable frame of %s bytes at input byte %s overruns the input".formatted(Integer.toUnsignedLong(size), in - inputOffset - 8));
                }
                in += size;
                continue;
            }
            if (magic != FRAME_MAGIC) {
                throw error("bad magic number 0x%08X at input byte %s".formatted(magic, in - inputOffset - 4));
            }
            decodeFrame();
        }
    }

    private void decodeFrame()
    {
        int descriptorStart = in;
        require(2, "frame descriptor");
        int flags = input[in++] & 0xFF;
        int blockDescriptor = input[in++] & 0xFF;
        if (flags >>> 6 != 1) {
            throw error("frame version %s at input byte %s (only version 1 exists)".formatted(flags >>> 6, descriptorStart - inputOffset));
        }
        boolean independentBlocks = (flags & 0x20) != 0;
        boolean blockChecksums = (flags & 0x10) != 0;
        boolean contentSizePresent = (flags & 0x08) != 0;
        boolean contentChecksum = (flags & 0x04) != 0;
        if ((flags & 0x02) != 0 || (blockDescriptor & 0x8F) != 0) {
            throw error("reserved bits set in frame descriptor 0x%02X 0x%02X at input byte %s".formatted(flags, blockDescriptor, descriptorStart - inputOffset));
        }
        if ((flags & 0x01) != 0) {
            throw error("the frame at input byte %s needs a dictionary, which Arrow IPC does not provide".formatted(descriptorStart - inputOffset));
        }
        int blockSizeId = blockDescriptor >>> 4;
        if (blockSizeId < 4) {
            throw error("block maximum size id %s at input byte %s (4 to 7 are defined)".formatted(blockSizeId, descriptorStart - inputOffset));
        }
        int blockMaxSize = 1 << (8 + 2 * blockSizeId);

        long contentSize = -1;
        if (contentSizePresent) {
            contentSize = readLong("content size");
            if (contentSize < 0 || contentSize > outputLimit - out) {
                throw error("the frame at input byte %s declares %s bytes of content, more than the %s bytes left of the declared uncompressed length".formatted(
                        descriptorStart - inputOffset, Long.toUnsignedString(contentSize), outputLimit - out));
            }
        }
        require(1, "header checksum");
        int expectedHeaderChecksum = (XxHash32.hash(input, descriptorStart, in - descriptorStart) >>> 8) & 0xFF;
        int headerChecksum = input[in++] & 0xFF;
        if (headerChecksum != expectedHeaderChecksum) {
            throw error("header checksum 0x%02X of the frame at input byte %s does not match its descriptor (0x%02X)".formatted(headerChecksum, descriptorStart - inputOffset, expectedHeaderChecksum));
        }

        int frameStart = out;
        while (true) {
            int blockStart = in;
            int blockHeader = readInt("block size");
            if (blockHeader == 0) {
                break;
            }
            boolean stored = (blockHeader & STORED_BLOCK_FLAG) != 0;
            int blockSize = blockHeader & ~STORED_BLOCK_FLAG;
            if (blockSize > blockMaxSize) {
                throw error("block of %s bytes at input byte %s exceeds the frame's maximum block size %s".formatted(blockSize, blockStart - inputOffset, blockMaxSize));
            }
            require(blockSize, "block");
            if (blockChecksums) {
                if (inputLimit - in - blockSize < 4) {
                    throw error("the block checksum at input byte %s is truncated".formatted(in + blockSize - inputOffset));
                }
                int checksum = intAt(input, in + blockSize);
                if (checksum != XxHash32.hash(input, in, blockSize)) {
                    throw error("checksum of the block at input byte %s does not match".formatted(blockStart - inputOffset));
                }
            }
            int blockOutputLimit = (int) Math.min(outputLimit, (long) out + blockMaxSize);
            if (stored) {
                if (blockSize > blockOutputLimit - out) {
                    throw error("stored block of %s bytes at input byte %s overruns the output (%s bytes left)".formatted(blockSize, blockStart - inputOffset, outputLimit - out));
                }
                System.arraycopy(input, in, output, out, blockSize);
                out += blockSize;
            }
            else {
                try {
                    out = Lz4BlockDecoder.decode(input, in, in + blockSize, output, independentBlocks ? out : frameStart, out, blockOutputLimit);
                }
                catch (MalformedCompressedDataException e) {
                    throw error("block at input byte %s: %s".formatted(blockStart - inputOffset, e.getMessage()));
                }
            }
            in += blockSize + (blockChecksums ? 4 : 0);
        }

        if (contentChecksum) {
            int checksum = readInt("content checksum");
            if (checksum != XxHash32.hash(output, frameStart, out - frameStart)) {
                throw error("content checksum of the frame at input byte %s does not match".formatted(descriptorStart - inputOffset));
            }
        }
        if (contentSizePresent && out - frameStart != contentSize) {
            throw error("the frame at input byte %s declares %s bytes of content and decodes to %s".formatted(descriptorStart - inputOffset, contentSize, out - frameStart));
        }
    }

    private void require(int byteCount, String what)
    {
        if (inputLimit - in < byteCount) {
            throw error("%s at input byte %s is truncated (%s bytes needed, %s left)".formatted(what, in - inputOffset, byteCount, inputLimit - in));
        }
    }

    private int readInt(String what)
    {
        require(4, what);
        int value = intAt(input, in);
        in += 4;
        return value;
    }

    private long readLong(String what)
    {
        require(8, what);
        long value = Integer.toUnsignedLong(intAt(input, in)) | (long) intAt(input, in + 4) << 32;
        in += 8;
        return value;
    }

    private static MalformedCompressedDataException error(String detail)
    {
        return new MalformedCompressedDataException("LZ4 frame: " + detail);
    }
}
