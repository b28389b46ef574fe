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

import io.airlift.slice.Slice;
import io.bytestream.arrow.body.FieldNode;
import io.bytestream.arrow.body.RecordBatchBody;
import io.bytestream.arrow.schema.ArrowType;
import io.bytestream.arrow.schema.TrinoTypes;
import io.trino.spi.block.Block;
import io.trino.spi.block.ByteArrayBlock;
import io.trino.spi.block.Int128ArrayBlock;
import io.trino.spi.block.IntArrayBlock;
import io.trino.spi.block.LongArrayBlock;
import io.trino.spi.block.ShortArrayBlock;
import io.trino.spi.type.Type;

import java.util.Optional;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.SmallintType.SMALLINT;

/**
 * Signed and unsigned integers of 8 to 64 bits, into TINYINT, SMALLINT, INTEGER, BIGINT or (uint64)
 * DECIMAL(20, 0). When the Trino type is the natural one of a signed integer the values are copied in bulk;
 * otherwise (unsigned values, or widening to a larger table type) they are converted through a long.
 */
final class IntegerColumnReader
        implements ColumnReader
{
    private final ArrowType.Int arrowType;
    private final Type targetType;
    private final String path;
    private final boolean bulkCopy;

    IntegerColumnReader(ArrowType.Int arrowType, Type targetType, String path)
    {
        this.arrowType = arrowType;
        this.targetType = targetType;
        this.path = path;
        this.bulkCopy = arrowType.signed() && TrinoTypes.integerType(arrowType).equals(targetType);
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        FieldNode field = body.nextField(parentNulls, path);
        int positionCount = field.positionCount();
        Optional<boolean[]> isNull = field.nulls();
        int buffer = body.nextBuffer(path, "data", positionCount, arrowType.byteWidth());
        Slice stream = body.data();
        int offset = body.bufferOffset(buffer);
        if (bulkCopy) {
            return switch (arrowType.bitWidth()) {
                case 8 -> new ByteArrayBlock(positionCount, isNull, stream.getBytes(offset, positionCount));
                case 16 -> new ShortArrayBlock(positionCount, isNull, stream.getShorts(offset, positionCount));
                case 32 -> new IntArrayBlock(positionCount, isNull, stream.getInts(offset, positionCount));
                default -> new LongArrayBlock(positionCount, isNull, stream.getLongs(offset, positionCount));
            };
        }
        long[] values = IntegerValues.read(stream, offset, positionCount, arrowType.byteWidth(), arrowType.signed());
        return toTargetBlock(positionCount, isNull, values);
    }

    /**
     * The widened or unsigned values in a block of the table's type (never TINYINT: only int8 reads as that, in bulk).
     */
    private Block toTargetBlock(int positionCount, Optional<boolean[]> isNull, long[] values)
    {
        if (targetType.equals(BIGINT)) {
            return new LongArrayBlock(positionCount, isNull, values);
        }
        if (targetType.equals(INTEGER)) {
            int[] narrowed = new int[positionCount];
            for (int i = 0; i < positionCount; i++) {
                narrowed[i] = (int) values[i];
            }
            return new IntArrayBlock(positionCount, isNull, narrowed);
        }
        if (targetType.equals(SMALLINT)) {
            short[] narrowed = new short[positionCount];
            for (int i = 0; i < positionCount; i++) {
                narrowed[i] = (short) values[i];
            }
            return new ShortArrayBlock(positionCount, isNull, narrowed);
        }
        if (targetType.equals(TrinoTypes.UINT64_TYPE)) {
            // uint64 as an unsigned 128-bit integer: high word 0, low word the raw bits
            long[] int128 = new long[positionCount * 2];
            for (int i = 0; i < positionCount; i++) {
                int128[2 * i + 1] = values[i];
            }
            return new Int128ArrayBlock(positionCount, isNull, int128);
        }
        throw new IllegalStateException("unexpected integer target type " + targetType);
    }
}
