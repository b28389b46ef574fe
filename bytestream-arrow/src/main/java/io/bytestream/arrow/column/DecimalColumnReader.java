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

package io.bytestream.arrow.column;

import io.airlift.slice.DynamicSliceOutput;
import io.airlift.slice.Slice;
import io.bytestream.arrow.body.FieldNode;
import io.bytestream.arrow.body.RecordBatchBody;
import io.bytestream.arrow.format.FormatException;
import io.bytestream.arrow.schema.ArrowType;
import io.trino.spi.block.Block;
import io.trino.spi.block.Int128ArrayBlock;
import io.trino.spi.block.LongArrayBlock;
import io.trino.spi.block.VariableWidthBlock;
import io.trino.spi.type.Decimals;
import io.trino.spi.type.Int128;
import io.trino.spi.type.Int128Math;

import java.math.BigDecimal;
import java.math.BigInteger;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * decimal32, decimal64, decimal128 and decimal256 (little-endian two's complement of 4 to 32 bytes) into
 * a short decimal (precision &le; 18, a long), a long decimal (precision &le; 38, an Int128 block, high word
 * first) or, for a decimal256 of a greater precision, VARCHAR holding the exact decimal text. Every value
 * must fit its declared precision: a value Trino would read as a different number is an error, not data.
 */
final class DecimalColumnReader
        implements ColumnReader
{
    private final ArrowType.Decimal arrowType;
    private final String path;

    DecimalColumnReader(ArrowType.Decimal arrowType, String path)
    {
        this.arrowType = arrowType;
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        FieldNode field = body.nextField(parentNulls, path);
        int buffer = body.nextBuffer(path, "data", field.positionCount(), arrowType.bitWidth() / 8);
        Slice data = body.data();
        int offset = body.bufferOffset(buffer);
        if (arrowType.precision() > Decimals.MAX_PRECISION) {
            return textBlock(body, field, data, offset);
        }
        if (arrowType.precision() <= Decimals.MAX_SHORT_PRECISION) {
            return new LongArrayBlock(field.positionCount(), field.nulls(), shortValues(body, field, data, offset));
        }
        return new Int128ArrayBlock(field.positionCount(), field.nulls(), longValues(body, field, data, offset));
    }

    private long[] shortValues(RecordBatchBody body, FieldNode field, Slice data, int offset)
    {
        int positionCount = field.positionCount();
        long[] values = switch (arrowType.bitWidth()) {
            case 32, 64 -> IntegerValues.read(data, offset, positionCount, arrowType.bitWidth() / 8, true);
            default -> {
                int wordsPerValue = arrowType.bitWidth() / 64;
                long[] words = data.getLongs(offset, positionCount * wordsPerValue);
                long[] narrowed = new long[positionCount];
                for (int i = 0; i < positionCount; i++) {
                    long low = words[i * wordsPerValue];
                    for (int word = 1; word < wordsPerValue; word++) {
                        if (words[i * wordsPerValue + word] != (low >> 63) && !field.isNull(i)) {
                            throw doesNotFit(body, i);
                        }
                    }
                    narrowed[i] = low;
                }
                yield narrowed;
            }
        };
        long bound = Decimals.longTenToNth(arrowType.precision());
        for (int i = 0; i < positionCount; i++) {
            if ((values[i] >= bound || values[i] <= -bound) && !field.isNull(i)) {
                throw doesNotFit(body, i);
            }
        }
        return values;
    }

    /**
     * Returns the values as (high, low) word pairs.
     */
    private long[] longValues(RecordBatchBody body, FieldNode field, Slice data, int offset)
    {
        int positionCount = field.positionCount();
        long[] int128 = new long[positionCount * 2];
        switch (arrowType.bitWidth()) {
            case 32, 64 -> {
                // any int32 or int64 fits a precision of 19 or more
                long[] raw = IntegerValues.read(data, offset, positionCount, arrowType.bitWidth() / 8, true);
                for (int i = 0; i < positionCount; i++) {
                    int128[2 * i] = raw[i] >> 63;
                    int128[2 * i + 1] = raw[i];
                }
                return int128;
            }
            default -> {
                int wordsPerValue = arrowType.bitWidth() / 64;
                long[] words = data.getLongs(offset, positionCount * wordsPerValue);
                for (int i = 0; i < positionCount; i++) {
                    int128[2 * i] = words[i * wordsPerValue + 1];
                    int128[2 * i + 1] = words[i * wordsPerValue];
                    for (int word = 2; word < wordsPerValue; word++) {
                        if (words[i * wordsPerValue + word] != (int128[2 * i] >> 63) && !field.isNull(i)) {
                            throw doesNotFit(body, i);
                        }
                    }
                }
            }
        }
        Int128 bound = Int128Math.powerOfTen(arrowType.precision());
        Int128 negativeBound = Int128Math.negate(bound);
        for (int i = 0; i < positionCount; i++) {
            long high = int128[2 * i];
            long low = int128[2 * i + 1];
            boolean overflows = Int128.compare(high, low, bound.getHigh(), bound.getLow()) >= 0
                    || Int128.compare(high, low, negativeBound.getHigh(), negativeBound.getLow()) <= 0;
            if (overflows && !field.isNull(i)) {
                throw doesNotFit(body, i);
            }
        }
        return int128;
    }

    /**
     * A decimal256 beyond precision 38 as text, e.g. {@code -12.3400} for the unscaled value -123400 of scale 4.
     */
    private Block textBlock(RecordBatchBody body, FieldNode field, Slice data, int offset)
    {
        int positionCount = field.positionCount();
        BigInteger bound = BigInteger.TEN.pow(arrowType.precision());
        byte[] bytes = data.getBytes(offset, positionCount * 32);
        byte[] bigEndian = new byte[32];
        int[] offsets = new int[positionCount + 1];
        DynamicSliceOutput text = new DynamicSliceOutput(positionCount * 16);
        for (int i = 0; i < positionCount; i++) {
            if (!field.isNull(i)) {
                for (int j = 0; j < 32; j++) {
                    bigEndian[j] = bytes[i * 32 + 31 - j];
                }
                BigInteger unscaled = new BigInteger(bigEndian);
                if (unscaled.abs().compareTo(bound) >= 0) {
                    throw doesNotFit(body, i);
                }
                text.writeBytes(new BigDecimal(unscaled, arrowType.scale()).toPlainString().getBytes(US_ASCII));
            }
            offsets[i + 1] = text.size();
        }
        return new VariableWidthBlock(positionCount, text.slice(), offsets, field.nulls());
    }

    private FormatException doesNotFit(RecordBatchBody body, int position)
    {
        return body.error(path, "the value at position %s does not fit %s".formatted(position, arrowType));
    }
}
