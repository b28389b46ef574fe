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
import io.trino.spi.block.Block;
import io.trino.spi.block.IntArrayBlock;
import io.trino.spi.block.LongArrayBlock;

import java.util.Optional;

/**
 * float16, float32 and float64 into REAL (an int block of float bits) or DOUBLE (a long block of double
 * bits). float32 into REAL and float64 into DOUBLE are bulk copies of the raw bits.
 */
final class FloatingPointColumnReader
        implements ColumnReader
{
    private final int bitWidth;
    private final boolean toDouble;
    private final String path;

    FloatingPointColumnReader(ArrowType.FloatingPoint arrowType, boolean toDouble, String path)
    {
        this.bitWidth = arrowType.bitWidth();
        this.toDouble = toDouble;
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        FieldNode field = body.nextField(parentNulls, path);
        int positionCount = field.positionCount();
        Optional<boolean[]> isNull = field.nulls();
        int buffer = body.nextBuffer(path, "data", positionCount, bitWidth / 8);
        Slice stream = body.data();
        int offset = body.bufferOffset(buffer);
        if (bitWidth == 64) {
            return new LongArrayBlock(positionCount, isNull, stream.getLongs(offset, positionCount));
        }
        if (bitWidth == 32 && !toDouble) {
            return new IntArrayBlock(positionCount, isNull, stream.getInts(offset, positionCount));
        }
        float[] floats = bitWidth == 32 ? stream.getFloats(offset, positionCount) : halfFloats(stream, offset, positionCount);
        if (toDouble) {
            long[] values = new long[positionCount];
            for (int i = 0; i < positionCount; i++) {
                values[i] = Double.doubleToRawLongBits(floats[i]);
            }
            return new LongArrayBlock(positionCount, isNull, values);
        }
        int[] values = new int[positionCount];
        for (int i = 0; i < positionCount; i++) {
            values[i] = Float.floatToRawIntBits(floats[i]);
        }
        return new IntArrayBlock(positionCount, isNull, values);
    }

    private static float[] halfFloats(Slice stream, int offset, int positionCount)
    {
        short[] raw = stream.getShorts(offset, positionCount);
        float[] floats = new float[positionCount];
        for (int i = 0; i < positionCount; i++) {
            floats[i] = Float.float16ToFloat(raw[i]);
        }
        return floats;
    }
}
