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
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.type.Type;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Reads the requested columns out of the batches of one stream. The columns are matched with the top-level
 * fields of the stream's schema by name ({@link FieldMatcher}); the fields are read up to the last one a
 * column needs, the others in between skipped. Also loads the stream's dictionary batches into the readers
 * of dictionary-encoded fields.
 */
public final class BatchReader
{
    private final List<String> columnNames;
    private final List<Type> columnTypes;
    // per record field, the reader; null past the last field the columns need
    private final ColumnReader[] readers;
    // per record field, the index of the requested column it fills, or -1
    private final int[] columnIndexes;
    private final List<DictionaryColumnReader> dictionaryReaders;

    /**
     * @param fields the top-level fields of the stream's schema
     * @param columnNames the names of the requested columns, lower-cased
     * @param columnTypes the types of the requested columns, in the order of their names
     */
    public BatchReader(List<ArrowField> fields, List<String> columnNames, List<Type> columnTypes)
    {
        checkArgument(columnNames.size() == columnTypes.size(), "%s column names, but %s column types", columnNames.size(), columnTypes.size());
        this.columnNames = List.copyOf(columnNames);
        this.columnTypes = List.copyOf(columnTypes);
        columnIndexes = FieldMatcher.match(fields, columnNames.stream().map(Optional::of).toList());
        int neededFieldCount = 0;
        for (int i = 0; i < fields.size(); i++) {
            if (columnIndexes[i] >= 0) {
                neededFieldCount = i + 1;
            }
        }
        ColumnReaderFactory factory = new ColumnReaderFactory();
        readers = new ColumnReader[fields.size()];
        for (int i = 0; i < neededFieldCount; i++) {
            ArrowField field = fields.get(i);
            readers[i] = columnIndexes[i] < 0
                    ? new SkippingColumnReader(field, field.name())
                    : factory.create(field, columnTypes.get(columnIndexes[i]), columnNames.get(columnIndexes[i]));
        }
        dictionaryReaders = factory.dictionaryReaders();
    }

    /**
     * Whether top-level field {@code field} of the stream fills a requested column: the buffers of the others are
     * never read.
     */
    public boolean readsField(int field)
    {
        return columnIndexes[field] >= 0;
    }

    /**
     * Returns one block per requested column, in their order; a column the stream lacks is all null.
     */
    public Block[] read(RecordBatchBody body)
    {
        int positionCount = body.length();
        Block[] blocks = new Block[columnNames.size()];
        for (int i = 0; i < readers.length && readers[i] != null; i++) {
            Block block = readers[i].read(body, null);
            if (columnIndexes[i] >= 0) {
                blocks[columnIndexes[i]] = FieldMatcher.checkedChildBlock(body, block, positionCount, columnNames.get(columnIndexes[i]));
            }
        }
        for (int i = 0; i < blocks.length; i++) {
            if (blocks[i] == null) {
                blocks[i] = RunLengthEncodedBlock.create(columnTypes.get(i), null, positionCount);
            }
        }
        return blocks;
    }

    /**
     * Loads the values of dictionary {@code id} into the readers of the fields encoded with it.
     *
     * @param body decodes the dictionary batch's body; called at most once, and only if a reader needs it
     */
    public void loadDictionary(long id, boolean delta, Supplier<RecordBatchBody> body)
    {
        RecordBatchBody decoded = null;
        for (DictionaryColumnReader reader : dictionaryReaders) {
            if (reader.dictionaryId() == id) {
                // decoded once, read by every column of this dictionary
                decoded = decoded == null ? body.get() : decoded.rewound();
                reader.load(decoded, delta);
            }
        }
    }
}
