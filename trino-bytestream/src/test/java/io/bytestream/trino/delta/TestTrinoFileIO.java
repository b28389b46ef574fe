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

import io.bytestream.trino.filesystem.LocalFileSchemeFileSystemFactory;
import io.delta.kernel.defaults.engine.fileio.SeekableInputStream;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.trino.spi.security.ConnectorIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.delta.kernel.internal.util.Utils.toCloseableIterator;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestTrinoFileIO
{
    private final TrinoFileIO fileIO = new TrinoFileIO(new LocalFileSchemeFileSystemFactory().create(ConnectorIdentity.ofUser("test")));

    @Test
    void testListFromReturnsLaterFilesOfTheFolderInOrderInKernelSpelling(@TempDir Path directory)
            throws IOException
    {
        Path log = Files.createDirectories(directory.resolve("_delta_log"));
        for (String name : List.of("00000000000000000002.json", "00000000000000000000.json", "00000000000000000001.checkpoint.parquet", "00000000000000000001.json")) {
            Files.writeString(log.resolve(name), "x");
        }
        Files.createDirectories(log.resolve("_sidecars"));
        Files.writeString(log.resolve("_sidecars/00000000000000000009.parquet"), "x");

        String kernelLog = "file:" + log.toAbsolutePath() + "/";
        List<String> listed = new ArrayList<>();
        try (CloseableIterator<FileStatus> files = fileIO.listFrom(kernelLog + "00000000000000000001")) {
            files.forEachRemaining(file -> listed.add(file.getPath()));
        }
        assertThat(listed).containsExactly(
                kernelLog + "00000000000000000001.checkpoint.parquet",
                kernelLog + "00000000000000000001.json",
                kernelLog + "00000000000000000002.json");
    }

    @Test
    void testListFromMissingFolder(@TempDir Path directory)
    {
        assertThatThrownBy(() -> fileIO.listFrom("file:" + directory.toAbsolutePath() + "/missing/_delta_log/00000000000000000000.json"))
                .isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void testReadWriteAndSeek(@TempDir Path directory)
            throws IOException
    {
        String path = "file:" + directory.toAbsolutePath() + "/commit.json";
        fileIO.newOutputFile(path).writeAtomically(toCloseableIterator(List.of("{\"a\":1}", "{\"b\":2}").iterator()), false);
        assertThat(Files.readString(directory.resolve("commit.json"))).isEqualTo("{\"a\":1}\n{\"b\":2}\n");
        assertThatThrownBy(() -> fileIO.newOutputFile(path).writeAtomically(toCloseableIterator(List.of("{}").iterator()), false))
                .isInstanceOf(FileAlreadyExistsException.class);

        FileStatus status = fileIO.getFileStatus(path);
        assertThat(status.getPath()).isEqualTo(path);
        assertThat(status.getSize()).isEqualTo(16);

        try (SeekableInputStream input = fileIO.newInputFile(path, status.getSize()).newStream()) {
            input.seek(8);
            byte[] buffer = new byte[8];
            input.readFully(buffer, 0, 8);
            assertThat(new String(buffer, UTF_8)).isEqualTo("{\"b\":2}\n");
            assertThat(input.getPos()).isEqualTo(16);
            assertThatThrownBy(() -> input.readFully(buffer, 0, 1)).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void testResolvesKernelPathsToTrinoLocations()
    {
        assertThat(Locations.toLocation("file:/tmp/x").toString()).isEqualTo("file:///tmp/x");
        assertThat(Locations.toLocation("file:///tmp/x").toString()).isEqualTo("file:///tmp/x");
        assertThat(Locations.toLocation("s3://bucket/x").toString()).isEqualTo("s3://bucket/x");
    }
}
