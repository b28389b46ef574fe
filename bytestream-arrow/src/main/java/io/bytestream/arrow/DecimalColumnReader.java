package io.bytestream.arrow;

import io.trino.spi.block.Block;
import io.trino.spi.block.Int128ArrayBlock;
import io.trino.spi.block.LongArrayBlock;

import java.util.Optional;

/**
 * decimal128 (16 little-endian bytes, low word first) into a short decimal (precision &le; 18, a long)
 * or a long decimal (an Int128 block, high word first).
 */
final class DecimalColumnReader
        implements ColumnReader
{
    private static final int BYTE_WIDTH = 16;

    private final boolean shortDecimal;
    private final String path;

    DecimalColumnReader(boolean shortDecimal, String path)
    {
        this.shortDecimal = shortDecimal;
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        int node = body.nextNode(path);
        int positionCount = body.nodeLength(node);
        boolean[] isNull = body.readValidity(node, parentNulls, path);
        int buffer = body.nextBuffer(path, "data", positionCount, BYTE_WIDTH);
        long[] words = body.data().getLongs(body.bufferOffset(buffer), positionCount * 2);
        if (shortDecimal) {
            long[] values = new long[positionCount];
            for (int i = 0; i < positionCount; i++) {
                long low = words[2 * i];
                if (words[2 * i + 1] != (low >> 63) && (isNull == null || !isNull[i])) {
                    throw body.error(path, "decimal value at position %s does not fit its precision".formatted(i));
                }
                values[i] = low;
            }
            return new LongArrayBlock(positionCount, Optional.ofNullable(isNull), values);
        }
        for (int i = 0; i < positionCount; i++) {
            long low = words[2 * i];
            words[2 * i] = words[2 * i + 1];
            words[2 * i + 1] = low;
        }
        return new Int128ArrayBlock(positionCount, Optional.ofNullable(isNull), words);
    }
}
