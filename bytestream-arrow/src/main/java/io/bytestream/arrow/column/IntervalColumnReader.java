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
import io.trino.spi.block.IntArrayBlock;
import io.trino.spi.block.LongArrayBlock;
import io.trino.spi.block.RowBlock;

import java.util.Optional;

/**
 * interval[year_month] (int32 months), interval[day_time] (int32 days, int32 milliseconds) and
 * interval[month_day_nano] (int32 months, int32 days, int64 nanoseconds) into a ROW of their components
 * ({@link TrinoTypes#intervalType}): Trino's interval types cannot hold a mix of months and days, nor
 * nanoseconds. A null interval is a null row.
 */
final class IntervalColumnReader
        implements ColumnReader
{
    private final ArrowType.IntervalUnit unit;
    private final String path;

    IntervalColumnReader(ArrowType.Interval arrowType, String path)
    {
        this.unit = arrowType.unit();
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        FieldNode field = body.nextField(parentNulls, path);
        int positionCount = field.positionCount();
        Optional<boolean[]> nulls = field.nulls();
        Slice data = body.data();
        Block[] fields = switch (unit) {
            case YEAR_MONTH -> {
                int buffer = body.nextBuffer(path, "data", positionCount, Integer.BYTES);
                yield new Block[] {new IntArrayBlock(positionCount, nulls, data.getInts(body.bufferOffset(buffer), positionCount))};
            }
            case DAY_TIME -> {
                int buffer = body.nextBuffer(path, "data", positionCount, 2 * Integer.BYTES);
                int[] pairs = data.getInts(body.bufferOffset(buffer), 2 * positionCount);
                int[] days = new int[positionCount];
                int[] milliseconds = new int[positionCount];
                for (int i = 0; i < positionCount; i++) {
                    days[i] = pairs[2 * i];
                    milliseconds[i] = pairs[2 * i + 1];
                }
                yield new Block[] {new IntArrayBlock(positionCount, nulls, days), new IntArrayBlock(positionCount, nulls, milliseconds)};
            }
            case MONTH_DAY_NANO -> {
                int buffer = body.nextBuffer(path, "data", positionCount, 2 * Integer.BYTES + Long.BYTES);
                long[] words = data.getLongs(body.bufferOffset(buffer), 2 * positionCount);
                int[] months = new int[positionCount];
                int[] days = new int[positionCount];
                long[] nanoseconds = new long[positionCount];
                for (int i = 0; i < positionCount; i++) {
                    // little-endian: months in the low half of the first word, days in the high half
                    months[i] = (int) words[2 * i];
                    days[i] = (int) (words[2 * i] >>> 32);
                    nanoseconds[i] = words[2 * i + 1];
                }
                yield new Block[] {new IntArrayBlock(positionCount, nulls, months), new IntArrayBlock(positionCount, nulls, days), new LongArrayBlock(positionCount, nulls, nanoseconds)};
            }
        };
        return RowBlock.fromNotNullSuppressedFieldBlocks(positionCount, nulls, fields);
    }
}
