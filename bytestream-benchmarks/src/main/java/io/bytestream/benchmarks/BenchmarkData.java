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
import io.bytestream.benchmarks.RecordTableGenerator.TableStatistics;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;

/**
 * Generated tables are kept in the data folder and reused by later runs: a table counts as complete once its
 * statistics file is written after the last commit.
 */
final class BenchmarkData
{
    private static final Logger log = Logger.get(BenchmarkData.class);

    private BenchmarkData() {}

    static TableStatistics table(Path dataDirectory, Path tableDirectory, Supplier<TableStatistics> writer)
    {
        Path marker = dataDirectory.resolve("complete").resolve(tableDirectory.getFileName() + ".properties");
        if (Files.exists(marker)) {
            TableStatistics statistics = read(marker);
            log.info("Reusing %s: %s", tableDirectory, statistics.describe());
            return statistics;
        }
        delete(tableDirectory);
        log.info("Writing %s", tableDirectory);
        TableStatistics statistics = writer.get();
        write(marker, statistics);
        log.info("Written %s: %s", tableDirectory, statistics.describe());
        return statistics;
    }

    static void delete(Path directory)
    {
        if (Files.exists(directory)) {
            try {
                deleteRecursively(directory, ALLOW_INSECURE);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The bytes of a table's data files, not counting its Delta log.
     */
    static long dataBytes(Path tableDirectory)
    {
        return dataFiles(tableDirectory).stream().mapToLong(BenchmarkData::size).sum();
    }

    /**
     * A table's data files: every file outside its Delta log.
     */
    static List<Path> dataFiles(Path tableDirectory)
    {
        try (Stream<Path> files = Files.walk(tableDirectory)) {
            return files
                    .filter(Files::isRegularFile)
                    .filter(file -> !tableDirectory.relativize(file).startsWith("_delta_log"))
                    .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file)
    {
        try {
            return Files.size(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TableStatistics read(Path marker)
    {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(marker)) {
            properties.load(reader);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TableStatistics(
                Long.parseLong(properties.getProperty("rows")),
                Long.parseLong(properties.getProperty("records")),
                Long.parseLong(properties.getProperty("commits")),
                Long.parseLong(properties.getProperty("contentBytes")),
                Duration.parse(properties.getProperty("writeTime")));
    }

    private static void write(Path marker, TableStatistics statistics)
    {
        Properties properties = new Properties();
        properties.setProperty("rows", String.valueOf(statistics.rows()));
        properties.setProperty("records", String.valueOf(statistics.records()));
        properties.setProperty("commits", String.valueOf(statistics.commits()));
        properties.setProperty("contentBytes", String.valueOf(statistics.contentBytes()));
        properties.setProperty("writeTime", statistics.writeTime().toString());
        try {
            Files.createDirectories(marker.getParent());
            try (Writer writer = Files.newBufferedWriter(marker)) {
                properties.store(writer, "written by " + RecordTableGenerator.class.getName());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
