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

import io.airlift.slice.DynamicSliceOutput;
import io.airlift.slice.SliceInput;
import io.airlift.slice.SliceOutput;
import io.trino.spi.block.ArrayBlockEncoding;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockEncoding;
import io.trino.spi.block.BlockEncodingSerde;
import io.trino.spi.block.ByteArrayBlockEncoding;
import io.trino.spi.block.DictionaryBlockEncoding;
import io.trino.spi.block.Fixed12BlockEncoding;
import io.trino.spi.block.Int128ArrayBlockEncoding;
import io.trino.spi.block.IntArrayBlockEncoding;
import io.trino.spi.block.LongArrayBlockEncoding;
import io.trino.spi.block.MapBlockEncoding;
import io.trino.spi.block.RowBlockEncoding;
import io.trino.spi.block.RunLengthBlockEncoding;
import io.trino.spi.block.ShortArrayBlockEncoding;
import io.trino.spi.block.VariableWidthBlockEncoding;
import io.trino.spi.type.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.stream.Collectors.toMap;

/**
 * Sends a block through Trino's page serialization, as every exchange between stages and workers does.
 * Trino's encodings assume what Trino's own blocks guarantee (e.g. null slots cover no bytes or elements),
 * so a decoded block that breaks such an assumption reads back different values.
 */
final class BlockSerialization
        implements BlockEncodingSerde
{
    private static final Map<String, BlockEncoding> ENCODINGS = Stream.of(
                    new ByteArrayBlockEncoding(), new ShortArrayBlockEncoding(), new IntArrayBlockEncoding(), new LongArrayBlockEncoding(),
                    new Fixed12BlockEncoding(), new Int128ArrayBlockEncoding(), new VariableWidthBlockEncoding(), new ArrayBlockEncoding(),
                    new MapBlockEncoding(), new RowBlockEncoding(), new DictionaryBlockEncoding(), new RunLengthBlockEncoding())
            .collect(toMap(BlockEncoding::getName, Function.identity()));

    private final List<Type> types = new ArrayList<>();

    static Block roundTrip(Block block)
    {
        BlockSerialization serde = new BlockSerialization();
        SliceOutput output = new DynamicSliceOutput(1024);
        serde.writeBlock(output, block);
        return serde.readBlock(output.slice().getInput());
    }

    @Override
    public Block readBlock(SliceInput input)
    {
        String name = input.readSlice(input.readInt()).toStringUtf8();
        return ENCODINGS.get(name).readBlock(this, input);
    }

    @Override
    public void writeBlock(SliceOutput output, Block block)
    {
        BlockEncoding encoding = ENCODINGS.values().stream()
                .filter(candidate -> candidate.getBlockClass() == block.getClass())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no encoding for " + block.getClass()));
        Optional<Block> replacement = encoding.replacementBlockForWrite(block);
        if (replacement.isPresent()) {
            writeBlock(output, replacement.get());
            return;
        }
        byte[] name = encoding.getName().getBytes(UTF_8);
        output.writeInt(name.length);
        output.writeBytes(name);
        encoding.writeBlock(this, output, block);
    }

    @Override
    public Type readType(SliceInput input)
    {
        return types.get(input.readInt());
    }

    @Override
    public void writeType(SliceOutput output, Type type)
    {
        output.writeInt(types.size());
        types.add(type);
    }
}
