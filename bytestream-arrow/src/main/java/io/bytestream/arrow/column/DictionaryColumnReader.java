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

import io.airlift.slice.Slice;
import io.bytestream.arrow.body.FieldNode;
import io.bytestream.arrow.body.RecordBatchBody;
import io.bytestream.arrow.schema.ArrowField;
import io.bytestream.arrow.schema.ArrowType;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.block.DictionaryBlock;
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.type.Type;

/**
 * A dictionary-encoded field into a {@link DictionaryBlock} over the decoded dictionary. The dictionary
 * comes from the stream's dictionary batches ({@link #load}); a null index points at a null appended to
 * the dictionary, since a dictionary block has no null flags of its own.
 */
final class DictionaryColumnReader
        implements ColumnReader
{
    private final ArrowField.DictionaryEncoding encoding;
    private final ColumnReader valueReader;
    private final Type type;
    private final String path;
    // the dictionary values followed by one null
    private Block dictionary;

    DictionaryColumnReader(ArrowField.DictionaryEncoding encoding, ColumnReader valueReader, Type type, String path)
    {
        this.encoding = encoding;
        this.valueReader = valueReader;
        this.type = type;
        this.path = path;
    }

    long dictionaryId()
    {
        return encoding.id();
    }

    void load(RecordBatchBody body, boolean delta)
    {
        Block values = FieldMatcher.checkedChildBlock(body, valueReader.read(body, null), body.length(), path);
        if (delta && dictionary != null) {
            values = concat(dictionary.getRegion(0, dictionary.getPositionCount() - 1), values);
        }
        dictionary = values.copyWithAppendedNull();
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        FieldNode field = body.nextField(parentNulls, path);
        int positionCount = field.positionCount();
        ArrowType.Int indexType = encoding.indexType();
        int buffer = body.nextBuffer(path, "indices", positionCount, indexType.byteWidth());
        if (dictionary == null) {
            if (field.isNull() != null && allNull(field.isNull())) {
                return RunLengthEncodedBlock.create(type, null, positionCount);
            }
            throw body.error(path, "no dictionary batch with id %s precedes this batch".formatted(encoding.id()));
        }
        int[] ids = readIndices(body.data(), body.bufferOffset(buffer), positionCount, indexType);
        int nullId = dictionary.getPositionCount() - 1;
        for (int position = 0; position < positionCount; position++) {
            if (field.isNull(position)) {
                ids[position] = nullId;
            }
            else if (ids[position] < 0 || ids[position] >= nullId) {
                throw body.error(path, "dictionary index %s at position %s is outside the %s values of dictionary %s".formatted(
                        ids[position], position, nullId, encoding.id()));
            }
        }
        return DictionaryBlock.create(positionCount, dictionary, ids);
    }

    private static int[] readIndices(Slice stream, int offset, int positionCount, ArrowType.Int indexType)
    {
        boolean signed = indexType.signed();
        int[] ids = new int[positionCount];
        switch (indexType.bitWidth()) {
            case 8 -> {
                byte[] raw = stream.getBytes(offset, positionCount);
                for (int i = 0; i < positionCount; i++) {
                    ids[i] = signed ? raw[i] : raw[i] & 0xFF;
                }
            }
            case 16 -> {
                short[] raw = stream.getShorts(offset, positionCount);
                for (int i = 0; i < positionCount; i++) {
                    ids[i] = signed ? raw[i] : raw[i] & 0xFFFF;
                }
            }
            // an unsigned index above 2^31 - 1 reads as negative and is refused as out of range
            case 32 -> stream.getInts(offset, ids, 0, positionCount);
            default -> {
                long[] raw = stream.getLongs(offset, positionCount);
                for (int i = 0; i < positionCount; i++) {
                    // out-of-int indexes (and uint64 above 2^63 - 1) map to -1, refused as out of range
                    ids[i] = raw[i] == (int) raw[i] ? (int) raw[i] : -1;
                }
            }
        }
        return ids;
    }

    private static boolean allNull(boolean[] isNull)
    {
        for (boolean value : isNull) {
            if (!value) {
                return false;
            }
        }
        return true;
    }

    private Block concat(Block first, Block second)
    {
        BlockBuilder builder = type.createBlockBuilder(null, first.getPositionCount() + second.getPositionCount());
        for (Block block : new Block[] {first, second}) {
            for (int position = 0; position < block.getPositionCount(); position++) {
                builder.append(block.getUnderlyingValueBlock(), block.getUnderlyingValuePosition(position));
            }
        }
        return builder.build();
    }
}
