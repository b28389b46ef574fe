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
import io.trino.spi.block.Int128ArrayBlock;

/**
 * The {@code arrow.uuid} extension (fixed_size_binary(16), the UUID's bytes in network order) into UUID.
 * Trino keeps a UUID in an Int128 block as the little-endian longs of its first and last eight bytes
 * ({@code UuidType.getSlice}), so the data buffer is copied as is.
 */
final class UuidColumnReader
        implements ColumnReader
{
    private static final int BYTE_WIDTH = 16;

    private final String path;

    UuidColumnReader(String path)
    {
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        FieldNode field = body.nextField(parentNulls, path);
        int positionCount = field.positionCount();
        int buffer = body.nextBuffer(path, "data", positionCount, BYTE_WIDTH);
        return new Int128ArrayBlock(positionCount, field.nulls(), body.data().getLongs(body.bufferOffset(buffer), 2 * positionCount));
    }
}
