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

package io.bytestream.trino.parquet;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.trino.filesystem.TrinoInputFile;
import io.trino.memory.context.AggregatedMemoryContext;
import io.trino.parquet.Column;
import io.trino.parquet.Field;
import io.trino.parquet.ParquetDataSource;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.parquet.metadata.BlockMetadata;
import io.trino.parquet.metadata.ParquetMetadata;
import io.trino.parquet.metadata.PrunedBlockMetadata;
import io.trino.parquet.reader.MetadataReader;
import io.trino.parquet.reader.ParquetReader;
import io.trino.parquet.reader.RowGroupInfo;
import io.trino.spi.block.Block;
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.connector.SourcePage;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.io.ColumnIO;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static io.trino.parquet.ParquetTypeUtils.constructField;
import static io.trino.parquet.ParquetTypeUtils.getColumnIO;
import static io.trino.parquet.ParquetTypeUtils.getDescriptors;
import static io.trino.parquet.ParquetTypeUtils.getParquetTypeByName;
import static io.trino.parquet.ParquetTypeUtils.lookupColumnByName;
import static java.util.Objects.requireNonNull;
import static org.joda.time.DateTimeZone.UTC;

/**
 * A Parquet data file read with Trino's Parquet reader: only the requested top-level columns, and only the
 * requested row groups, are fetched and decoded. Pages are lazy: a column is read when its block is first used.
 */
public final class ParquetDataFile
        implements Closeable
{
    private final ParquetDataSource dataSource;
    private final ParquetMetadata metadata;
    private final List<BlockMetadata> rowGroups;
    private final ParquetReaderOptions options;
    private final AggregatedMemoryContext memoryContext;
    private final Map<String, Integer> fieldIds;
    private ParquetReader reader;

    private ParquetDataFile(ParquetDataSource dataSource, ParquetMetadata metadata, ParquetReaderOptions options, AggregatedMemoryContext memoryContext, Map<String, Integer> fieldIds)
            throws IOException
    {
        this.dataSource = dataSource;
        this.metadata = metadata;
        this.rowGroups = metadata.getBlocks();
        this.options = options;
        this.memoryContext = memoryContext;
        this.fieldIds = ImmutableMap.copyOf(fieldIds);
    }

    /** Opens a data file of {@code length} bytes (as the Delta log records it) and reads its footer. */
    public static ParquetDataFile open(TrinoInputFile file, long length, ParquetReaderOptions options, AggregatedMemoryContext memoryContext)
            throws IOException
    {
        return open(file, length, options, memoryContext, Map.of());
    }

    /**
     * Opens a data file whose columns are found by Parquet field id where {@code fieldIds} names one: a column
     * {@code name} is then the top-level field with id {@code fieldIds.get(name)}, whatever the file calls it.
     */
    public static ParquetDataFile open(TrinoInputFile file, long length, ParquetReaderOptions options, AggregatedMemoryContext memoryContext, Map<String, Integer> fieldIds)
            throws IOException
    {
        ParquetDataSource dataSource = length <= options.getSmallFileThreshold().toBytes()
                ? new InMemoryDataSource(file, length, memoryContext)
                : new TrinoInputDataSource(file, length, options);
        try {
            return new ParquetDataFile(dataSource, MetadataReader.readFooter(dataSource, Optional.empty()), options, memoryContext, fieldIds);
        }
        catch (IOException | RuntimeException e) {
            try (dataSource) {
                throw e;
            }
        }
    }

    public int rowGroupCount()
    {
        return rowGroups.size();
    }

    public long rowCount(int rowGroup)
    {
        return rowGroups.get(rowGroup).rowCount();
    }

    /** Starts reading {@code columns} of every row group; see {@link #read(List, List)}. */
    public DataFilePages read(List<FileColumn> columns)
            throws IOException
    {
        return read(columns, IntStream.range(0, rowGroups.size()).boxed().toList());
    }

    /**
     * Starts reading {@code columns} of the given row groups, in file order; channel {@code i} of every page
     * is {@code columns.get(i)}, NULL in every row when the file has no such column.
     */
    public DataFilePages read(List<FileColumn> columns, List<Integer> rowGroupIndexes)
            throws IOException
    {
        if (reader != null) {
            throw new IllegalStateException("the file is already being read");
        }
        MessageType fileSchema = metadata.getFileMetaData().getSchema();
        ImmutableList.Builder<Type> requestedFields = ImmutableList.builder();
        for (FileColumn column : columns) {
            fileField(column.name()).ifPresent(requestedFields::add);
        }
        MessageType requestedSchema = new MessageType(fileSchema.getName(), requestedFields.build().stream().distinct().toList());
        MessageColumnIO columnIO = getColumnIO(fileSchema, requestedSchema);
        Map<List<String>, ColumnDescriptor> descriptors = getDescriptors(fileSchema, requestedSchema);

        ImmutableList.Builder<Column> readerColumns = ImmutableList.builder();
        int[] readerChannel = new int[columns.size()];
        int next = 0;
        for (int channel = 0; channel < columns.size(); channel++) {
            FileColumn column = columns.get(channel);
            Optional<Type> fileField = fileField(column.name());
            ColumnIO io = fileField.isEmpty() ? null : lookupColumnByName(columnIO, fileField.get().getName());
            Optional<Field> field = io == null ? Optional.empty() : constructField(column.type(), io);
            if (field.isEmpty()) {
                readerChannel[channel] = -1;
                continue;
            }
            readerColumns.add(new Column(column.name(), field.get()));
            readerChannel[channel] = next++;
        }

        ImmutableList.Builder<RowGroupInfo> selected = ImmutableList.builder();
        for (int index : rowGroupIndexes) {
            BlockMetadata rowGroup = rowGroups.get(index);
            selected.add(new RowGroupInfo(PrunedBlockMetadata.createPrunedColumnsMetadata(rowGroup, dataSource.getId(), descriptors), rowGroup.fileRowCountOffset(), Optional.empty()));
        }

        reader = new ParquetReader(
                Optional.ofNullable(metadata.getFileMetaData().getCreatedBy()),
                readerColumns.build(),
                false,
                selected.build(),
                dataSource,
                UTC,
                memoryContext,
                options,
                ParquetDataFile::toRuntimeException,
                Optional.empty(),
                Optional.empty());
        return new DataFilePages(reader, columns, readerChannel);
    }

    /**
     * The column {@code name} read page by page, its values addressed where they lie or in their decompressed page;
     * empty when the file has no such column, or stores it in a way only Trino's Parquet reader reads (see
     * {@link ContentColumnChunks}).
     */
    public Optional<ContentColumnChunks> contentColumn(String name)
    {
        return contentColumn(name, true);
    }

    /** As {@link #contentColumn(String)}; {@code verifyChecksums} whether page checksums, where stored, are verified. */
    public Optional<ContentColumnChunks> contentColumn(String name, boolean verifyChecksums)
    {
        return fileField(name).flatMap(column -> ContentColumnChunks.find(dataSource, column, rowGroups, verifyChecksums));
    }

    /**
     * The pages of column {@code name} whose bytes fail the checksums their writer stored, which Trino's Parquet reader
     * does not check; empty where the file has no such column.
     */
    public List<CorruptPage> corruptPages(String name)
            throws IOException
    {
        Optional<ContentColumnChunks> chunks = fileField(name).flatMap(column -> ContentColumnChunks.findForChecksums(dataSource, column, rowGroups));
        return chunks.isEmpty() ? List.of() : chunks.get().corruptPages();
    }

    /** The file's top-level field for column {@code name}: by field id where one is given for it, else by name. */
    private Optional<Type> fileField(String name)
    {
        MessageType fileSchema = metadata.getFileMetaData().getSchema();
        Integer fieldId = fieldIds.get(name);
        if (fieldId == null) {
            return Optional.ofNullable(getParquetTypeByName(name, fileSchema));
        }
        return fileSchema.getFields().stream()
                .filter(field -> field.getId() != null && field.getId().intValue() == fieldId)
                .findFirst();
    }

    /** Bytes read from storage so far. */
    public long readBytes()
    {
        return dataSource.getReadBytes();
    }

    @Override
    public void close()
            throws IOException
    {
        try (dataSource) {
            if (reader != null) {
                reader.close();
            }
        }
    }

    private static RuntimeException toRuntimeException(Exception e)
    {
        if (e instanceof RuntimeException runtimeException) {
            return runtimeException;
        }
        if (e instanceof IOException ioException) {
            return new UncheckedIOException(ioException);
        }
        return new RuntimeException(e);
    }

    /** Pages of the requested columns, in the order they were requested. */
    public static final class DataFilePages
    {
        private final ParquetReader reader;
        private final List<FileColumn> columns;
        private final int[] readerChannel;

        private DataFilePages(ParquetReader reader, List<FileColumn> columns, int[] readerChannel)
        {
            this.reader = requireNonNull(reader, "reader is null");
            this.columns = ImmutableList.copyOf(columns);
            this.readerChannel = readerChannel.clone();
        }

        /** The next page, or null at the end of the selected row groups. */
        public Page next()
                throws IOException
        {
            SourcePage page = reader.nextPage();
            return page == null ? null : new Page(page);
        }

        /** A page of rows of the file, its blocks read from the file when first asked for. */
        public final class Page
        {
            private final SourcePage source;

            private Page(SourcePage source)
            {
                this.source = source;
            }

            public int positionCount()
            {
                return source.getPositionCount();
            }

            /** Memory held by the blocks read so far. */
            public long retainedSizeInBytes()
            {
                return source.getRetainedSizeInBytes();
            }

            public Block block(int channel)
            {
                int sourceChannel = readerChannel[channel];
                if (sourceChannel < 0) {
                    return RunLengthEncodedBlock.create(columns.get(channel).type(), null, source.getPositionCount());
                }
                return source.getBlock(sourceChannel);
            }
        }
    }
}
