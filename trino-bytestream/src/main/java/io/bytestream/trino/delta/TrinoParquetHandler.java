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

package io.bytestream.trino.delta;

import io.bytestream.trino.parquet.FileColumn;
import io.bytestream.trino.parquet.ParquetDataFile;
import io.bytestream.trino.parquet.ParquetDataFile.DataFilePages;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.internal.data.DefaultColumnarBatch;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.engine.ParquetHandler;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.MetadataColumnSpec;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.filesystem.TrinoInputFile;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.spi.block.LongArrayBlock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import static io.trino.memory.context.AggregatedMemoryContext.newSimpleAggregatedMemoryContext;
import static io.trino.spi.type.BigintType.BIGINT;
import static java.util.Objects.requireNonNull;

/**
 * Reads the Parquet files of a Delta log (checkpoints, their parts and sidecars) for kernel with Trino's Parquet
 * reader, in place of kernel-defaults' parquet-mr reader. Columns are found by name, ignoring case where no name
 * matches exactly; a column or struct field the file lacks reads as null. The predicate is not used: kernel
 * filters the rows it gets again. Field ids are not used, as the log's own schemas have none.
 */
final class TrinoParquetHandler
        implements ParquetHandler
{
    private static final ParquetReaderOptions OPTIONS = ParquetReaderOptions.defaultOptions();

    private final TrinoFileSystem fileSystem;

    TrinoParquetHandler(TrinoFileSystem fileSystem)
    {
        this.fileSystem = requireNonNull(fileSystem, "fileSystem is null");
    }

    @Override
    public CloseableIterator<FileReadResult> readParquetFiles(CloseableIterator<FileStatus> files, StructType physicalSchema, Optional<Predicate> predicate)
    {
        for (StructField field : physicalSchema.fields()) {
            if (field.isMetadataColumn() && field.getMetadataColumnSpec() != MetadataColumnSpec.ROW_INDEX) {
                throw new UnsupportedOperationException("Reading metadata column %s from Parquet is not supported".formatted(field.getName()));
            }
        }
        return new FileBatches(files, physicalSchema);
    }

    @Override
    public CloseableIterator<DataFileStatus> writeParquetFiles(String directoryPath, CloseableIterator<FilteredColumnarBatch> dataIter, List<Column> statsColumns)
    {
        throw new UnsupportedOperationException("The connector does not write Parquet files");
    }

    @Override
    public void writeParquetFileAtomically(String filePath, CloseableIterator<FilteredColumnarBatch> data)
    {
        throw new UnsupportedOperationException("The connector does not write Parquet files");
    }

    /** The batches of each file in turn, one file open at a time. */
    private final class FileBatches
            implements CloseableIterator<FileReadResult>
    {
        private final CloseableIterator<FileStatus> files;
        private final StructType schema;
        private final List<FileColumn> columns = new ArrayList<>();
        private ParquetDataFile file;
        private DataFilePages pages;
        private String path;
        private long nextRowIndex;
        private FileReadResult next;

        private FileBatches(CloseableIterator<FileStatus> files, StructType schema)
        {
            this.files = requireNonNull(files, "files is null");
            this.schema = requireNonNull(schema, "schema is null");
            for (StructField field : schema.fields()) {
                if (!field.isMetadataColumn()) {
                    columns.add(new FileColumn(field.getName(), ParquetReadTypes.trinoType(field.getDataType())));
                }
            }
        }

        @Override
        public boolean hasNext()
        {
            try {
                while (next == null) {
                    if (pages == null) {
                        if (!files.hasNext()) {
                            return false;
                        }
                        open(files.next());
                    }
                    DataFilePages.Page page = pages.next();
                    if (page == null) {
                        closeFile();
                    }
                    else {
                        next = new FileReadResult(batch(page), path);
                    }
                }
                return true;
            }
            catch (IOException e) {
                throw new UncheckedIOException(failure(), e);
            }
            catch (RuntimeException e) {
                throw new IllegalStateException(failure(), e);
            }
        }

        @Override
        public FileReadResult next()
        {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            FileReadResult result = next;
            next = null;
            return result;
        }

        private String failure()
        {
            return "Error reading Parquet file: " + path;
        }

        private void open(FileStatus status)
                throws IOException
        {
            path = status.getPath();
            Location location = Locations.toLocation(path);
            TrinoInputFile input = status.getSize() > 0 ? fileSystem.newInputFile(location, status.getSize()) : fileSystem.newInputFile(location);
            file = ParquetDataFile.open(input, input.length(), OPTIONS, newSimpleAggregatedMemoryContext());
            pages = file.read(columns);
            nextRowIndex = 0;
        }

        private DefaultColumnarBatch batch(DataFilePages.Page page)
        {
            int rows = page.positionCount();
            ColumnVector[] vectors = new ColumnVector[schema.length()];
            int channel = 0;
            for (int i = 0; i < vectors.length; i++) {
                StructField field = schema.at(i);
                if (field.isMetadataColumn()) {
                    vectors[i] = new BlockColumnVector(field.getDataType(), BIGINT, rowIndexes(rows));
                }
                else {
                    vectors[i] = new BlockColumnVector(field.getDataType(), columns.get(channel).type(), page.block(channel));
                    channel++;
                }
            }
            nextRowIndex += rows;
            return new DefaultColumnarBatch(rows, schema, vectors);
        }

        private LongArrayBlock rowIndexes(int rows)
        {
            long[] indexes = new long[rows];
            for (int row = 0; row < rows; row++) {
                indexes[row] = nextRowIndex + row;
            }
            return new LongArrayBlock(rows, Optional.empty(), indexes);
        }

        private void closeFile()
                throws IOException
        {
            pages = null;
            if (file != null) {
                ParquetDataFile closing = file;
                file = null;
                closing.close();
            }
        }

        @Override
        public void close()
                throws IOException
        {
            try (files) {
                closeFile();
            }
        }
    }
}
