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
