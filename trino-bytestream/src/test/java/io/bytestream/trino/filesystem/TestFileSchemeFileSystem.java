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
import io.trino.spi.security.ConnectorIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestFileSchemeFileSystem
{
    private final TrinoFileSystem fileSystem = new LocalFileSchemeFileSystemFactory().create(ConnectorIdentity.ofUser("test"));

    @Test
    void testReadsAndListsFileLocations(@TempDir Path directory)
            throws IOException
    {
        Files.createDirectories(directory.resolve("ops/entries/_delta_log"));
        Files.writeString(directory.resolve("ops/entries/_delta_log/00000000000000000000.json"), "{}\n");
        Location root = Location.of(directory.toUri().toString());

        assertThat(root.scheme()).contains("file");
        assertThat(fileSystem.listDirectories(root)).containsExactly(root.appendPath("ops/"));
        assertThat(fileSystem.directoryExists(root.appendPath("ops/entries"))).contains(true);
        assertThat(fileSystem.directoryExists(root.appendPath("nope"))).contains(false);

        List<Location> files = new ArrayList<>();
        FileIterator iterator = fileSystem.listFiles(root.appendPath("ops"));
        while (iterator.hasNext()) {
            FileEntry entry = iterator.next();
            assertThat(entry.length()).isEqualTo(3);
            files.add(entry.location());
        }
        Location commit = root.appendPath("ops/entries/_delta_log/00000000000000000000.json");
        assertThat(files).containsExactly(commit);
        try (InputStream input = fileSystem.newInputFile(commit).newStream()) {
            assertThat(new String(input.readAllBytes(), UTF_8)).isEqualTo("{}\n");
        }
        assertThat(fileSystem.newInputFile(commit).location()).isEqualTo(commit);
    }

    @Test
    void testRefusesOtherSchemesAndHosts()
    {
        assertThatThrownBy(() -> fileSystem.newInputFile(Location.of("s3://bucket/file")))
                .hasMessageContaining("Only the 'file' scheme is supported");
        assertThatThrownBy(() -> fileSystem.newInputFile(Location.of("file://host/file")))
                .hasMessageContaining("cannot name a host");
    }

    @Test
    void testCannotEscapeWithDotDot(@TempDir Path directory)
            throws IOException
    {
        // the local file system is rooted at '/', so '..' segments normalise away but never above the root
        Files.writeString(directory.resolve("data"), "x");
        Location escaped = Location.of(directory.toUri() + "sub/../data");
        assertThat(fileSystem.newInputFile(escaped).length()).isEqualTo(1);
    }
}
