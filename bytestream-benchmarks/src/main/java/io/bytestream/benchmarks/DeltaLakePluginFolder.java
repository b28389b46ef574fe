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

package io.bytestream.benchmarks;

import io.airlift.log.Logger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

/**
 * Unpacks the {@code plugin/delta-lake} folder of the trino-server tarball, which Maven Central publishes
 * instead of the plugin's own artifacts. The tarball stores a jar shared by several plugins once and every
 * other copy as a hard link to it (which Maven's unpack turns into empty files), so links are resolved here.
 */
final class DeltaLakePluginFolder
{
    private static final Logger log = Logger.get(DeltaLakePluginFolder.class);
    private static final String PLUGIN = "plugin/delta-lake/";
    private static final String COMPLETE = ".complete";

    private DeltaLakePluginFolder() {}

    static Path materialize(Path tarball, Path pluginDirectory)
    {
        if (Files.exists(pluginDirectory.resolve(COMPLETE))) {
            return pluginDirectory;
        }
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalArgumentException("No trino-server tarball at %s: fetch it with ./mvnw dependency:get -Dartifact=io.trino:trino-server:476:tar.gz -Dtransitive=false, or set -Dtrino.server.tarball".formatted(tarball));
        }
        log.info("Unpacking %s from %s", PLUGIN, tarball);
        try {
            BenchmarkData.delete(pluginDirectory);
            Files.createDirectories(pluginDirectory);
            // link target (its path in the archive) -> the plugin's jars that are links to it
            Map<String, List<String>> links = new HashMap<>();
            try (TarArchiveInputStream archive = open(tarball)) {
                for (TarArchiveEntry entry = archive.getNextEntry(); entry != null; entry = archive.getNextEntry()) {
                    String jar = pluginJar(entry.getName());
                    if (jar == null) {
                        continue;
                    }
                    if (entry.isLink()) {
                        links.computeIfAbsent(entry.getLinkName(), _ -> new ArrayList<>()).add(jar);
                    }
                    else if (entry.isFile()) {
                        Files.copy(archive, pluginDirectory.resolve(jar), REPLACE_EXISTING);
                    }
                }
            }
            if (!links.isEmpty()) {
                try (TarArchiveInputStream archive = open(tarball)) {
                    for (TarArchiveEntry entry = archive.getNextEntry(); entry != null; entry = archive.getNextEntry()) {
                        List<String> jars = links.get(entry.getName());
                        if (jars != null && entry.isFile()) {
                            byte[] content = archive.readAllBytes();
                            for (String jar : jars) {
                                Files.write(pluginDirectory.resolve(jar), content);
                            }
                        }
                    }
                }
            }
            Files.createFile(pluginDirectory.resolve(COMPLETE));
            return pluginDirectory;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Failed to unpack the Delta Lake plugin from " + tarball, e);
        }
    }

    // the file name of a jar directly in plugin/delta-lake/, or null
    private static String pluginJar(String entryName)
    {
        int start = entryName.indexOf(PLUGIN);
        if (start < 0) {
            return null;
        }
        String name = entryName.substring(start + PLUGIN.length());
        return name.endsWith(".jar") && !name.contains("/") ? name : null;
    }

    private static TarArchiveInputStream open(Path tarball)
            throws IOException
    {
        InputStream input = new BufferedInputStream(Files.newInputStream(tarball), 1 << 20);
        return new TarArchiveInputStream(new GZIPInputStream(input, 1 << 16));
    }
}
