package io.bytestream.trino.filesystem;

import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoOutputFile;
import io.trino.memory.context.AggregatedMemoryContext;

import java.io.IOException;
import java.io.OutputStream;

import static java.util.Objects.requireNonNull;

record FileSchemeOutputFile(Location location, TrinoOutputFile delegate)
        implements TrinoOutputFile
{
    FileSchemeOutputFile
    {
        requireNonNull(location, "location is null");
        requireNonNull(delegate, "delegate is null");
    }

    @Override
    public OutputStream create(AggregatedMemoryContext memoryContext)
            throws IOException
    {
        return delegate.create(memoryContext);
    }

    @Override
    public void createOrOverwrite(byte[] data)
            throws IOException
    {
        delegate.createOrOverwrite(data);
    }

    @Override
    public void createExclusive(byte[] data)
            throws IOException
    {
        delegate.createExclusive(data);
    }
}
