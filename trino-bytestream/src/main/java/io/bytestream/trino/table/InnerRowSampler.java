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

import io.airlift.log.Logger;
import io.airlift.units.DataSize;
import io.bytestream.arrow.IpcFormatException;
import io.bytestream.arrow.IpcStreamDecoder;
import io.bytestream.arrow.StreamBytes;
import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.parquet.ContentColumnChunks;
import io.bytestream.trino.parquet.FileColumn;
import io.bytestream.trino.parquet.ParquetDataFile;
import io.bytestream.trino.parquet.ParquetDataFile.DataFilePages;
import io.trino.filesystem.Location;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.spi.block.Block;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.predicate.TupleDomain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static io.airlift.units.DataSize.Unit.BYTE;
import static io.trino.memory.context.AggregatedMemoryContext.newSimpleAggregatedMemoryContext;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static java.util.Objects.requireNonNull;

/**
 * Measures the inner rows of a record table's records without record statistics from a bounded sample: the IPC
 * message headers of the first records of a few data files, spread over the snapshot's untagged files in path order.
 * A sample is taken once per snapshot and cached; it never fails: a file that cannot be read is left out of it.
 */
public class InnerRowSampler
{
    public static final int SAMPLED_FILES = 4;
    public static final int SAMPLED_RECORDS_PER_FILE = 32;
    // of content visited in a file: a compressed page is read whole, so a file's sample may pass it by one page
    public static final long SAMPLED_CONTENT_BYTES_PER_FILE = 4L << 20;

    private static final Logger LOG = Logger.get(InnerRowSampler.class);
    // never a whole file read at once, however small: a sample reads a file's footer and the first records' headers
    private static final ParquetReaderOptions READER_OPTIONS = ParquetReaderOptions.builder().withSmallFileThreshold(DataSize.of(0, BYTE)).build();

    private final TableLocations locations;
    private final TableSnapshots snapshots;
    private final MetadataCache cache;

    public InnerRowSampler(TableLocations locations, TableSnapshots snapshots, MetadataCache cache)
    {
        this.locations = requireNonNull(locations, "locations is null");
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
        this.cache = requireNonNull(cache, "cache is null");
    }

    /** The sample of the table's snapshot; {@link InnerRowSample#EMPTY} where every file has record statistics. */
    public InnerRowSample sample(ConnectorSession session, RecordTable table)
    {
        return cache.innerRowSample(table.location(), table.snapshotVersion(), () -> readSample(session, table));
    }

    private InnerRowSample readSample(ConnectorSession session, RecordTable table)
    {
        List<DataFile> untagged = snapshots.activeFiles(session, table, TupleDomain.all()).stream()
                .filter(file -> file.recordStatistics().isEmpty())
                .sorted(Comparator.comparing(DataFile::path))
                .toList();
        InnerRowSample sample = InnerRowSample.EMPTY;
        for (DataFile file : spread(untagged, SAMPLED_FILES)) {
            sample = sample.plus(sampleFile(session, table, file));
        }
        return sample;
    }

    /** At most {@code count} of the items, evenly spaced, the first included. */
    static <T> List<T> spread(List<T> items, int count)
    {
        if (items.size() <= count) {
            return items;
        }
        return IntStream.range(0, count)
                .mapToObj(index -> items.get((int) ((long) index * items.size() / count)))
                .toList();
    }

    private InnerRowSample sampleFile(ConnectorSession session, RecordTable table, DataFile file)
    {
        try (ParquetDataFile dataFile = ParquetDataFile.open(
                locations.fileSystem(session).newInputFile(Location.of(file.path()), file.size()),
                file.size(),
                READER_OPTIONS,
                newSimpleAggregatedMemoryContext(),
                table.fieldIds())) {
            long fileRecords = 0;
            for (int rowGroup = 0; rowGroup < dataFile.rowGroupCount(); rowGroup++) {
                fileRecords += dataFile.rowCount(rowGroup);
            }
            RecordCounter counter = new RecordCounter();
            // an estimate needs no page checksums verified, which would read pages whole instead of their records' IPC headers
            Optional<ContentColumnChunks> chunks = dataFile.contentColumn(table.contentColumn(), false);
            if (chunks.isPresent()) {
                chunks.get().visit((_, content) -> counter.add(content), counter::enough);
            }
            else if (dataFile.rowGroupCount() > 0) {
                countWithTrinoReader(dataFile, table.contentColumn(), counter);
            }
            return new InnerRowSample(1, counter.records, counter.innerRows, fileRecords, file.size(), dataFile.readBytes());
        }
        catch (IOException | RuntimeException e) {
            LOG.debug(e, "Leaving data file %s of table %s out of the inner row sample", file.path(), table.name());
            return InnerRowSample.EMPTY;
        }
    }

    /** For content columns {@link ContentColumnChunks} does not read: the first row group's pages, until enough. */
    private static void countWithTrinoReader(ParquetDataFile dataFile, String contentColumn, RecordCounter counter)
            throws IOException
    {
        DataFilePages pages = dataFile.read(List.of(new FileColumn(contentColumn, VARBINARY)), List.of(0));
        for (DataFilePages.Page page = pages.next(); page != null && !counter.enough(); page = pages.next()) {
            Block content = page.block(0);
            for (int position = 0; position < page.positionCount() && !counter.enough(); position++) {
                counter.add(content.isNull(position) ? Optional.empty() : Optional.of(StreamBytes.of(VARBINARY.getSlice(content, position))));
            }
        }
    }

    private static final class RecordCounter
    {
        private long records;
        private long innerRows;
        private long contentBytes;

        void add(Optional<StreamBytes> content)
        {
            if (enough()) {
                // the rest of a decompressed page
                return;
            }
            if (content.isEmpty()) {
                records++;
                return;
            }
            try {
                innerRows += IpcStreamDecoder.countRows(content.get());
                records++;
                contentBytes += content.get().length();
            }
            catch (IpcFormatException | UncheckedIOException _) {
                // a bad record tells nothing of the others
            }
        }

        boolean enough()
        {
            return records >= SAMPLED_RECORDS_PER_FILE || contentBytes >= SAMPLED_CONTENT_BYTES_PER_FILE;
        }
    }
}
