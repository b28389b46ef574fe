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
import io.trino.spi.block.Block;
import io.trino.spi.block.MapBlock;
import io.trino.spi.type.MapType;

/**
 * map (a list of non-null key/value structs) into MAP. Keys must not be null.
 */
final class MapColumnReader
        implements ColumnReader
{
    private final ColumnReader keyReader;
    private final ColumnReader valueReader;
    private final MapType mapType;
    private final String path;

    MapColumnReader(ColumnReader keyReader, ColumnReader valueReader, MapType mapType, String path)
    {
        this.keyReader = keyReader;
        this.valueReader = valueReader;
        this.mapType = mapType;
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        FieldNode field = body.nextField(parentNulls, path);
        int positionCount = field.positionCount();
        int[] offsets = Offsets.read(body, positionCount, false, path);

        int entryCount = body.nextNonNullField("map entries", path);
        Block keys = FieldMatcher.checkedChildBlock(body, keyReader.read(body, null), entryCount, path + ".key");
        Block values = FieldMatcher.checkedChildBlock(body, valueReader.read(body, null), entryCount, path + ".value");
        Offsets.check(body, offsets, entryCount, path);

        NullCompaction.Compacted compacted = NullCompaction.compact(positionCount, field.isNull(), offsets, keys, values);
        offsets = compacted.offsets();
        keys = compacted.elements()[0];
        values = compacted.elements()[1];
        if (keys.mayHaveNull()) {
            for (int position = offsets[0]; position < offsets[positionCount]; position++) {
                if (keys.isNull(position)) {
                    throw body.error(path, "null map key at entry %s".formatted(position));
                }
            }
        }
        return MapBlock.fromKeyValueBlock(field.nulls(), offsets, keys, values, mapType);
    }
}
