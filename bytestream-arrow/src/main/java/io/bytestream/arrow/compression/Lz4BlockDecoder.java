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

/**
 * Decodes one LZ4 block (the raw LZ4 sequence format) into an output array that may already hold earlier
 * blocks of the same frame: a match may reach back to {@code windowStart}, which for the linked blocks of
 * an LZ4 frame is the start of the frame's output, not of the block. This is why aircompressor's raw LZ4
 * decompressor, which refuses matches reaching before its output start, cannot decode Arrow C++'s frames.
 * <p>
 * Every literal length, match offset and match length is checked against the input and output bounds
 * before any byte is copied.
 */
final class Lz4BlockDecoder
{
    private static final int MIN_MATCH = 4;
    private static final int LENGTH_EXTENDED = 15;

    private final byte[] input;
    private final int inputOffset;
    private final int inputLimit;
    private final byte[] output;
    private final int windowStart;
    private final int outputLimit;
    private int in;
    private int out;

    private Lz4BlockDecoder(byte[] input, int inputOffset, int inputLimit, byte[] output, int windowStart, int outputOffset, int outputLimit)
    {
        this.input = input;
        this.inputOffset = inputOffset;
        this.inputLimit = inputLimit;
        this.output = output;
        this.windowStart = windowStart;
        this.outputLimit = outputLimit;
        this.in = inputOffset;
        this.out = outputOffset;
    }

    /**
     * Decodes {@code input[inputOffset, inputLimit)} into {@code output} from {@code outputOffset} on, writing
     * nothing at or past {@code outputLimit}.
     *
     * @param windowStart the earliest output position a match may copy from
     * @return the output position after the block's last byte
     */
    static int decode(byte[] input, int inputOffset, int inputLimit, byte[] output, int windowStart, int outputOffset, int outputLimit)
    {
        return new Lz4BlockDecoder(input, inputOffset, inputLimit, output, windowStart, outputOffset, outputLimit).decode();
    }

    private int decode()
    {
        while (true) {
            if (in >= inputLimit) {
                throw error("the block ends at input byte %s without its final literals".formatted(in - inputOffset));
            }
            int token = input[in++] & 0xFF;

            int literalLength = readLength(token >>> 4, "literal");
            if (literalLength > inputLimit - in) {
                throw error("literal run of %s bytes at input byte %s overruns the block's %s bytes".formatted(literalLength, in - inputOffset, inputLimit - inputOffset));
            }
            if (literalLength > outputLimit - out) {
                throw error("literal run of %s bytes at input byte %s overruns the output (%s bytes left)".formatted(literalLength, in - inputOffset, outputLimit - out));
            }
            System.arraycopy(input, in, output, out, literalLength);
            in += literalLength;
            out += literalLength;
            if (in == inputLimit) {
                // the last sequence has literals only
                return out;
            }

            if (inputLimit - in < 2) {
                throw error("the match offset at input byte %s is truncated".formatted(in - inputOffset));
            }
            int offset = (input[in] & 0xFF) | (input[in + 1] & 0xFF) << 8;
            if (offset == 0) {
                throw error("match offset 0 at input byte %s".formatted(in - inputOffset));
            }
            if (offset > out - windowStart) {
                throw error("match offset %s at input byte %s reaches before the start of the output (%s bytes decoded)".formatted(offset, in - inputOffset, out - windowStart));
            }
            in += 2;

            int matchLength = readLength(token & 0x0F, "match") + MIN_MATCH;
            if (matchLength > outputLimit - out) {
                throw error("match of %s bytes at input byte %s overruns the output (%s bytes left)".formatted(matchLength, in - inputOffset, outputLimit - out));
            }
            int from = out - offset;
            if (offset >= matchLength) {
                System.arraycopy(output, from, output, out, matchLength);
            }
            else {
                // an overlapping match repeats the last offset bytes
                for (int i = 0; i < matchLength; i++) {
                    output[out + i] = output[from + i];
                }
            }
            out += matchLength;
        }
    }

    /**
     * Completes a literal or match length from its token nibble: at 15, 255-continued extension bytes
     * follow. A length beyond the output left is refused as soon as it is reached, so the sum cannot overflow.
     */
    private int readLength(int nibble, String kind)
    {
        if (nibble != LENGTH_EXTENDED) {
            return nibble;
        }
        int start = in;
        int length = nibble;
        int value;
        do {
            if (in >= inputLimit) {
                throw error("the %s length at input byte %s is truncated".formatted(kind, start - inputOffset));
            }
            value = input[in++] & 0xFF;
            length += value;
            if (length > outputLimit - out) {
                throw error("the %s length at input byte %s exceeds the %s output bytes left".formatted(kind, start - inputOffset, outputLimit - out));
            }
        }
        while (value == 255);
        return length;
    }

    private static MalformedCompressedDataException error(String detail)
    {
        return new MalformedCompressedDataException("LZ4 block: " + detail);
    }
}
