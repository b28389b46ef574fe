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

import io.delta.kernel.defaults.engine.fileio.OutputFile;
import io.delta.kernel.defaults.engine.fileio.PositionOutputStream;
import io.delta.kernel.utils.CloseableIterator;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;

import static java.util.Objects.requireNonNull;

final class TrinoKernelOutputFile
        implements OutputFile
{
    private final TrinoFileSystem fileSystem;
    private final Location location;

    TrinoKernelOutputFile(TrinoFileSystem fileSystem, Location location)
    {
        this.fileSystem = requireNonNull(fileSystem, "fileSystem is null");
        this.location = requireNonNull(location, "location is null");
    }

    @Override
    public String path()
    {
        return location.toString();
    }

    @Override
    public PositionOutputStream create(boolean overwrite)
            throws IOException
    {
        if (!overwrite && fileSystem.newInputFile(location).exists()) {
            throw new FileAlreadyExistsException(path());
        }
        OutputStream output = fileSystem.newOutputFile(location).create();
        return new PositionOutputStream()
        {
            private long position;

            @Override
            public long getPos()
            {
                return position;
            }

            @Override
            public void write(int value)
                    throws IOException
            {
                output.write(value);
                position++;
            }

            @Override
            public void write(byte[] buffer, int offset, int length)
                    throws IOException
            {
                output.write(buffer, offset, length);
                position += length;
            }

            @Override
            public void flush()
                    throws IOException
            {
                output.flush();
            }

            @Override
            public void close()
                    throws IOException
            {
                output.close();
            }
        };
    }

    @Override
    public void writeAtomically(CloseableIterator<String> lines, boolean overwrite)
            throws IOException
    {
        byte[] data = TrinoFileIO.joinLines(lines);
        if (overwrite) {
            fileSystem.newOutputFile(location).createOrOverwrite(data);
        }
        else {
            TrinoFileIO.createExclusive(fileSystem, location, data);
        }
    }
}
