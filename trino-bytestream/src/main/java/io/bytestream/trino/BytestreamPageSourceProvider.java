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

package io.bytestream.trino;

import com.google.inject.Inject;
import io.bytestream.trino.BytestreamTableHandle.View;
import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.FileChange;
import io.bytestream.trino.reader.RecordColumns;
import io.bytestream.trino.reader.RecordPageReader;
import io.bytestream.trino.reader.RecordSummaryColumn;
import io.bytestream.trino.reader.RecordSummaryReader;
import io.bytestream.trino.table.TableLocations;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.spi.TrinoException;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.ConnectorPageSource;
import io.trino.spi.connector.ConnectorPageSourceProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplit;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.DynamicFilter;
import io.trino.spi.connector.EmptyPageSource;
import io.trino.spi.connector.SourcePage;

import java.util.List;
import java.util.Optional;

import static com.google.common.base.Preconditions.checkArgument;
import static io.bytestream.trino.BytestreamColumnHandle.Kind.CHANGE;
import static io.bytestream.trino.BytestreamColumnHandle.Kind.INNER;
import static io.bytestream.trino.BytestreamSessionProperties.getBadRecordHandling;
import static io.bytestream.trino.BytestreamSessionProperties.isVerifyChecksums;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_MISSING_DATA_FILE;
import static io.bytestream.trino.error.BytestreamErrors.missingChangedFile;
import static java.util.Objects.requireNonNull;

public class BytestreamPageSourceProvider
        implements ConnectorPageSourceProvider
{
    private static final ParquetReaderOptions PARQUET_OPTIONS = ParquetReaderOptions.defaultOptions();

    private final TableLocations locations;
    private final long maxRecordSize;

    @Inject
    public BytestreamPageSourceProvider(TableLocations locations, BytestreamConfig config)
    {
        this.locations = requireNonNull(locations, "locations is null");
        this.maxRecordSize = config.getMaxRecordSize().toBytes();
    }

    @Override
    public ConnectorPageSource createPageSource(
            ConnectorTransactionHandle transaction,
            ConnectorSession session,
            ConnectorSplit split,
            ConnectorTableHandle table,
            List<ColumnHandle> columns,
            DynamicFilter dynamicFilter)
    {
        BytestreamTableHandle recordTable = (BytestreamTableHandle) table;
        if (split instanceof TableChangesSplit changes) {
            return changesPageSource(session, recordTable, changes.change(), columns);
        }
        BytestreamSplit recordSplit = (BytestreamSplit) split;

        // a dynamic filter completed after split planning can still drop the whole split
        if (!ColumnConstraints.mayMatch(recordTable.table().name(), dynamicFilter, recordSplit)) {
            return new EmptyPageSource();
        }
        // enforced here too, whichever way the split was planned: the engine does not filter on these columns again
        List<DataFile> files = recordSplit.files().stream()
                .filter(file -> ColumnConstraints.fileMatches(recordTable.fileConstraint(), file))
                .toList();
        if (files.isEmpty()) {
            return new EmptyPageSource();
        }

        RecordColumns.Builder recordColumns = recordColumns(recordTable, columns, Optional.empty())
                .onlyRecordsOfVersion(recordSplit.recordVersion())
                // looked at on each record before its content: the engine still applies the predicate to the rows
                .onlyRecordsMatching(ColumnConstraints.onOuterColumns(recordTable.outerConstraint().intersect(ColumnConstraints.onOuterKind(dynamicFilter))))
                .badRecords(getBadRecordHandling(session))
                .verifyChecksums(isVerifyChecksums(session));
        TrinoFileSystem fileSystem = locations.fileSystem(session);
        Location tableLocation = Location.of(recordTable.table().location());
        if (recordTable.view() == View.RECORDS) {
            return new BytestreamPageSource(new RecordSummaryReader(fileSystem, recordTable.table().name(), tableLocation, files, recordColumns.build(), maxRecordSize, PARQUET_OPTIONS));
        }
        return new BytestreamPageSource(new RecordPageReader(fileSystem, recordTable.table().name(), tableLocation, files, recordColumns.build(), maxRecordSize, PARQUET_OPTIONS));
    }

    /** The inner rows of the records of a changed file, with the change's type and commit as constant columns. */
    private ConnectorPageSource changesPageSource(ConnectorSession session, BytestreamTableHandle table, FileChange change, List<ColumnHandle> columns)
    {
        RecordColumns.Builder recordColumns = recordColumns(table, columns, Optional.of(change))
                .badRecords(getBadRecordHandling(session))
                .verifyChecksums(isVerifyChecksums(session));
        RecordPageReader reader = new RecordPageReader(
                locations.fileSystem(session),
                table.table().name(),
                Location.of(table.table().location()),
                List.of(change.file()),
                recordColumns.build(),
                maxRecordSize,
                PARQUET_OPTIONS);
        return new BytestreamPageSource(reader)
        {
            @Override
            public SourcePage getNextSourcePage()
            {
                try {
                    return super.getNextSourcePage();
                }
                catch (TrinoException e) {
                    if (e.getErrorCode().equals(BYTESTREAM_MISSING_DATA_FILE.toErrorCode())) {
                        throw missingChangedFile(table.table().name(), change, e);
                    }
                    throw e;
                }
            }
        };
    }

    /**
     * The columns to read, for a split of the table or, given the change, of {@code table_changes}, which has only
     * inner columns and the change's constant columns.
     */
    private static RecordColumns.Builder recordColumns(BytestreamTableHandle table, List<ColumnHandle> columns, Optional<FileChange> change)
    {
        RecordColumns.Builder recordColumns = RecordColumns.builder(table.table().contentColumn(), table.table().versionColumn())
                .fieldIds(table.table().fieldIds());
        for (ColumnHandle handle : columns) {
            BytestreamColumnHandle column = (BytestreamColumnHandle) handle;
            checkArgument(change.isEmpty() || column.kind() == INNER || column.kind() == CHANGE, "not a column of table_changes: %s", column);
            switch (column.kind()) {
                case INNER -> recordColumns.inner(column.sourceName(), column.type());
                case OUTER -> recordColumns.outer(column.physicalName(), column.type());
                case PARTITION -> recordColumns.partition(column.sourceName(), column.type());
                case PATH -> recordColumns.path(column.type());
                case FILE_SIZE -> recordColumns.fileSize(column.type());
                case FILE_MODIFIED_TIME -> recordColumns.fileModifiedTime(column.type());
                case CONTENT_CORRUPT -> recordColumns.contentCorrupt(column.type());
                case DECODE_ERROR -> recordColumns.decodeError(column.type());
                case RECORD_SUMMARY -> recordColumns.summary(RecordSummaryColumn.fromColumnName(column.sourceName()));
                case CHANGE -> recordColumns.constant(column.type(), column.changeColumn().value(change
                        .orElseThrow(() -> new IllegalArgumentException("not a column of the table: " + column))));
            }
        }
        return recordColumns;
    }
}
