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

import io.bytestream.arrow.body.RecordBatchBody;
import io.trino.spi.block.Block;
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.type.Type;

/**
 * null (a node without buffers) into a block of the table's type, every position NULL. Its own Trino type
 * is BOOLEAN, but as it holds no value it can be read as any type.
 */
final class NullColumnReader
        implements ColumnReader
{
    private final Type type;
    private final String path;

    NullColumnReader(Type type, String path)
    {
        this.type = type;
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        // every position is null: the enclosing struct's nulls add nothing
        return RunLengthEncodedBlock.create(type, null, body.nextFieldWithoutValidity(null, path).positionCount());
    }
}
