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

import com.google.common.collect.ImmutableList;
import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.DeletedRows;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.memory.context.AggregatedMemoryContext;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.spi.connector.SchemaTableName;

import java.io.Closeable;
import java.util.Iterator;
import java.util.List;

import static io.trino.memory.context.AggregatedMemoryContext.newSimpleAggregatedMemoryContext;
import static java.util.Objects.requireNonNull;

/**
 * The data files of a split, opened one at a time as {@link DataFileRecords}: what every reader of a split shares,
 * with the bytes read from storage and the memory held.
 */
final class SplitFiles
        implements Closeable
{
    private final TrinoFileSystem fileSystem;
    private final SchemaTableName table;
    private final Location tableLocation;
    private final Iterator<DataFile> files;
    private final RecordColumns columns;
    private final ParquetReaderOptions parquetOptions;
    private final AggregatedMemoryContext memoryContext = newSimpleAggregatedMemoryContext();
    private DataFileRecords current;
    private long completedBytes;

    /**
     * @param tableLocation the table's folder, where deletion vectors stored by UUID are
     */
    SplitFiles(TrinoFileSystem fileSystem, SchemaTableName table, Location tableLocation, List<DataFile> files, RecordColumns columns, ParquetReaderOptions parquetOptions)
    {
        this.fileSystem = requireNonNull(fileSystem, "fileSystem is null");
        this.table = requireNonNull(table, "table is null");
        this.tableLocation = requireNonNull(tableLocation, "tableLocation is null");
        this.files = ImmutableList.copyOf(files).iterator();
        this.columns = requireNonNull(columns, "columns is null");
        this.parquetOptions = requireNonNull(parquetOptions, "parquetOptions is null");
    }

    boolean hasNext()
    {
        return files.hasNext();
    }

    DataFile next()
    {
        return files.next();
    }

    /** Opens the file's records, closing those opened before. */
    DataFileRecords open(DataFile file)
    {
        closeCurrent();
        current = DataFileRecords.open(fileSystem, table, tableLocation, file, columns, parquetOptions, memoryContext);
        return current;
    }

    /** The rows of the file its deletion vector deletes. */
    DeletedRows deletedRows(DataFile file)
    {
        return DataFileRecords.deletedRows(fileSystem, table, tableLocation, file);
    }

    void closeCurrent()
    {
        if (current != null) {
            try {
                completedBytes += current.readBytes();
                current.close();
            }
            finally {
                current = null;
            }
        }
    }

    /** Bytes read from storage so far. */
    long completedBytes()
    {
        return completedBytes + (current == null ? 0 : current.readBytes());
    }

    /** Memory held by the column chunks read and the page of records being read. */
    long memoryUsage()
    {
        return memoryContext.getBytes() + (current == null ? 0 : current.retainedSizeInBytes());
    }

    @Override
    public void close()
    {
        try {
            closeCurrent();
        }
        finally {
            memoryContext.close();
        }
    }
}
