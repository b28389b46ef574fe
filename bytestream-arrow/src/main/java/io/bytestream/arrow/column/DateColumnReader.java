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

import io.bytestream.arrow.body.FieldNode;
import io.bytestream.arrow.body.RecordBatchBody;
import io.bytestream.arrow.schema.ArrowType;
import io.trino.spi.block.Block;
import io.trino.spi.block.IntArrayBlock;

/**
 * date32 (days, copied as is) and date64 (milliseconds, floored to days) into DATE.
 */
final class DateColumnReader
        implements ColumnReader
{
    private static final long MILLISECONDS_PER_DAY = 86_400_000;

    private final boolean milliseconds;
    private final String path;

    DateColumnReader(ArrowType.Date arrowType, String path)
    {
        this.milliseconds = arrowType.milliseconds();
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        FieldNode field = body.nextField(parentNulls, path);
        int positionCount = field.positionCount();
        if (!milliseconds) {
            int buffer = body.nextBuffer(path, "data", positionCount, Integer.BYTES);
            return new IntArrayBlock(positionCount, field.nulls(), body.data().getInts(body.bufferOffset(buffer), positionCount));
        }
        int buffer = body.nextBuffer(path, "data", positionCount, Long.BYTES);
        long[] millis = body.data().getLongs(body.bufferOffset(buffer), positionCount);
        int[] days = new int[positionCount];
        for (int i = 0; i < positionCount; i++) {
            long day = Math.floorDiv(millis[i], MILLISECONDS_PER_DAY);
            if (day != (int) day && !field.isNull(i)) {
                throw body.error(path, "date64 value %s at position %s is out of range".formatted(millis[i], i));
            }
            days[i] = (int) day;
        }
        return new IntArrayBlock(positionCount, field.nulls(), days);
    }
}
