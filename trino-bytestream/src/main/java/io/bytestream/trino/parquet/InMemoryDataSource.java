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

import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ListMultimap;
import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trino.filesystem.TrinoInput;
import io.trino.filesystem.TrinoInputFile;
import io.trino.memory.context.AggregatedMemoryContext;
import io.trino.memory.context.LocalMemoryContext;
import io.trino.parquet.ChunkReader;
import io.trino.parquet.DiskRange;
import io.trino.parquet.ParquetDataSource;
import io.trino.parquet.ParquetDataSourceId;
import io.trino.parquet.reader.ChunkedInputStream;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.collect.ImmutableMap.toImmutableMap;
import static java.lang.Math.toIntExact;

/**
 * A small data file read whole with one request on first use (as Trino's connectors read small files):
 * one round trip instead of a footer read followed by column chunk reads.
 */
final class InMemoryDataSource
        implements ParquetDataSource
{
    private final ParquetDataSourceId id;
    private final TrinoInputFile file;
    private final int length;
    private final LocalMemoryContext memory;
    private Slice data;
    private long readTimeNanos;

    InMemoryDataSource(TrinoInputFile file, long length, AggregatedMemoryContext memoryContext)
    {
        this.id = new ParquetDataSourceId(file.location().toString());
        this.file = file;
        this.length = toIntExact(length);
        this.memory = memoryContext.newLocalMemoryContext(InMemoryDataSource.class.getSimpleName());
    }

    @Override
    public ParquetDataSourceId getId()
    {
        return id;
    }

    @Override
    public long getReadBytes()
    {
        return data == null ? 0 : length;
    }

    @Override
    public long getReadTimeNanos()
    {
        return readTimeNanos;
    }

    @Override
    public long getEstimatedSize()
    {
        return length;
    }

    @Override
    public Slice readTail(int tailLength)
            throws IOException
    {
        int readLength = Math.min(tailLength, length);
        return data().slice(length - readLength, readLength);
    }

    @Override
    public Slice readFully(long position, int readLength)
            throws IOException
    {
        checkArgument(position >= 0 && readLength >= 0 && position + readLength <= length, "range [%s, +%s) outside file of %s bytes", position, readLength, length);
        return data().slice(toIntExact(position), readLength);
    }

    @Override
    public <K> Map<K, ChunkedInputStream> planRead(ListMultimap<K, DiskRange> diskRanges, AggregatedMemoryContext memoryContext)
    {
        ImmutableListMultimap.Builder<K, ChunkReader> chunks = ImmutableListMultimap.builder();
        diskRanges.forEach((key, range) -> chunks.put(key, new SliceChunk(range)));
        return chunks.build().asMap().entrySet().stream()
                .collect(toImmutableMap(Map.Entry::getKey, entry -> new ChunkedInputStream((Collection<? extends ChunkReader>) entry.getValue())));
    }

    private Slice data()
            throws IOException
    {
        if (data == null) {
            long start = System.nanoTime();
            byte[] bytes = new byte[length];
            memory.setBytes(bytes.length);
            try (TrinoInput input = file.newInput()) {
                input.readFully(0, bytes, 0, length);
            }
            data = Slices.wrappedBuffer(bytes);
            readTimeNanos += System.nanoTime() - start;
        }
        return data;
    }

    @Override
    public void close()
    {
        data = null;
        memory.close();
    }

    private final class SliceChunk
            implements ChunkReader
    {
        private final DiskRange range;

        private SliceChunk(DiskRange range)
        {
            this.range = range;
        }

        @Override
        public long getDiskOffset()
        {
            return range.getOffset();
        }

        @Override
        public Slice read()
                throws IOException
        {
            return readFully(range.getOffset(), toIntExact(range.getLength()));
        }

        @Override
        public void free() {}
    }
}
