package io.bytestream.trino;

import com.google.common.collect.ImmutableList;
import io.bytestream.trino.delta.DataFile;
import io.trino.spi.connector.ConnectorSplit;

import java.util.List;
import java.util.Map;

import static com.google.common.base.Preconditions.checkArgument;
import static io.airlift.slice.SizeOf.estimatedSizeOf;
import static io.airlift.slice.SizeOf.instanceSize;

/**
 * Data files of one partition, read by one worker.
 */
public record BytestreamSplit(List<DataFile> files)
        implements ConnectorSplit
{
    private static final int INSTANCE_SIZE = instanceSize(BytestreamSplit.class);

    public BytestreamSplit
    {
        files = ImmutableList.copyOf(files);
        checkArgument(!files.isEmpty(), "a split needs at least one file");
    }

    @Override
    public Map<String, String> getSplitInfo()
    {
        return Map.of("path", files.getFirst().path(), "files", String.valueOf(files.size()));
    }

    @Override
    public long getRetainedSizeInBytes()
    {
        return INSTANCE_SIZE + estimatedSizeOf(files, DataFile::retainedSizeInBytes);
    }
}
