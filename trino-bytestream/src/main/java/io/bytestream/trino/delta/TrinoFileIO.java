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

import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.fileio.OutputFile;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.trino.filesystem.FileEntry;
import io.trino.filesystem.FileIterator;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.filesystem.TrinoInputFile;
import io.trino.filesystem.TrinoOutputFile;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static io.bytestream.trino.delta.Locations.toLocation;
import static io.delta.kernel.internal.util.Utils.toCloseableIterator;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * delta-kernel's file I/O over Trino's file system layer, so the Delta log and data files are read
 * through the same native file systems (local, S3, GCS, Azure) that Trino's own connectors use.
 */
public final class TrinoFileIO
        implements FileIO
{
    private final TrinoFileSystem fileSystem;

    public TrinoFileIO(TrinoFileSystem fileSystem)
    {
        this.fileSystem = requireNonNull(fileSystem, "fileSystem is null");
    }

    public TrinoFileSystem fileSystem()
    {
        return fileSystem;
    }

    /**
     * Lists the files of {@code filePath}'s folder whose names sort at or after its name, in order:
     * kernel uses this to find the commits and checkpoints of a log.
     */
    @Override
    public CloseableIterator<FileStatus> listFrom(String filePath)
            throws IOException
    {
        Location start = toLocation(filePath);
        Location directory = start.parentDirectory();
        String startName = start.fileName();
        // kernel matches listed paths against its own spelling of the folder (file:/x, not file:///x)
        String kernelDirectory = filePath.substring(0, filePath.lastIndexOf('/') + 1);
        List<FileStatus> files = new ArrayList<>();
        FileIterator iterator = fileSystem.listFiles(directory);
        while (iterator.hasNext()) {
            FileEntry entry = iterator.next();
            Location location = entry.location();
            if (location.parentDirectory().equals(directory) && location.fileName().compareTo(startName) >= 0) {
                files.add(FileStatus.of(kernelDirectory + location.fileName(), entry.length(), entry.lastModified().toEpochMilli()));
            }
        }
        if (files.isEmpty() && !fileSystem.directoryExists(directory).orElse(true)) {
            throw new FileNotFoundException("No such directory: " + directory);
        }
        files.sort(Comparator.comparing(FileStatus::getPath));
        return toCloseableIterator(files.iterator());
    }

    @Override
    public FileStatus getFileStatus(String path)
            throws IOException
    {
        TrinoInputFile file = fileSystem.newInputFile(toLocation(path));
        return FileStatus.of(path, file.length(), file.lastModified().toEpochMilli());
    }

    @Override
    public String resolvePath(String path)
    {
        return toLocation(path).toString();
    }

    @Override
    public boolean mkdirs(String path)
            throws IOException
    {
        fileSystem.createDirectory(toLocation(path));
        return true;
    }

    @Override
    public InputFile newInputFile(String path, long fileSize)
    {
        Location location = toLocation(path);
        TrinoInputFile file = fileSize >= 0 ? fileSystem.newInputFile(location, fileSize) : fileSystem.newInputFile(location);
        return new TrinoKernelInputFile(file);
    }

    @Override
    public OutputFile newOutputFile(String path)
    {
        return new TrinoKernelOutputFile(fileSystem, toLocation(path));
    }

    @Override
    public boolean delete(String path)
            throws IOException
    {
        fileSystem.deleteFile(toLocation(path));
        return true;
    }

    @Override
    public Optional<String> getConf(String key)
    {
        return Optional.empty();
    }

    @Override
    public void copyFileAtomically(String source, String destination, boolean overwrite)
            throws IOException
    {
        byte[] data;
        try (InputStream input = fileSystem.newInputFile(toLocation(source)).newStream()) {
            data = input.readAllBytes();
        }
        Location target = toLocation(destination);
        if (overwrite) {
            fileSystem.newOutputFile(target).createOrOverwrite(data);
        }
        else {
            createExclusive(fileSystem, target, data);
        }
    }

    static void createExclusive(TrinoFileSystem fileSystem, Location location, byte[] data)
            throws IOException
    {
        TrinoOutputFile file = fileSystem.newOutputFile(location);
        try {
            file.createExclusive(data);
        }
        catch (UnsupportedOperationException e) {
            // file systems without an atomic create (such as the local one) still refuse to overwrite
            if (fileSystem.newInputFile(location).exists()) {
                throw new FileAlreadyExistsException(location.toString());
            }
            try (var output = file.create()) {
                output.write(data);
            }
        }
        catch (FileAlreadyExistsException e) {
            throw e;
        }
        catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("already exists")) {
                throw new FileAlreadyExistsException(location.toString());
            }
            throw e;
        }
    }

    static byte[] joinLines(CloseableIterator<String> lines)
            throws IOException
    {
        StringBuilder text = new StringBuilder();
        try (lines) {
            while (lines.hasNext()) {
                text.append(lines.next()).append('\n');
            }
        }
        return text.toString().getBytes(UTF_8);
    }
}
