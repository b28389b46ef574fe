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

package io.bytestream.trino.filesystem;

import io.trino.filesystem.FileEntry;
import io.trino.filesystem.FileIterator;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.filesystem.TrinoInputFile;
import io.trino.filesystem.TrinoOutputFile;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.collect.ImmutableSet.toImmutableSet;
import static java.util.Objects.requireNonNull;

/**
 * Presents a file system over {@code local:///} locations as one over {@code file:///} locations.
 */
final class FileSchemeFileSystem
        implements TrinoFileSystem
{
    private static final String FILE_PREFIX = "file://";
    private static final String LOCAL_PREFIX = "local://";

    private final TrinoFileSystem delegate;

    FileSchemeFileSystem(TrinoFileSystem delegate)
    {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    static Location toLocal(Location location)
    {
        checkArgument(location.scheme().equals(Optional.of("file")), "Only the 'file' scheme is supported: %s", location);
        checkArgument(location.host().isEmpty(), "A file location cannot name a host: %s", location);
        return Location.of(LOCAL_PREFIX + location.toString().substring(FILE_PREFIX.length()));
    }

    static Location toFile(Location location)
    {
        String text = location.toString();
        checkArgument(text.startsWith(LOCAL_PREFIX), "Not a local location: %s", location);
        return Location.of(FILE_PREFIX + text.substring(LOCAL_PREFIX.length()));
    }

    @Override
    public TrinoInputFile newInputFile(Location location)
    {
        return new FileSchemeInputFile(location, delegate.newInputFile(toLocal(location)));
    }

    @Override
    public TrinoInputFile newInputFile(Location location, long length)
    {
        return new FileSchemeInputFile(location, delegate.newInputFile(toLocal(location), length));
    }

    @Override
    public TrinoInputFile newInputFile(Location location, long length, Instant lastModified)
    {
        return new FileSchemeInputFile(location, delegate.newInputFile(toLocal(location), length, lastModified));
    }

    @Override
    public TrinoOutputFile newOutputFile(Location location)
    {
        return new FileSchemeOutputFile(location, delegate.newOutputFile(toLocal(location)));
    }

    @Override
    public void deleteFile(Location location)
            throws IOException
    {
        delegate.deleteFile(toLocal(location));
    }

    @Override
    public void deleteDirectory(Location location)
            throws IOException
    {
        delegate.deleteDirectory(toLocal(location));
    }

    @Override
    public void renameFile(Location source, Location target)
            throws IOException
    {
        delegate.renameFile(toLocal(source), toLocal(target));
    }

    @Override
    public FileIterator listFiles(Location location)
            throws IOException
    {
        FileIterator files = delegate.listFiles(toLocal(location));
        return new FileIterator()
        {
            @Override
            public boolean hasNext()
                    throws IOException
            {
                return files.hasNext();
            }

            @Override
            public FileEntry next()
                    throws IOException
            {
                FileEntry entry = files.next();
                return new FileEntry(toFile(entry.location()), entry.length(), entry.lastModified(), entry.blocks(), entry.tags());
            }
        };
    }

    @Override
    public Optional<Boolean> directoryExists(Location location)
            throws IOException
    {
        return delegate.directoryExists(toLocal(location));
    }

    @Override
    public void createDirectory(Location location)
            throws IOException
    {
        delegate.createDirectory(toLocal(location));
    }

    @Override
    public void renameDirectory(Location source, Location target)
            throws IOException
    {
        delegate.renameDirectory(toLocal(source), toLocal(target));
    }

    @Override
    public Set<Location> listDirectories(Location location)
            throws IOException
    {
        return delegate.listDirectories(toLocal(location)).stream()
                .map(FileSchemeFileSystem::toFile)
                .collect(toImmutableSet());
    }

    @Override
    public Optional<Location> createTemporaryDirectory(Location targetPath, String temporaryPrefix, String relativePrefix)
            throws IOException
    {
        return delegate.createTemporaryDirectory(toLocal(targetPath), temporaryPrefix, relativePrefix)
                .map(FileSchemeFileSystem::toFile);
    }
}
