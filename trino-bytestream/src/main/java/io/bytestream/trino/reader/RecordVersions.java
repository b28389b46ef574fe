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

import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.DeletedRows;
import io.bytestream.trino.delta.OuterColumn;
import io.bytestream.trino.parquet.FileColumn;
import io.bytestream.trino.parquet.ParquetDataFile;
import io.bytestream.trino.parquet.ParquetDataFile.DataFilePages;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.memory.context.AggregatedMemoryContext;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.spi.block.Block;
import io.trino.spi.connector.SchemaTableName;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static io.bytestream.trino.error.BytestreamErrors.dataFileException;
import static io.trino.memory.context.AggregatedMemoryContext.newSimpleAggregatedMemoryContext;
import static io.trino.spi.type.BigintType.BIGINT;

/**
 * The versions of a data file's records read from its version column alone, never from the content: for a file
 * whose add action gives no usable version statistics.
 */
public final class RecordVersions
{
    private RecordVersions() {}

    /** The highest version of the file's records its deletion vector leaves; empty when none has a version. */
    public static OptionalLong maxLiveVersion(TrinoFileSystem fileSystem, SchemaTableName table, Location tableLocation, DataFile file, OuterColumn versionColumn, Map<String, Integer> fieldIds, ParquetReaderOptions options)
    {
        DeletedRows deletedRows = DataFileRecords.deletedRows(fileSystem, table, tableLocation, file);
        AggregatedMemoryContext memoryContext = newSimpleAggregatedMemoryContext();
        try (ParquetDataFile dataFile = ParquetDataFile.open(fileSystem.newInputFile(Location.of(file.path()), file.size()), file.size(), options, memoryContext, fieldIds)) {
            DataFilePages pages = dataFile.read(List.of(new FileColumn(versionColumn.physicalName(), BIGINT)));
            long row = 0;
            boolean found = false;
            long max = Long.MIN_VALUE;
            for (DataFilePages.Page page = pages.next(); page != null; page = pages.next()) {
                Block versions = page.block(0);
                for (int position = 0; position < page.positionCount(); position++, row++) {
                    if (!versions.isNull(position) && !deletedRows.contains(row)) {
                        max = Math.max(max, BIGINT.getLong(versions, position));
                        found = true;
                    }
                }
            }
            return found ? OptionalLong.of(max) : OptionalLong.empty();
        }
        catch (IOException | RuntimeException e) {
            throw dataFileException(table, file, e);
        }
        finally {
            memoryContext.close();
        }
    }
}
