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

package io.bytestream.trino.table;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.bytestream.arrow.IpcColumn;
import io.bytestream.arrow.IpcFormatException;
import io.bytestream.arrow.IpcSchemaReader;
import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.DeletedRows;
import io.bytestream.trino.delta.DeltaSnapshot;
import io.bytestream.trino.delta.DeltaTableLog;
import io.bytestream.trino.delta.OuterColumn;
import io.bytestream.trino.parquet.FileColumn;
import io.bytestream.trino.parquet.ParquetDataFile;
import io.bytestream.trino.parquet.ParquetDataFile.DataFilePages;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoInputFile;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.spi.block.Block;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.predicate.TupleDomain;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static io.bytestream.trino.error.BytestreamErrors.badSchemaRecord;
import static io.bytestream.trino.error.BytestreamErrors.dataFileException;
import static io.bytestream.trino.error.BytestreamErrors.deletionVectorException;
import static io.trino.memory.context.AggregatedMemoryContext.newSimpleAggregatedMemoryContext;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static java.util.Objects.requireNonNull;

/**
 * Describes a record table at its snapshot: the outer columns from the Delta schema, the inner columns from the
 * Arrow schema of the newest record (the last record of the most recently written data file). Cached per snapshot.
 */
public class RecordSchemaReader
{
    private final TableLocations locations;
    private final TableSnapshots snapshots;
    private final MetadataCache cache;
    private final String contentColumn;

    public RecordSchemaReader(TableLocations locations, TableSnapshots snapshots, MetadataCache cache, String contentColumn)
    {
        this.locations = requireNonNull(locations, "locations is null");
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.contentColumn = requireNonNull(contentColumn, "contentColumn is null");
    }

    public RecordTableSchema describe(ConnectorSession session, RecordTable table)
    {
        return TableSnapshots.readLog(
                table.name(),
                () -> "Cannot describe table %s from its Delta log at %s".formatted(table.name(), table.location()),
                () -> cache.schema(table.location(), table.snapshotVersion(), () -> readSchema(session, table)));
    }

    /** The table's outer columns, all but the content column, from its Delta log alone. */
    public List<OuterColumn> outerColumns(ConnectorSession session, RecordTable table)
    {
        return outerColumns(snapshots.snapshot(session, table));
    }

    private List<OuterColumn> outerColumns(DeltaSnapshot snapshot)
    {
        return snapshot.columns().stream().filter(column -> !column.name().equals(contentColumn)).toList();
    }

    private RecordTableSchema readSchema(ConnectorSession session, RecordTable table)
    {
        DeltaSnapshot snapshot = snapshots.snapshot(session, table);
        return new RecordTableSchema(newestRecordColumns(session, table, snapshot), outerColumns(snapshot));
    }

    private List<IpcColumn> newestRecordColumns(ConnectorSession session, RecordTable table, DeltaSnapshot snapshot)
    {
        DeltaTableLog log = snapshots.log(session);
        List<DataFile> files = log.activeFiles(snapshot, TupleDomain.all()).stream()
                .sorted(Comparator.comparingLong(DataFile::modificationTime).thenComparing(DataFile::path).reversed())
                .toList();
        for (DataFile file : files) {
            Optional<Slice> content = lastContent(session, table, file);
            if (content.isPresent()) {
                try {
                    return IpcSchemaReader.readColumns(content.get());
                }
                catch (IpcFormatException e) {
                    throw badSchemaRecord(table.name(), file, e);
                }
            }
        }
        return List.of();
    }

    /** The last live, non-null content of a data file: read from its last row group, or from all when that has none. */
    private Optional<Slice> lastContent(ConnectorSession session, RecordTable table, DataFile file)
    {
        DeletedRows deletedRows = deletedRows(session, table, file);
        try {
            Optional<Slice> last = lastContent(session, table, file, deletedRows, true);
            return last.isPresent() ? last : lastContent(session, table, file, deletedRows, false);
        }
        catch (IOException | RuntimeException e) {
            throw dataFileException(table.name(), file, e);
        }
    }

    private DeletedRows deletedRows(ConnectorSession session, RecordTable table, DataFile file)
    {
        try {
            return DeletedRows.of(locations.fileSystem(session), Location.of(table.location()), file);
        }
        catch (IOException | RuntimeException e) {
            throw deletionVectorException(table.name(), file, e);
        }
    }

    private Optional<Slice> lastContent(ConnectorSession session, RecordTable table, DataFile file, DeletedRows deletedRows, boolean lastRowGroupOnly)
            throws IOException
    {
        TrinoInputFile inputFile = locations.fileSystem(session).newInputFile(Location.of(file.path()), file.size());
        try (ParquetDataFile dataFile = ParquetDataFile.open(inputFile, file.size(), ParquetReaderOptions.defaultOptions(), newSimpleAggregatedMemoryContext(), table.fieldIds())) {
            int rowGroups = dataFile.rowGroupCount();
            if (rowGroups == 0 || (!lastRowGroupOnly && rowGroups == 1)) {
                return Optional.empty();
            }
            List<FileColumn> contentOnly = List.of(new FileColumn(table.contentColumn(), VARBINARY));
            DataFilePages pages = lastRowGroupOnly ? dataFile.read(contentOnly, List.of(rowGroups - 1)) : dataFile.read(contentOnly);
            long firstRow = 0;
            for (int rowGroup = 0; lastRowGroupOnly && rowGroup < rowGroups - 1; rowGroup++) {
                firstRow += dataFile.rowCount(rowGroup);
            }
            Slice last = null;
            for (DataFilePages.Page page = pages.next(); page != null; page = pages.next()) {
                Block content = page.block(0);
                for (int position = page.positionCount() - 1; position >= 0; position--) {
                    long row = firstRow + position;
                    if (!content.isNull(position) && !deletedRows.contains(row)) {
                        // a copy: the page's buffers are released with the file
                        last = Slices.wrappedBuffer(VARBINARY.getSlice(content, position).getBytes());
                        break;
                    }
                }
                firstRow += page.positionCount();
            }
            return Optional.ofNullable(last);
        }
    }
}
