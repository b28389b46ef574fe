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

import io.airlift.slice.Slice;
import io.trino.spi.type.Type;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TimeType.createTimeType;
import static io.trino.spi.type.TimestampType.createTimestampType;
import static io.trino.spi.type.TimestampWithTimeZoneType.createTimestampWithTimeZoneType;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every primitive type: random values with nulls over several batches (one of them empty), each value
 * compared after decoding.
 */
class TestIpcStreamDecoderTypes
{
    private static final BigInteger PICOS_PER_SECOND = BigInteger.TEN.pow(12);

    private record Column(Field field, Type trinoType, Function<Random, Object> generator, Function<Object, Object> expected) {}

    @Test
    void testPrimitiveTypes()
    {
        List<Column> columns = List.of(
                column("bool", ArrowType.Bool.INSTANCE, BOOLEAN, Random::nextBoolean, v -> v),
                column("int8", new ArrowType.Int(8, true), TINYINT, r -> (byte) r.nextInt(), v -> ((Number) v).longValue()),
                column("int16", new ArrowType.Int(16, true), SMALLINT, r -> (short) r.nextInt(), v -> ((Number) v).longValue()),
                column("int32", new ArrowType.Int(32, true), INTEGER, Random::nextInt, v -> ((Number) v).longValue()),
                column("int64", new ArrowType.Int(64, true), BIGINT, Random::nextLong, v -> v),
                column("uint8", new ArrowType.Int(8, false), SMALLINT, r -> r.nextInt(256), v -> ((Number) v).longValue()),
                column("uint16", new ArrowType.Int(16, false), INTEGER, r -> r.nextInt(65536), v -> ((Number) v).longValue()),
                column("uint32", new ArrowType.Int(32, false), BIGINT, Random::nextInt, v -> Integer.toUnsignedLong((Integer) v)),
                column("uint64", new ArrowType.Int(64, false), createDecimalType(20, 0), Random::nextLong, v -> new BigDecimal(Long.toUnsignedString((Long) v))),
                column("float16", new ArrowType.FloatingPoint(FloatingPointPrecision.HALF), REAL, r -> Float.floatToFloat16((float) r.nextGaussian() * 1000), v -> Float.float16ToFloat((Short) v)),
                column("float32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), REAL, r -> r.nextInt(20) == 0 ? Float.NaN : r.nextFloat() * 1e6f, v -> v),
                column("float64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), DOUBLE, r -> r.nextInt(20) == 0 ? Double.NEGATIVE_INFINITY : r.nextGaussian(), v -> v),
                column("short_decimal", new ArrowType.Decimal(10, 2, 128), createDecimalType(10, 2), r -> BigDecimal.valueOf(r.nextLong() % 10_000_000_000L, 2), v -> v),
                column("long_decimal", new ArrowType.Decimal(38, 5, 128), createDecimalType(38, 5), r -> new BigDecimal(new BigInteger(120, r).subtract(BigInteger.ONE.shiftLeft(119)), 5), v -> v),
                column("utf8", ArrowType.Utf8.INSTANCE, VARCHAR, TestIpcStreamDecoderTypes::randomString, v -> v),
                column("large_utf8", ArrowType.LargeUtf8.INSTANCE, VARCHAR, TestIpcStreamDecoderTypes::randomString, v -> v),
                column("binary", ArrowType.Binary.INSTANCE, VARBINARY, r -> randomBytes(r, r.nextInt(20)), TestIpcStreamDecoderTypes::hex),
                column("large_binary", ArrowType.LargeBinary.INSTANCE, VARBINARY, r -> randomBytes(r, r.nextInt(20)), TestIpcStreamDecoderTypes::hex),
                column("fixed_binary", new ArrowType.FixedSizeBinary(3), VARBINARY, r -> randomBytes(r, 3), TestIpcStreamDecoderTypes::hex),
                column("date32", new ArrowType.Date(DateUnit.DAY), DATE, r -> r.nextInt(-1_000_000, 1_000_000), v -> ((Number) v).longValue()),
                column("date64", new ArrowType.Date(DateUnit.MILLISECOND), DATE, r -> r.nextLong(-1_000_000, 1_000_000) * 86_400_000L, v -> (Long) v / 86_400_000L),
                column("time_s", new ArrowType.Time(TimeUnit.SECOND, 32), createTimeType(0), r -> r.nextInt(86_400), v -> ((Integer) v) * 1_000_000_000_000L),
                column("time_ms", new ArrowType.Time(TimeUnit.MILLISECOND, 32), createTimeType(3), r -> r.nextInt(86_400_000), v -> ((Integer) v) * 1_000_000_000L),
                column("time_us", new ArrowType.Time(TimeUnit.MICROSECOND, 64), createTimeType(6), r -> r.nextLong(86_400_000_000L), v -> ((Long) v) * 1_000_000L),
                column("time_ns", new ArrowType.Time(TimeUnit.NANOSECOND, 64), createTimeType(9), r -> r.nextLong(86_400_000_000_000L), v -> ((Long) v) * 1_000L),
                timestamp("ts_s", TimeUnit.SECOND, null, createTimestampType(0), 0),
                timestamp("ts_ms", TimeUnit.MILLISECOND, null, createTimestampType(3), 3),
                timestamp("ts_us", TimeUnit.MICROSECOND, null, createTimestampType(6), 6),
                timestamp("ts_ns", TimeUnit.NANOSECOND, null, createTimestampType(9), 9),
                timestamp("tstz_s", TimeUnit.SECOND, "UTC", createTimestampWithTimeZoneType(0), 0),
                timestamp("tstz_ms", TimeUnit.MILLISECOND, "+07:00", createTimestampWithTimeZoneType(3), 3),
                timestamp("tstz_us", TimeUnit.MICROSECOND, "Europe/Paris", createTimestampWithTimeZoneType(6), 6),
                timestamp("tstz_ns", TimeUnit.NANOSECOND, "UTC", createTimestampWithTimeZoneType(9), 9));

        Random random = new Random(42);
        List<Integer> batchSizes = List.of(37, 0, 1000, 1);
        List<List<List<?>>> batches = new ArrayList<>();
        List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            expected.add(new ArrayList<>());
        }
        for (int batchSize : batchSizes) {
            List<List<?>> batch = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                List<Object> values = new ArrayList<>();
                for (int row = 0; row < batchSize; row++) {
                    Object value = random.nextInt(5) == 0 ? null : column.generator().apply(random);
                    values.add(value);
                    expected.get(i).add(value == null ? null : column.expected().apply(value));
                }
                batch.add(values);
            }
            batches.add(batch);
        }
        Slice stream = TestingArrowStreams.write(columns.stream().map(Column::field).toList(), batches);

        List<IpcColumn> ipcColumns = IpcSchemaReader.readColumns(stream);
        assertThat(ipcColumns).isEqualTo(columns.stream().map(column -> new IpcColumn(column.field().getName(), column.trinoType())).toList());
        assertThat(IpcStreamDecoder.countRows(stream)).isEqualTo(1038);

        Decoded decoded = Decoded.decode(stream, ipcColumns);
        assertThat(decoded.batchSizes()).containsExactly(37, 1000, 1);
        for (int i = 0; i < columns.size(); i++) {
            assertThat(decoded.columns().get(i)).as(columns.get(i).field().getName()).isEqualTo(expected.get(i));
        }

        // any subset, in any order
        List<IpcColumn> reversed = List.of(ipcColumns.get(20), ipcColumns.get(3), ipcColumns.get(14));
        Decoded subset = Decoded.decode(stream, reversed);
        assertThat(subset.columns()).containsExactly(expected.get(20), expected.get(3), expected.get(14));
    }

    private static Column column(String name, ArrowType type, Type trinoType, Function<Random, Object> generator, Function<Object, Object> expected)
    {
        return new Column(Field.nullable(name, type), trinoType, generator, expected);
    }

    private static Column timestamp(String name, TimeUnit unit, String zone, Type trinoType, int precision)
    {
        BigInteger picosPerUnit = PICOS_PER_SECOND.divide(BigInteger.TEN.pow(precision));
        // about ±300 years, in the unit
        long range = 9_000_000_000L * BigInteger.TEN.pow(precision).longValueExact();
        return column(name, new ArrowType.Timestamp(unit, zone), trinoType, r -> r.nextLong(-range, range), v -> BigInteger.valueOf((Long) v).multiply(picosPerUnit));
    }

    static String randomString(Random random)
    {
        StringBuilder builder = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            builder.appendCodePoint(random.nextInt(10) == 0 ? 0x1F600 + random.nextInt(50) : 'a' + random.nextInt(26));
        }
        return builder.toString();
    }

    static byte[] randomBytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static String hex(Object bytes)
    {
        return HexFormat.of().formatHex((byte[]) bytes);
    }

    static byte[] utf8(String value)
    {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
