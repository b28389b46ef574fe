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

package io.bytestream.arrow;

import io.trino.spi.block.Block;
import io.trino.spi.block.SqlMap;
import io.trino.spi.block.SqlRow;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.LongTimestamp;
import io.trino.spi.type.LongTimestampWithTimeZone;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.TimeType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.TimestampWithTimeZoneType;
import io.trino.spi.type.Type;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateTimeEncoding.unpackMillisUtc;
import static io.trino.spi.type.DateTimeEncoding.unpackZoneKey;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TimeZoneKey.UTC_KEY;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.UuidType.UUID;
import static io.trino.spi.type.UuidType.trinoUuidToJavaUuid;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * Reads a Trino block position back into a plain, comparable Java value: Long for integers, days, times
 * (picoseconds); Float, Double, Boolean, BigDecimal, String; hex String for varbinary; java.util.UUID for uuid; BigInteger epoch
 * picoseconds for timestamps (with time zone: the zone must be UTC); List for arrays and rows;
 * LinkedHashMap for maps.
 */
final class TrinoValues
{
    private TrinoValues() {}

    static List<Object> read(Type type, Block block)
    {
        List<Object> values = new ArrayList<>();
        for (int position = 0; position < block.getPositionCount(); position++) {
            values.add(read(type, block, position));
        }
        return values;
    }

    static Object read(Type type, Block block, int position)
    {
        if (block.isNull(position)) {
            return null;
        }
        if (type.equals(BOOLEAN)) {
            return BOOLEAN.getBoolean(block, position);
        }
        if (type.equals(TINYINT) || type.equals(SMALLINT) || type.equals(INTEGER) || type.equals(BIGINT) || type.equals(DATE) || type instanceof TimeType) {
            return type.getLong(block, position);
        }
        if (type.equals(REAL)) {
            return REAL.getFloat(block, position);
        }
        if (type.equals(DOUBLE)) {
            return DOUBLE.getDouble(block, position);
        }
        if (type instanceof DecimalType decimal) {
            BigInteger unscaled = decimal.isShort()
                    ? BigInteger.valueOf(decimal.getLong(block, position))
                    : ((Int128) decimal.getObject(block, position)).toBigInteger();
            return new BigDecimal(unscaled, decimal.getScale());
        }
        if (type.equals(VARCHAR)) {
            return VARCHAR.getSlice(block, position).toStringUtf8();
        }
        if (type.equals(UUID)) {
            return trinoUuidToJavaUuid(UUID.getSlice(block, position));
        }
        if (type.equals(VARBINARY)) {
            return HexFormat.of().formatHex(VARBINARY.getSlice(block, position).getBytes());
        }
        if (type instanceof TimestampType timestamp) {
            if (timestamp.isShort()) {
                return BigInteger.valueOf(timestamp.getLong(block, position)).multiply(BigInteger.valueOf(1_000_000));
            }
            LongTimestamp value = (LongTimestamp) timestamp.getObject(block, position);
            return BigInteger.valueOf(value.getEpochMicros()).multiply(BigInteger.valueOf(1_000_000)).add(BigInteger.valueOf(value.getPicosOfMicro()));
        }
        if (type instanceof TimestampWithTimeZoneType timestamp) {
            if (timestamp.isShort()) {
                long packed = timestamp.getLong(block, position);
                if (!unpackZoneKey(packed).equals(UTC_KEY)) {
                    throw new AssertionError("zone is not UTC: " + unpackZoneKey(packed));
                }
                return BigInteger.valueOf(unpackMillisUtc(packed)).multiply(BigInteger.valueOf(1_000_000_000));
            }
            LongTimestampWithTimeZone value = (LongTimestampWithTimeZone) timestamp.getObject(block, position);
            if (value.getTimeZoneKey() != UTC_KEY.getKey()) {
                throw new AssertionError("zone is not UTC: " + value.getTimeZoneKey());
            }
            return BigInteger.valueOf(value.getEpochMillis()).multiply(BigInteger.valueOf(1_000_000_000)).add(BigInteger.valueOf(value.getPicosOfMilli()));
        }
        if (type instanceof ArrayType arrayType) {
            return read(arrayType.getElementType(), arrayType.getObject(block, position));
        }
        if (type instanceof RowType rowType) {
            SqlRow row = rowType.getObject(block, position);
            List<Object> fields = new ArrayList<>();
            for (int field = 0; field < rowType.getFields().size(); field++) {
                fields.add(read(rowType.getFields().get(field).getType(), row.getRawFieldBlock(field), row.getRawIndex()));
            }
            return fields;
        }
        if (type instanceof MapType mapType) {
            SqlMap map = mapType.getObject(block, position);
            Map<Object, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < map.getSize(); i++) {
                values.put(
                        read(mapType.getKeyType(), map.getRawKeyBlock(), map.getRawOffset() + i),
                        read(mapType.getValueType(), map.getRawValueBlock(), map.getRawOffset() + i));
            }
            return values;
        }
        throw new IllegalArgumentException("unsupported type " + type);
    }
}
