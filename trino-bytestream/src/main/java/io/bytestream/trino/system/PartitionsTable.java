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

package io.bytestream.trino.system;

import com.google.common.collect.ImmutableList;
import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.OuterColumn;
import io.bytestream.trino.delta.PartitionValues;
import io.trino.spi.PageBuilder;
import io.trino.spi.block.SqlRow;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.RowType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static io.bytestream.trino.error.BytestreamErrors.parsingPartitionValues;
import static io.trino.spi.block.RowValueBuilder.buildRowValue;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.TypeUtils.writeNativeValue;
import static java.util.Objects.requireNonNull;

/**
 * {@code "<table>$partitions"}: one row per partition value of the snapshot's active data files, with their count,
 * their bytes and the records they hold, as Trino's Delta Lake connector has it (without its {@code data} column of
 * per-column bounds), plus {@code record_count}. A table without partition columns has neither the
 * {@code partition} column nor any row, as in Trino's Delta Lake connector.
 */
public final class PartitionsTable
        extends InMemorySystemTable
{
    private final SchemaTableName table;
    private final List<OuterColumn> partitionColumns;
    private final Function<ConnectorSession, List<DataFile>> activeFiles;

    /**
     * @param table the table whose partitions these are
     * @param partitionColumns the table's partition columns, in the order it is partitioned by
     * @param activeFiles the active data files of the table's pinned snapshot
     */
    public PartitionsTable(SchemaTableName name, SchemaTableName table, List<OuterColumn> partitionColumns, Function<ConnectorSession, List<DataFile>> activeFiles)
    {
        super(name, columns(partitionColumns));
        this.table = requireNonNull(table, "table is null");
        this.partitionColumns = ImmutableList.copyOf(partitionColumns);
        this.activeFiles = requireNonNull(activeFiles, "activeFiles is null");
    }

    private static List<ColumnMetadata> columns(List<OuterColumn> partitionColumns)
    {
        ImmutableList.Builder<ColumnMetadata> columns = ImmutableList.builder();
        if (!partitionColumns.isEmpty()) {
            columns.add(new ColumnMetadata("partition", partitionType(partitionColumns)));
        }
        columns.add(new ColumnMetadata("file_count", BIGINT));
        columns.add(new ColumnMetadata("total_size", BIGINT));
        columns.add(new ColumnMetadata("record_count", BIGINT));
        return columns.build();
    }

    private static RowType partitionType(List<OuterColumn> partitionColumns)
    {
        return RowType.from(partitionColumns.stream()
                .map(column -> RowType.field(column.name(), column.type()))
                .collect(toImmutableList()));
    }

    @Override
    void appendRows(PageBuilder page, ConnectorSession session, TupleDomain<Integer> constraint)
    {
        if (partitionColumns.isEmpty()) {
            return;
        }
        Map<Map<String, String>, Partition> partitions = new LinkedHashMap<>();
        for (DataFile file : activeFiles.apply(session)) {
            partitions.computeIfAbsent(file.partitionValues(), _ -> new Partition(file)).add(file);
        }
        RowType partitionType = partitionType(partitionColumns);
        partitions.values().forEach(partition -> {
            page.declarePosition();
            SqlRow row = parsingPartitionValues(table, () -> buildRowValue(partitionType, fields -> {
                for (int field = 0; field < partitionColumns.size(); field++) {
                    OuterColumn column = partitionColumns.get(field);
                    writeNativeValue(column.type(), fields.get(field), PartitionValues.value(partition.first, column.name(), column.type()));
                }
            }));
            partitionType.writeObject(page.getBlockBuilder(0), row);
            BIGINT.writeLong(page.getBlockBuilder(1), partition.files);
            BIGINT.writeLong(page.getBlockBuilder(2), partition.bytes);
            if (partition.recordsKnown) {
                BIGINT.writeLong(page.getBlockBuilder(3), partition.records);
            }
            else {
                page.getBlockBuilder(3).appendNull();
            }
        });
    }

    private static final class Partition
    {
        // the file whose values the partition's row shows, or whose value an error names
        private final DataFile first;
        private long files;
        private long bytes;
        private long records;
        private boolean recordsKnown = true;

        Partition(DataFile first)
        {
            this.first = first;
        }

        void add(DataFile file)
        {
            files++;
            bytes += file.size();
            OptionalLong fileRecords = file.liveRecords();
            recordsKnown &= fileRecords.isPresent();
            records += fileRecords.orElse(0);
        }
    }
}
