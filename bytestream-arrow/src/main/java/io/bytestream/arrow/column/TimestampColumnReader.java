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
import io.bytestream.arrow.format.FormatException;
import io.bytestream.arrow.schema.ArrowType;
import io.trino.spi.block.Block;
import io.trino.spi.block.Fixed12Block;
import io.trino.spi.block.LongArrayBlock;

import java.util.Optional;

import static io.trino.spi.type.DateTimeEncoding.packDateTimeWithZone;
import static io.trino.spi.type.TimeZoneKey.UTC_KEY;

/**
 * timestamp(unit) into TIMESTAMP(p) and timestamp(unit, tz) into TIMESTAMP(p) WITH TIME ZONE holding the
 * instant in zone UTC. Trino's encodings: TIMESTAMP(p &le; 6) is epoch microseconds; TIMESTAMP(9) is
 * (epoch microseconds, picoseconds of the microsecond); WITH TIME ZONE(p &le; 3) is the epoch milliseconds
 * packed with the zone key; WITH TIME ZONE(p &gt; 3) is (packed milliseconds, picoseconds of the millisecond).
 * A value Trino cannot represent is refused, never wrapped.
 */
final class TimestampColumnReader
        implements ColumnReader
{
    // packDateTimeWithZone keeps 52 bits of milliseconds
    private static final long MAX_PACKED_MILLIS = (1L << 51) - 1;
    private static final long MIN_PACKED_MILLIS = -(1L << 51);
    // packDateTimeWithZone's layout; its per-value range check is done for the whole batch first
    private static final int MILLIS_SHIFT = 12;

    private final ArrowType.Timestamp arrowType;
    private final String path;

    TimestampColumnReader(ArrowType.Timestamp arrowType, String path)
    {
        this.arrowType = arrowType;
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        FieldNode field = body.nextField(parentNulls, path);
        int positionCount = field.positionCount();
        boolean[] isNull = field.isNull();
        Optional<boolean[]> nulls = field.nulls();
        int buffer = body.nextBuffer(path, "data", positionCount, Long.BYTES);
        long[] raw = body.data().getLongs(body.bufferOffset(buffer), positionCount);
        if (arrowType.timezone() == null) {
            return switch (arrowType.unit()) {
                case SECOND -> new LongArrayBlock(positionCount, nulls, scale(body, raw, isNull, 1_000_000));
                case MILLISECOND -> new LongArrayBlock(positionCount, nulls, scale(body, raw, isNull, 1_000));
                case MICROSECOND -> new LongArrayBlock(positionCount, nulls, raw);
                case NANOSECOND -> nanosecondTimestamps(positionCount, nulls, raw);
            };
        }
        return switch (arrowType.unit()) {
            case SECOND -> new LongArrayBlock(positionCount, nulls, packMillis(body, scale(body, raw, isNull, 1_000), isNull));
            case MILLISECOND -> new LongArrayBlock(positionCount, nulls, packMillis(body, raw, isNull));
            case MICROSECOND -> fractionalInstants(body, positionCount, isNull, raw, 1_000);
            case NANOSECOND -> fractionalInstants(body, positionCount, isNull, raw, 1_000_000);
        };
    }

    private long[] scale(RecordBatchBody body, long[] values, boolean[] isNull, long factor)
    {
        for (int i = 0; i < values.length; i++) {
            if (isNull != null && isNull[i]) {
                values[i] = 0;
                continue;
            }
            long value = values[i];
            long scaled = value * factor;
            if (Math.multiplyHigh(value, factor) != (scaled >> 63)) {
                throw outOfRange(body, value, i);
            }
            values[i] = scaled;
        }
        return values;
    }

    private long[] packMillis(RecordBatchBody body, long[] millis, boolean[] isNull)
    {
        for (int i = 0; i < millis.length; i++) {
            if (isNull != null && isNull[i]) {
                millis[i] = packDateTimeWithZone(0, UTC_KEY);
                continue;
            }
            millis[i] = packDateTimeWithZone(checkPackable(body, millis[i], i), UTC_KEY);
        }
        return millis;
    }

    private static Block nanosecondTimestamps(int positionCount, Optional<boolean[]> isNull, long[] nanos)
    {
        int[] values = new int[positionCount * 3];
        for (int i = 0; i < positionCount; i++) {
            long epochMicros = Math.floorDiv(nanos[i], 1_000);
            int picosOfMicro = Math.floorMod(nanos[i], 1_000) * 1_000;
            Fixed12Block.encodeFixed12(epochMicros, picosOfMicro, values, i);
        }
        return new Fixed12Block(positionCount, isNull, values);
    }

    private Block fractionalInstants(RecordBatchBody body, int positionCount, boolean[] isNull, long[] raw, long unitsPerMilli)
    {
        if (isNull != null) {
            for (int i = 0; i < positionCount; i++) {
                if (isNull[i]) {
                    raw[i] = 0;
                }
            }
        }
        checkPackable(body, raw, unitsPerMilli);
        long picosPerUnit = 1_000_000_000L / unitsPerMilli;
        int[] values = new int[positionCount * 3];
        for (int i = 0; i < positionCount; i++) {
            long epochMillis = Math.floorDiv(raw[i], unitsPerMilli);
            int picosOfMilli = (int) (Math.floorMod(raw[i], unitsPerMilli) * picosPerUnit);
            Fixed12Block.encodeFixed12((epochMillis << MILLIS_SHIFT) | UTC_KEY.getKey(), picosOfMilli, values, i);
        }
        return new Fixed12Block(positionCount, Optional.ofNullable(isNull), values);
    }

    /** One pass over all values (nulls already zero): each must be an instant Trino can pack. */
    private void checkPackable(RecordBatchBody body, long[] raw, long unitsPerMilli)
    {
        long min = 0;
        long max = 0;
        for (long value : raw) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        if (Math.floorDiv(min, unitsPerMilli) < MIN_PACKED_MILLIS || Math.floorDiv(max, unitsPerMilli) > MAX_PACKED_MILLIS) {
            for (int i = 0; i < raw.length; i++) {
                checkPackable(body, Math.floorDiv(raw[i], unitsPerMilli), i);
            }
        }
    }

    private long checkPackable(RecordBatchBody body, long millis, int position)
    {
        if (millis < MIN_PACKED_MILLIS || millis > MAX_PACKED_MILLIS) {
            throw body.error(path, "%s value at position %s is outside the range of TIMESTAMP WITH TIME ZONE".formatted(arrowType, position));
        }
        return millis;
    }

    private FormatException outOfRange(RecordBatchBody body, long value, int position)
    {
        return body.error(path, "%s value %s at position %s is outside the range of Trino timestamps".formatted(arrowType, value, position));
    }
}
