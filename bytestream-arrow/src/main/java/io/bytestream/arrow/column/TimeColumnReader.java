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
import io.trino.spi.block.LongArrayBlock;

/**
 * time32 (s, ms) and time64 (us, ns) into TIME(p), which Trino stores as picoseconds of the day.
 * Values outside one day are refused rather than wrapped.
 */
final class TimeColumnReader
        implements ColumnReader
{
    private static final long PICOSECONDS_PER_DAY = 86_400L * 1_000_000_000_000L;

    private final ArrowType.Time arrowType;
    private final long picosecondsPerUnit;
    private final String path;

    TimeColumnReader(ArrowType.Time arrowType, String path)
    {
        this.arrowType = arrowType;
        this.picosecondsPerUnit = switch (arrowType.unit()) {
            case SECOND -> 1_000_000_000_000L;
            case MILLISECOND -> 1_000_000_000L;
            case MICROSECOND -> 1_000_000L;
            case NANOSECOND -> 1_000L;
        };
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        FieldNode field = body.nextField(parentNulls, path);
        int positionCount = field.positionCount();
        long[] values = IntegerValues.next(body, "data", positionCount, arrowType.byteWidth(), true, path);
        for (int i = 0; i < positionCount; i++) {
            if (field.isNull(i)) {
                values[i] = 0;
                continue;
            }
            long value = values[i];
            if (value < 0 || value >= PICOSECONDS_PER_DAY / picosecondsPerUnit) {
                throw body.error(path, "%s value %s at position %s is outside one day".formatted(arrowType, value, i));
            }
            values[i] = value * picosecondsPerUnit;
        }
        return new LongArrayBlock(positionCount, field.nulls(), values);
    }
}
