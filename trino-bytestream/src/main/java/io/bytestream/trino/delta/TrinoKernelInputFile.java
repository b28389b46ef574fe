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

import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.fileio.SeekableInputStream;
import io.trino.filesystem.TrinoInputFile;
import io.trino.filesystem.TrinoInputStream;

import java.io.EOFException;
import java.io.IOException;

import static java.util.Objects.requireNonNull;

final class TrinoKernelInputFile
        implements InputFile
{
    private final TrinoInputFile file;

    TrinoKernelInputFile(TrinoInputFile file)
    {
        this.file = requireNonNull(file, "file is null");
    }

    @Override
    public long length()
            throws IOException
    {
        return file.length();
    }

    @Override
    public String path()
    {
        return file.location().toString();
    }

    @Override
    public SeekableInputStream newStream()
            throws IOException
    {
        TrinoInputStream stream = file.newStream();
        return new SeekableInputStream()
        {
            @Override
            public long getPos()
                    throws IOException
            {
                return stream.getPosition();
            }

            @Override
            public void seek(long position)
                    throws IOException
            {
                stream.seek(position);
            }

            @Override
            public void readFully(byte[] buffer, int offset, int length)
                    throws IOException
            {
                int done = 0;
                while (done < length) {
                    int read = stream.read(buffer, offset + done, length - done);
                    if (read < 0) {
                        throw new EOFException("Unexpected end of %s at position %s".formatted(path(), stream.getPosition()));
                    }
                    done += read;
                }
            }

            @Override
            public int read()
                    throws IOException
            {
                return stream.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length)
                    throws IOException
            {
                return stream.read(buffer, offset, length);
            }

            @Override
            public long skip(long n)
                    throws IOException
            {
                return stream.skip(n);
            }

            @Override
            public int available()
                    throws IOException
            {
                return stream.available();
            }

            @Override
            public void close()
                    throws IOException
            {
                stream.close();
            }
        };
    }
}
