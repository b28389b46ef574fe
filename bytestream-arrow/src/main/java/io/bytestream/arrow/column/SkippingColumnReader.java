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
import io.bytestream.arrow.schema.ArrowField;
import io.trino.spi.block.Block;

/**
 * Steps over the nodes and buffers of a field the query does not need, including fields of types
 * that cannot be decoded. Returns no block.
 */
final class SkippingColumnReader
        implements ColumnReader
{
    private final ArrowField field;
    private final String path;

    SkippingColumnReader(ArrowField field, String path)
    {
        this.field = field;
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        body.skipField(field, path);
        return null;
    }
}
