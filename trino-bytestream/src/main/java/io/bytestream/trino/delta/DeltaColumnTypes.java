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

import com.google.common.collect.ImmutableMap;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.trino.spi.type.Type;

import java.util.Optional;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.Decimals.MAX_PRECISION;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.IntegerType.INTEGER;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.SmallintType.SMALLINT;
import static io.trino.spi.type.TimestampType.TIMESTAMP_MICROS;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MICROS;
import static io.trino.spi.type.TinyintType.TINYINT;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static io.trino.spi.type.VarcharType.VARCHAR;

/**
 * The Trino type of each Delta primitive type; other Delta types (nested, variant, geospatial) have none here.
 */
final class DeltaColumnTypes
{
    private static final ImmutableMap<DataType, Type> TYPES = ImmutableMap.<DataType, Type>builder()
            .put(StringType.STRING, VARCHAR)
            .put(LongType.LONG, BIGINT)
            .put(IntegerType.INTEGER, INTEGER)
            .put(ShortType.SHORT, SMALLINT)
            .put(ByteType.BYTE, TINYINT)
            .put(BooleanType.BOOLEAN, BOOLEAN)
            .put(DoubleType.DOUBLE, DOUBLE)
            .put(FloatType.FLOAT, REAL)
            .put(DateType.DATE, DATE)
            .put(TimestampType.TIMESTAMP, TIMESTAMP_TZ_MICROS)
            .put(TimestampNTZType.TIMESTAMP_NTZ, TIMESTAMP_MICROS)
            .put(BinaryType.BINARY, VARBINARY)
            .buildOrThrow();

    private DeltaColumnTypes() {}

    static Optional<Type> trinoType(DataType type)
    {
        if (type instanceof DecimalType decimal) {
            // Delta's decimals are Trino's (precision up to 38); a schema claiming more has no Trino type
            boolean valid = decimal.getPrecision() >= 1 && decimal.getPrecision() <= MAX_PRECISION && decimal.getScale() >= 0 && decimal.getScale() <= decimal.getPrecision();
            return valid ? Optional.of(createDecimalType(decimal.getPrecision(), decimal.getScale())) : Optional.empty();
        }
        // by class: a string type with a collation is still a string
        return TYPES.keySet().stream()
                .filter(deltaType -> deltaType.getClass().equals(type.getClass()))
                .findFirst()
                .map(TYPES::get);
    }
}
