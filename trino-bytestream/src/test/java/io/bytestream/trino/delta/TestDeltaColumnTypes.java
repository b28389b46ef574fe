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

package io.bytestream.trino.delta;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.GeometryType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.types.VariantType;
import io.trino.spi.type.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TimestampType.TIMESTAMP_MICROS;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MICROS;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

final class TestDeltaColumnTypes
{
    static Stream<Arguments> primitiveTypes()
    {
        return Stream.of(
                Arguments.of(StringType.STRING, VARCHAR),
                Arguments.of(LongType.LONG, BIGINT),
                Arguments.of(IntegerType.INTEGER, INTEGER),
                Arguments.of(ShortType.SHORT, SMALLINT),
                Arguments.of(ByteType.BYTE, TINYINT),
                Arguments.of(BooleanType.BOOLEAN, io.trino.spi.type.BooleanType.BOOLEAN),
                Arguments.of(DoubleType.DOUBLE, DOUBLE),
                Arguments.of(FloatType.FLOAT, REAL),
                Arguments.of(DateType.DATE, DATE),
                Arguments.of(TimestampType.TIMESTAMP, TIMESTAMP_TZ_MICROS),
                Arguments.of(TimestampNTZType.TIMESTAMP_NTZ, TIMESTAMP_MICROS),
                Arguments.of(BinaryType.BINARY, VARBINARY),
                Arguments.of(new DecimalType(10, 2), createDecimalType(10, 2)),
                Arguments.of(new DecimalType(38, 18), createDecimalType(38, 18)),
                Arguments.of(DecimalType.USER_DEFAULT, createDecimalType(10, 0)));
    }

    @ParameterizedTest
    @MethodSource("primitiveTypes")
    void testPrimitiveType(DataType deltaType, Type trinoType)
    {
        assertThat(DeltaColumnTypes.trinoType(deltaType)).contains(trinoType);
    }

    @Test
    void testCollatedStringIsVarchar()
    {
        StringType collated = new StringType("SPARK.UTF8_LCASE");
        assertThat(collated).isNotEqualTo(StringType.STRING);
        assertThat(DeltaColumnTypes.trinoType(collated)).contains(VARCHAR);
        assertThat(DeltaColumnTypes.trinoType(new StringType("ICU.UNICODE_CI"))).contains(VARCHAR);
    }

    @Test
    void testOtherTypesHaveNone()
    {
        List<DataType> others = List.of(
                new ArrayType(LongType.LONG, true),
                new MapType(StringType.STRING, LongType.LONG, true),
                new StructType().add("a", LongType.LONG),
                VariantType.VARIANT,
                GeometryType.ofDefault());
        for (DataType type : others) {
            assertThat(DeltaColumnTypes.trinoType(type)).as(type.toString()).isEmpty();
        }
    }
}
