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
import io.bytestream.arrow.IpcStreamDecoder;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static io.bytestream.trino.error.BytestreamErrors.dataFileException;
import static io.bytestream.trino.error.BytestreamErrors.deletionVectorException;
import static io.bytestream.trino.error.BytestreamErrors.noRecordDecodes;
import static io.trino.memory.context.AggregatedMemoryContext.newSimpleAggregatedMemoryContext;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static java.util.Objects.requireNonNull;

/**
 * Describes a record table at its snapshot: the outer columns from the Delta schema, the inner columns from the
 * Arrow schema of the newest record that decodes (the last such record of the most recently written data file that
 * has one): records with NULL content, and bad records, are passed over, but no more than {@value #MAX_RECORDS_TRIED}
 * records with content. Cached per snapshot.
 */
public class RecordSchemaReader
{
    /** Most records with content tried, newest first, for one that decodes, before describing the table fails. */
    static final int MAX_RECORDS_TRIED = 1_000;

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
        int tried = 0;
        DataFile newestFile = null;
        IpcFormatException newestFailure = null;
        for (int index = 0; index < files.size() && tried < MAX_RECORDS_TRIED; index++) {
            DataFile file = files.get(index);
            for (Candidate candidate : newestContents(session, table, file, MAX_RECORDS_TRIED - tried)) {
                try {
                    return candidate.decodingColumns();
                }
                catch (IpcFormatException e) {
                    if (newestFailure == null) {
                        newestFile = file;
                        newestFailure = e;
                    }
                }
                tried++;
            }
        }
        if (newestFailure != null) {
            throw noRecordDecodes(table.name(), tried, newestFile, newestFailure);
        }
        return List.of();
    }

    /** Up to {@code limit} of the newest live, non-null contents of a data file, newest first, read a row group at a time from the last. */
    private List<Candidate> newestContents(ConnectorSession session, RecordTable table, DataFile file, int limit)
    {
        DeletedRows deletedRows = deletedRows(session, table, file);
        try {
            return newestContents(session, table, file, deletedRows, limit);
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

    private List<Candidate> newestContents(ConnectorSession session, RecordTable table, DataFile file, DeletedRows deletedRows, int limit)
            throws IOException
    {
        TrinoInputFile inputFile = locations.fileSystem(session).newInputFile(Location.of(file.path()), file.size());
        long[] firstRows;
        try (ParquetDataFile dataFile = open(inputFile, file, table)) {
            firstRows = new long[dataFile.rowGroupCount()];
            for (int rowGroup = 1; rowGroup < firstRows.length; rowGroup++) {
                firstRows[rowGroup] = firstRows[rowGroup - 1] + dataFile.rowCount(rowGroup - 1);
            }
        }
        List<Candidate> newest = new ArrayList<>();
        for (int rowGroup = firstRows.length - 1; rowGroup >= 0 && newest.size() < limit; rowGroup--) {
            newestContents(open(inputFile, file, table), table.contentColumn(), rowGroup, firstRows[rowGroup], deletedRows, limit - newest.size())
                    .descendingIterator()
                    .forEachRemaining(newest::add);
        }
        return newest;
    }

    /** The last {@code limit} live, non-null contents of a row group, oldest first; {@code fileContentColumn} is the content column's name in the file. Closes the file. */
    private ArrayDeque<Candidate> newestContents(ParquetDataFile dataFile, String fileContentColumn, int rowGroup, long firstRow, DeletedRows deletedRows, int limit)
            throws IOException
    {
        try (dataFile) {
            ArrayDeque<Candidate> last = new ArrayDeque<>();
            DataFilePages pages = dataFile.read(List.of(new FileColumn(fileContentColumn, VARBINARY)), List.of(rowGroup));
            long row = firstRow;
            for (DataFilePages.Page page = pages.next(); page != null; page = pages.next()) {
                Block content = page.block(0);
                for (int position = 0; position < page.positionCount(); position++, row++) {
                    if (!content.isNull(position) && !deletedRows.contains(row)) {
                        if (last.size() == limit) {
                            last.removeFirst();
                        }
                        last.addLast(Candidate.of(VARBINARY.getSlice(content, position)));
                    }
                }
            }
            return last;
        }
    }

    private static ParquetDataFile open(TrinoInputFile inputFile, DataFile file, RecordTable table)
            throws IOException
    {
        return ParquetDataFile.open(inputFile, file.size(), ParquetReaderOptions.defaultOptions(), newSimpleAggregatedMemoryContext(), table.fieldIds());
    }

    /** A record's content, held only where its schema message can be read: most bad contents are not Arrow IPC at all. */
    private record Candidate(Optional<Slice> content, Optional<IpcFormatException> schemaFailure)
    {
        static Candidate of(Slice content)
        {
            try {
                IpcSchemaReader.readColumns(content);
            }
            catch (IpcFormatException e) {
                return new Candidate(Optional.empty(), Optional.of(e));
            }
            // a copy: the page's buffers are released with the file
            return new Candidate(Optional.of(Slices.wrappedBuffer(content.getBytes())), Optional.empty());
        }

        /** The record's columns, from its schema, when the whole record decodes as them. */
        List<IpcColumn> decodingColumns()
        {
            if (schemaFailure.isPresent()) {
                throw schemaFailure.get();
            }
            Slice stream = content.orElseThrow();
            List<IpcColumn> columns = IpcSchemaReader.readColumns(stream);
            new IpcStreamDecoder(columns).decode(stream, _ -> {});
            return columns;
        }
    }
}
