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
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.Type;
import io.trino.spi.type.TypeOperators;

import static io.trino.spi.type.TimestampType.TIMESTAMP_MICROS;

/**
 * The Trino type a kernel column is read as from Parquet, chosen so that {@link BlockColumnVector} can hand out
 * kernel's values directly (a timestamp as its microseconds since the epoch).
 */
final class ParquetReadTypes
{
    private static final TypeOperators TYPE_OPERATORS = new TypeOperators();

    private ParquetReadTypes() {}

    static Type trinoType(DataType type)
    {
        return switch (type) {
            case StructType struct -> RowType.from(struct.fields().stream()
                    .map(field -> RowType.field(field.getName(), trinoType(field.getDataType())))
                    .toList());
            case MapType map -> new io.trino.spi.type.MapType(trinoType(map.getKeyType()), trinoType(map.getValueType()), TYPE_OPERATORS);
            case ArrayType array -> new io.trino.spi.type.ArrayType(trinoType(array.getElementType()));
            case DecimalType decimal -> io.trino.spi.type.DecimalType.createDecimalType(decimal.getPrecision(), decimal.getScale());
            // kernel wants a timestamp's microseconds since the epoch, as the Parquet column holds them
            case TimestampType _ -> TIMESTAMP_MICROS;
            default -> DeltaColumnTypes.trinoType(type)
                    .orElseThrow(() -> new UnsupportedOperationException("Reading Parquet columns of type %s is not supported".formatted(type)));
        };
    }
}
