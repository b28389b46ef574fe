package io.bytestream.trino.filesystem;

import io.trino.filesystem.TrinoFileSystem;
import io.trino.filesystem.TrinoFileSystemFactory;
import io.trino.filesystem.local.LocalFileSystem;
import io.trino.spi.security.ConnectorIdentity;

import java.nio.file.Path;

/**
 * Serves {@code file:///} locations, the form users write in {@code bytestream.root-location}
 * for local folders. Trino's own local file system only accepts the {@code local:} scheme.
 */
public class LocalFileSchemeFileSystemFactory
        implements TrinoFileSystemFactory
{
    @Override
    public TrinoFileSystem create(ConnectorIdentity identity)
    {
        return new FileSchemeFileSystem(new LocalFileSystem(Path.of("/")));
    }
}
