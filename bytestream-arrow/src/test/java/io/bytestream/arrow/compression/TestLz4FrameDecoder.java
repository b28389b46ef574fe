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

import io.airlift.compress.v3.lz4.Lz4JavaCompressor;
import org.apache.commons.codec.digest.XXHash32;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream.BlockSize;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The LZ4 frame decoder on frames assembled here from raw blocks (aircompressor's LZ4 compressor, stored
 * blocks, hand-written sequences) and on frames written by commons-compress, and its refusal of corrupt frames.
 */
class TestLz4FrameDecoder
{
    private static final int MAGIC = 0x184D2204;

    @Test
    void testXxHash32()
    {
        // reference values of the xxHash specification's implementation
        assertThat(XxHash32.hash(new byte[0], 0, 0)).isEqualTo(0x02CC5D05);
        assertThat(XxHash32.hash("a".getBytes(UTF_8), 0, 1)).isEqualTo(0x550D7456);
        assertThat(XxHash32.hash("abc".getBytes(UTF_8), 0, 3)).isEqualTo(0x32D153FF);
        Random random = new Random(1);
        for (int length = 0; length < 200; length++) {
            byte[] data = new byte[length + 3];
            random.nextBytes(data);
            assertThat(XxHash32.hash(data, 3, length)).as("length %s", length).isEqualTo(commonsXxHash32(data, 3, length));
        }
    }

    @Test
    void testCompressedBlocks()
    {
        byte[] content = compressibleContent(150_000);
        // three blocks of at most 64 KiB, each compressed on its own
        List<Block> blocks = List.of(
                compressed(Arrays.copyOfRange(content, 0, 65_536)),
                compressed(Arrays.copyOfRange(content, 65_536, 131_072)),
                compressed(Arrays.copyOfRange(content, 131_072, content.length)));
        for (boolean independent : new boolean[] {true, false}) {
            assertThat(decode(new Frame(independent, false, null, false, blocks).build(content), content.length)).isEqualTo(content);
        }
    }

    @Test
    void testStoredBlocks()
    {
        byte[] content = randomContent(70_000, 2);
        List<Block> blocks = List.of(stored(Arrays.copyOfRange(content, 0, 65_536)), stored(Arrays.copyOfRange(content, 65_536, content.length)));
        assertThat(decode(new Frame(false, false, null, false, blocks).build(content), content.length)).isEqualTo(content);
    }

    /**
     * With linked blocks (LZ4F's default, which Arrow C++ keeps), a match may reach into the blocks before.
     */
    @Test
    void testLinkedBlocks()
    {
        byte[] first = randomContent(64, 3);
        // literal 'X', then a 16-byte match 40 bytes back (into the first block), then 5 final literals
        byte[] second = concat(new byte[] {0x1C, 'X', 40, 0}, new byte[] {0x50}, "tail!".getBytes(UTF_8));
        byte[] content = concat(first, new byte[] {'X'}, Arrays.copyOfRange(first, 25, 41), "tail!".getBytes(UTF_8));
        List<Block> blocks = List.of(compressed(first), new Block(second, false));

        assertThat(decode(new Frame(false, false, null, false, blocks).build(content), content.length)).isEqualTo(content);
        assertThatThrownBy(() -> decode(new Frame(true, false, null, false, blocks).build(content), content.length))
                .isInstanceOf(MalformedCompressedDataException.class)
                .hasMessageContaining("match offset 40 at input byte 2 reaches before the start of the output (1 bytes decoded)");
    }

    @Test
    void testOverlappingMatch()
    {
        // 'ab', then a 10-byte match 2 back: repeats "ab"
        byte[] block = concat(new byte[] {0x26, 'a', 'b', 2, 0}, new byte[] {0x10, '!'});
        byte[] content = "abababababab!".getBytes(UTF_8);
        assertThat(decode(new Frame(true, false, null, false, List.of(new Block(block, false))).build(content), content.length)).isEqualTo(content);
    }

    @Test
    void testChecksumsAndContentSize()
    {
        byte[] content = compressibleContent(100_000);
        List<Block> blocks = List.of(compressed(Arrays.copyOfRange(content, 0, 65_536)), stored(Arrays.copyOfRange(content, 65_536, content.length)));
        byte[] frame = new Frame(false, true, (long) content.length, true, blocks).build(content);
        assertThat(decode(frame, content.length)).isEqualTo(content);

        byte[] contentSizeOnly = new Frame(true, false, (long) content.length, false, blocks).build(content);
        assertThat(decode(contentSizeOnly, content.length)).isEqualTo(content);
    }

    @Test
    void testConcatenatedAndSkippableFrames()
    {
        byte[] first = compressibleContent(1_000);
        byte[] second = randomContent(500, 4);
        byte[] skippable = concat(intLe(0x184D2A5B), intLe(3), new byte[] {1, 2, 3});
        byte[] frames = concat(
                skippable,
                new Frame(true, true, (long) first.length, true, List.of(compressed(first))).build(first),
                skippable,
                new Frame(false, false, null, false, List.of(stored(second))).build(second));
        assertThat(decode(frames, first.length + second.length)).isEqualTo(concat(first, second));
    }

    @Test
    void testCommonsCompressFrames()
            throws IOException
    {
        byte[] content = compressibleContent(150_000);
        // linked blocks with checksums, independent blocks without
        for (boolean linked : new boolean[] {true, false}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (FramedLZ4CompressorOutputStream lz4 = new FramedLZ4CompressorOutputStream(out, new FramedLZ4CompressorOutputStream.Parameters(BlockSize.K64, linked, linked, linked))) {
                lz4.write(content);
            }
            assertThat(decode(out.toByteArray(), content.length)).as("linked %s", linked).isEqualTo(content);
        }
    }

    @Test
    void testEmptyContent()
    {
        byte[] frame = new Frame(false, true, 0L, true, List.of()).build(new byte[0]);
        assertThat(decode(frame, 0)).isEmpty();
    }

    @Test
    void testCorruptFrames()
    {
        byte[] content = compressibleContent(5_000);
        byte[] valid = new Frame(false, true, (long) content.length, true, List.of(compressed(content))).build(content);
        assertThat(decode(valid, content.length)).isEqualTo(content);

        for (int length = 0; length < valid.length; length++) {
            byte[] truncated = Arrays.copyOf(valid, length);
            assertThatThrownBy(() -> decode(truncated, content.length)).as("truncated to %s", length).isInstanceOf(MalformedCompressedDataException.class);
        }
        assertRefused(withByte(valid, 0, 0x05), content.length, "bad magic number 0x184D2205 at input byte 0");
        assertRefused(valid, content.length - 1, "declares 5000 bytes of content, more than the 4999 bytes left");
        assertRefused(valid, content.length + 1, "decoded 5000 bytes, the declared uncompressed length is 5001");
        assertRefused(withByte(valid, 4, valid[4] | 0x02), content.length, "reserved bits set");
        assertRefused(withByte(valid, 4, valid[4] ^ 0x80), content.length, "frame version 3");
        assertRefused(withByte(valid, 5, 0x30), content.length, "block maximum size id 3");
        assertRefused(withByte(valid, 14, valid[14] + 1), content.length, "header checksum");
        // a bit of the compressed block: its checksum no longer matches
        assertRefused(withByte(valid, 30, valid[30] ^ 1), content.length, "checksum of the block at input byte 15 does not match");
        assertRefused(withByte(valid, valid.length - 1, valid[valid.length - 1] ^ 1), content.length, "content checksum of the frame at input byte 4 does not match");

        byte[] wrongContentSize = new Frame(false, false, (long) content.length - 1, false, List.of(compressed(content))).build(content);
        assertRefused(wrongContentSize, content.length, "declares 4999 bytes of content and decodes to 5000");
        byte[] dictionary = new Frame(false, false, null, false, List.of(compressed(content))).build(content);
        dictionary[4] |= 0x01;
        assertRefused(dictionary, content.length, "needs a dictionary");
        byte[] oversizedBlock = concat(intLe(MAGIC), header(0x40, 0x40, null), intLe(65_537), new byte[65_537], intLe(0));
        assertRefused(oversizedBlock, 65_537, "block of 65537 bytes at input byte 7 exceeds the frame's maximum block size 65536");
        byte[] storedOverrun = new Frame(false, false, null, false, List.of(stored(content))).build(content);
        assertRefused(storedOverrun, 100, "stored block of 5000 bytes at input byte 7 overruns the output (100 bytes left)");
    }

    @Test
    void testCorruptBlocks()
    {
        assertBlockRefused(new byte[] {0x10, 'a', 0, 0}, 100, "match offset 0 at input byte 2");
        assertBlockRefused(new byte[] {0x10, 'a', 2, 0, 0x00}, 100, "match offset 2 at input byte 2 reaches before the start of the output (1 bytes decoded)");
        assertBlockRefused(new byte[] {0x50, 'a', 'b'}, 100, "literal run of 5 bytes at input byte 1 overruns the block's 3 bytes");
        assertBlockRefused(new byte[] {0x30, 'a', 'b', 'c'}, 2, "literal run of 3 bytes at input byte 1 overruns the output (2 bytes left)");
        assertBlockRefused(new byte[] {(byte) 0xF0, (byte) 255, (byte) 255}, 1_000, "the literal length at input byte 1 is truncated");
        assertBlockRefused(new byte[] {(byte) 0xF0, (byte) 255, (byte) 255, (byte) 255, (byte) 255, 0}, 1_000, "the literal length at input byte 1 exceeds the 1000 output bytes left");
        assertBlockRefused(new byte[] {0x1F, 'a', 1, 0, (byte) 255, (byte) 255, (byte) 255, (byte) 255, (byte) 255}, 1_000, "the match length at input byte 4 exceeds the 999 output bytes left");
        assertBlockRefused(new byte[] {0x1F, 'a', 1, 0, 2, 0x00}, 20, "match of 21 bytes at input byte 5 overruns the output (19 bytes left)");
        assertBlockRefused(new byte[] {0x10, 'a', 1}, 100, "the match offset at input byte 2 is truncated");
        assertBlockRefused(new byte[] {0x10, 'a', 1, 0}, 100, "the block ends at input byte 4 without its final literals");
        assertBlockRefused(new byte[0], 100, "the block ends at input byte 0 without its final literals");
    }

    /**
     * Random mutations of valid frames decode or fail with {@link MalformedCompressedDataException}, never otherwise.
     */
    @Test
    void testRandomMutations()
            throws IOException
    {
        long seed = System.nanoTime();
        System.out.println("TestLz4FrameDecoder.testRandomMutations seed: " + seed);
        Random random = new Random(seed);
        byte[] content = compressibleContent(70_000);
        ByteArrayOutputStream commons = new ByteArrayOutputStream();
        try (FramedLZ4CompressorOutputStream lz4 = new FramedLZ4CompressorOutputStream(commons, new FramedLZ4CompressorOutputStream.Parameters(BlockSize.K64, false, false, true))) {
            lz4.write(content);
        }
        byte[] linked = new Frame(false, false, null, false, List.of(compressed(Arrays.copyOf(content, 65_536)), compressed(Arrays.copyOfRange(content, 65_536, content.length)))).build(content);
        for (byte[] valid : List.of(commons.toByteArray(), linked)) {
            for (int mutation = 0; mutation < 2_000; mutation++) {
                byte[] bytes = valid.clone();
                for (int change = 1 + random.nextInt(3); change > 0; change--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt();
                }
                int outputLength = random.nextInt(10) == 0 ? random.nextInt(content.length * 2) : content.length;
                try {
                    decode(bytes, outputLength);
                }
                catch (MalformedCompressedDataException _) {
                    // refused
                }
                catch (RuntimeException | Error e) {
                    fail("seed %s, mutation %s".formatted(seed, mutation), e);
                }
            }
        }
    }

    private static void assertRefused(byte[] frame, int outputLength, String message)
    {
        assertThatThrownBy(() -> decode(frame, outputLength))
                .isInstanceOf(MalformedCompressedDataException.class)
                .hasMessageContaining(message);
    }

    private static void assertBlockRefused(byte[] block, int outputLength, String message)
    {
        assertThatThrownBy(() -> Lz4BlockDecoder.decode(block, 0, block.length, new byte[outputLength], 0, 0, outputLength))
                .isInstanceOf(MalformedCompressedDataException.class)
                .hasMessage("LZ4 block: " + message);
    }

    private static byte[] decode(byte[] frames, int outputLength)
    {
        // at an offset in both arrays, as inside a stream and a decoded body
        byte[] input = concat(new byte[5], frames);
        byte[] output = new byte[outputLength + 16];
        Lz4FrameDecoder.decode(input, 5, frames.length, output, 8, outputLength);
        return Arrays.copyOfRange(output, 8, 8 + outputLength);
    }

    private record Block(byte[] data, boolean stored) {}

    /**
     * An LZ4 frame with 64 KiB maximum block size.
     */
    private record Frame(boolean independentBlocks, boolean blockChecksums, Long contentSize, boolean contentChecksum, List<Block> blocks)
    {
        byte[] build(byte[] content)
        {
            int flags = 0x40 | (independentBlocks ? 0x20 : 0) | (blockChecksums ? 0x10 : 0) | (contentSize != null ? 0x08 : 0) | (contentChecksum ? 0x04 : 0);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(intLe(MAGIC));
            out.writeBytes(header(flags, 0x40, contentSize));
            for (Block block : blocks) {
                out.writeBytes(intLe(block.data().length | (block.stored() ? 0x8000_0000 : 0)));
                out.writeBytes(block.data());
                if (blockChecksums) {
                    out.writeBytes(intLe(commonsXxHash32(block.data(), 0, block.data().length)));
                }
            }
            out.writeBytes(intLe(0));
            if (contentChecksum) {
                out.writeBytes(intLe(commonsXxHash32(content, 0, content.length)));
            }
            return out.toByteArray();
        }
    }

    /**
     * FLG, BD, the optional content size and the header checksum.
     */
    private static byte[] header(int flags, int blockDescriptor, Long contentSize)
    {
        ByteArrayOutputStream descriptor = new ByteArrayOutputStream();
        descriptor.write(flags);
        descriptor.write(blockDescriptor);
        if (contentSize != null) {
            descriptor.writeBytes(intLe((int) (long) contentSize));
            descriptor.writeBytes(intLe((int) (contentSize >>> 32)));
        }
        byte[] bytes = descriptor.toByteArray();
        return concat(bytes, new byte[] {(byte) (commonsXxHash32(bytes, 0, bytes.length) >>> 8)});
    }

    private static Block compressed(byte[] data)
    {
        Lz4JavaCompressor compressor = new Lz4JavaCompressor();
        byte[] block = new byte[compressor.maxCompressedLength(data.length)];
        int length = compressor.compress(data, 0, data.length, block, 0, block.length);
        return new Block(Arrays.copyOf(block, length), false);
    }

    private static Block stored(byte[] data)
    {
        return new Block(data, true);
    }

    private static int commonsXxHash32(byte[] data, int offset, int length)
    {
        XXHash32 hash = new XXHash32();
        hash.update(data, offset, length);
        return (int) hash.getValue();
    }

    /**
     * Text-like bytes with many repeats.
     */
    static byte[] compressibleContent(int length)
    {
        Random random = new Random(length);
        String[] words = {"arrow ", "trino ", "block ", "lz4 ", "frame ", "zstd ", "1234 ", "\n"};
        byte[] content = new byte[length];
        int position = 0;
        while (position < length) {
            byte[] word = words[random.nextInt(words.length)].getBytes(UTF_8);
            int count = Math.min(word.length, length - position);
            System.arraycopy(word, 0, content, position, count);
            position += count;
        }
        return content;
    }

    private static byte[] randomContent(int length, int seed)
    {
        byte[] content = new byte[length];
        new Random(seed).nextBytes(content);
        return content;
    }

    private static byte[] withByte(byte[] bytes, int position, int value)
    {
        byte[] copy = bytes.clone();
        copy[position] = (byte) value;
        return copy;
    }

    private static byte[] intLe(int value)
    {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }

    private static byte[] concat(byte[]... parts)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
