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

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StructType;
import io.trino.spi.block.Block;
import io.trino.spi.block.RowBlock;
import io.trino.spi.block.SqlMap;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.MapType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.Type;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;

import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.Decimals.readBigDecimal;
import static io.trino.spi.type.DoubleType.DOUBLE;
import static io.trino.spi.type.RealType.REAL;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * A kernel column vector over a Trino block of the matching type (see {@link ParquetReadTypes}): values are read
 * from the block when kernel asks for them. The fields of a null struct read as null.
 */
final class BlockColumnVector
        implements ColumnVector
{
    private final DataType dataType;
    private final Type type;
    private final Block block;
    private final ColumnVector parent;
    private List<ColumnVector> children;

    BlockColumnVector(DataType dataType, Type type, Block block)
    {
        this(dataType, type, block, null);
    }

    private BlockColumnVector(DataType dataType, Type type, Block block, ColumnVector parent)
    {
        this.dataType = requireNonNull(dataType, "dataType is null");
        this.type = requireNonNull(type, "type is null");
        this.block = requireNonNull(block, "block is null");
        this.parent = parent;
    }

    @Override
    public DataType getDataType()
    {
        return dataType;
    }

    @Override
    public int getSize()
    {
        return block.getPositionCount();
    }

    @Override
    public void close() {}

    @Override
    public boolean isNullAt(int rowId)
    {
        return (parent != null && parent.isNullAt(rowId)) || block.isNull(rowId);
    }

    @Override
    public boolean getBoolean(int rowId)
    {
        return BOOLEAN.getBoolean(block, rowId);
    }

    @Override
    public byte getByte(int rowId)
    {
        return (byte) type.getLong(block, rowId);
    }

    @Override
    public short getShort(int rowId)
    {
        return (short) type.getLong(block, rowId);
    }

    @Override
    public int getInt(int rowId)
    {
        return (int) type.getLong(block, rowId);
    }

    @Override
    public long getLong(int rowId)
    {
        return type.getLong(block, rowId);
    }

    @Override
    public float getFloat(int rowId)
    {
        return REAL.getFloat(block, rowId);
    }

    @Override
    public double getDouble(int rowId)
    {
        return DOUBLE.getDouble(block, rowId);
    }

    @Override
    public byte[] getBinary(int rowId)
    {
        return isNullAt(rowId) ? null : VARBINARY.getSlice(block, rowId).getBytes();
    }

    @Override
    public String getString(int rowId)
    {
        return isNullAt(rowId) ? null : VARCHAR.getSlice(block, rowId).toStringUtf8();
    }

    @Override
    public BigDecimal getDecimal(int rowId)
    {
        return isNullAt(rowId) ? null : readBigDecimal((DecimalType) type, block, rowId);
    }

    @Override
    public MapValue getMap(int rowId)
    {
        if (isNullAt(rowId)) {
            return null;
        }
        io.delta.kernel.types.MapType mapType = (io.delta.kernel.types.MapType) dataType;
        MapType trinoType = (MapType) type;
        SqlMap map = trinoType.getObject(block, rowId);
        int size = map.getSize();
        ColumnVector keys = new BlockColumnVector(mapType.getKeyType(), trinoType.getKeyType(), map.getRawKeyBlock().getRegion(map.getRawOffset(), size));
        ColumnVector values = new BlockColumnVector(mapType.getValueType(), trinoType.getValueType(), map.getRawValueBlock().getRegion(map.getRawOffset(), size));
        return new MapValue()
        {
            @Override
            public int getSize()
            {
                return size;
            }

            @Override
            public ColumnVector getKeys()
            {
                return keys;
            }

            @Override
            public ColumnVector getValues()
            {
                return values;
            }
        };
    }

    @Override
    public ArrayValue getArray(int rowId)
    {
        if (isNullAt(rowId)) {
            return null;
        }
        ArrayType trinoType = (ArrayType) type;
        Block elements = trinoType.getObject(block, rowId);
        ColumnVector vector = new BlockColumnVector(((io.delta.kernel.types.ArrayType) dataType).getElementType(), trinoType.getElementType(), elements);
        return new ArrayValue()
        {
            @Override
            public int getSize()
            {
                return elements.getPositionCount();
            }

            @Override
            public ColumnVector getElements()
            {
                return vector;
            }
        };
    }

    @Override
    public ColumnVector getChild(int ordinal)
    {
        if (children == null) {
            StructType structType = (StructType) dataType;
            List<Type> fieldTypes = ((RowType) type).getTypeParameters();
            List<Block> fieldBlocks = RowBlock.getRowFieldsFromBlock(block);
            children = IntStream.range(0, fieldBlocks.size())
                    .mapToObj(field -> (ColumnVector) new BlockColumnVector(structType.at(field).getDataType(), fieldTypes.get(field), fieldBlocks.get(field), this))
                    .toList();
        }
        return children.get(ordinal);
    }
}
