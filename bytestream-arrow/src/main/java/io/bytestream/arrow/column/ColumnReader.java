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

/**
 * Decodes one Arrow field (with its children) of a record batch into a Trino block of the table's type.
 * There is one implementation per Arrow type family; {@link ColumnReaderFactory} picks it.
 */
interface ColumnReader
{
    /**
     * Consumes this field's node(s) and buffers from {@code body} and returns a block with one position per
     * element of the field's node.
     *
     * @param parentNulls null flags of the enclosing struct's rows, which must come out null as well; or null
     */
    Block read(RecordBatchBody body, boolean[] parentNulls);
}
