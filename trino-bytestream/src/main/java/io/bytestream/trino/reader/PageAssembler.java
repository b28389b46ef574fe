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

package io.bytestream.trino.reader;

import io.bytestream.arrow.DecodedBatch;
import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.PartitionValues;
import io.bytestream.trino.reader.RecordColumns.Channel;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.connector.SchemaTableName;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import static io.airlift.slice.Slices.utf8Slice;
import static io.bytestream.trino.error.BytestreamErrors.parsingPartitionValues;
import static io.trino.spi.predicate.Utils.nativeValueToBlock;
import static io.trino.spi.type.DateTimeEncoding.packDateTimeWithZone;
import static io.trino.spi.type.TimeZoneKey.UTC_KEY;
import static java.util.Objects.requireNonNull;

/**
 * Builds the pages of a scan from decoded batches: the third stage of reading a split. Inner columns come from the
 * batch; hidden columns repeat the values of the record the batch came from.
 */
final class PageAssembler
{
    static final int MAX_ROWS_PER_COUNT_PAGE = 1 << 16;

    private final SchemaTableName table;
    private final RecordColumns columns;
    private final List<Channel> channels;

    PageAssembler(SchemaTableName table, RecordColumns columns)
    {
        this.table = requireNonNull(table, "table is null");
        this.columns = requireNonNull(columns, "columns is null");
        this.channels = columns.channels();
    }

    /** Values of the partition, path, file and constant columns: the same for every record of a file. */
    Block[] fileValues(DataFile file)
    {
        return parsingPartitionValues(table, () -> fileColumnValues(file));
    }

    private Block[] fileColumnValues(DataFile file)
    {
        Block[] values = new Block[channels.size()];
        for (int channel = 0; channel < channels.size(); channel++) {
            Channel column = channels.get(channel);
            values[channel] = switch (column.source()) {
                case PARTITION -> nativeValueToBlock(column.type(), PartitionValues.value(file, column.name(), column.type()));
                case PATH -> nativeValueToBlock(column.type(), utf8Slice(file.path()));
                case FILE_SIZE -> nativeValueToBlock(column.type(), file.size());
                case FILE_MODIFIED_TIME -> nativeValueToBlock(column.type(), packDateTimeWithZone(file.modificationTime(), UTC_KEY));
                case CONSTANT -> nativeValueToBlock(column.type(), columns.constant(column.index()));
                // a good record's: a bad record's row has its own, see badRecordPage
                case CONTENT_CORRUPT -> nativeValueToBlock(column.type(), false);
                case DECODE_ERROR -> nativeValueToBlock(column.type(), null);
                case INNER, OUTER, RECORD_SUMMARY -> null;
            };
        }
        return values;
    }

    /** The file's values with the record's outer values added; {@code fileColumnValue} gives the value of a column of the data file. */
    Block[] recordValues(Block[] fileValues, IntFunction<Block> fileColumnValue)
    {
        Block[] values = fileValues.clone();
        for (int channel = 0; channel < channels.size(); channel++) {
            Channel column = channels.get(channel);
            if (column.source() == RecordColumns.Source.OUTER) {
                values[channel] = fileColumnValue.apply(column.index());
            }
        }
        return values;
    }

    /** The page of a decoded batch; null for a batch without rows. */
    Page page(DecodedBatch batch, Block[] recordValues)
    {
        int positions = batch.positionCount();
        if (positions == 0) {
            return null;
        }
        Block[] blocks = new Block[channels.size()];
        for (int channel = 0; channel < blocks.length; channel++) {
            Channel column = channels.get(channel);
            blocks[channel] = column.source() == RecordColumns.Source.INNER
                    ? batch.blocks()[column.index()]
                    : RunLengthEncodedBlock.create(recordValues[channel], positions);
        }
        return new Page(positions, blocks);
    }

    /** The one row of a bad record under {@link BadRecordHandling#FLAG}: inner columns NULL, the record's error in its error columns. */
    Page badRecordPage(Block[] recordValues, String error)
    {
        Block[] blocks = new Block[channels.size()];
        for (int channel = 0; channel < blocks.length; channel++) {
            Channel column = channels.get(channel);
            blocks[channel] = switch (column.source()) {
                case INNER -> nativeValueToBlock(column.type(), null);
                case CONTENT_CORRUPT -> nativeValueToBlock(column.type(), true);
                case DECODE_ERROR -> nativeValueToBlock(column.type(), utf8Slice(error));
                default -> RunLengthEncodedBlock.create(recordValues[channel], 1);
            };
        }
        return new Page(1, blocks);
    }

    /** Pages of {@code rows} rows without inner columns, for scans that only count rows. */
    void countPages(long rows, Block[] recordValues, Consumer<Page> pages)
    {
        while (rows > 0) {
            int positions = (int) Math.min(rows, MAX_ROWS_PER_COUNT_PAGE);
            pages.accept(page(new DecodedBatch(positions, new Block[0]), recordValues));
            rows -= positions;
        }
    }
}
