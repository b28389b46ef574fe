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

package io.bytestream.trino.reader;

import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.OuterColumn;
import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.Record;
import io.bytestream.writer.RecordTableWriter;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.filesystem.local.LocalFileSystem;
import io.trino.spi.connector.SchemaTableName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.trino.spi.type.BigintType.BIGINT;

/**
 * Data files of record tables written by the project's writer, for the read pipeline's unit tests.
 */
final class TestingRecordFiles
{
    static final SchemaTableName TABLE = new SchemaTableName("ops", "entries");
    static final String NODE_ID = "00000000000004d2";
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    static final TrinoFileSystem FILE_SYSTEM = new LocalFileSystem(Path.of("/"));
    static final OuterColumn VERSION = new OuterColumn("version", BIGINT, false);

    private TestingRecordFiles() {}

    /** Record {@code i} holds {@code 1 + i % 3} batches of {@code 10 + i} entries, seeded with {@code i}. */
    static List<Record> records(int count)
    {
        return IntStream.range(0, count)
                .mapToObj(i -> new Record(NODE_ID, T0.plusSeconds(i), 100 + i, ArrowStreams.entries(1 + i % 3, 10 + i, i)))
                .toList();
    }

    static long innerRows(List<Record> records)
    {
        return IntStream.range(0, records.size()).mapToLong(i -> (1 + i % 3) * (10L + i)).sum();
    }

    /** The folder of the table {@link #writeDataFile} writes. */
    static Location tableLocation(Path directory)
    {
        return Location.of("local://" + directory.resolve("table"));
    }

    /** Writes the records as one commit of a new table under {@code directory}: one data file. */
    static DataFile writeDataFile(Path directory, List<Record> records)
    {
        try {
            Path table = directory.resolve("table");
            RecordTableWriter.openLocal(table).append(records);
            Path file;
            try (Stream<Path> files = Files.walk(table)) {
                file = files.filter(path -> path.toString().endsWith(".parquet") && !path.toString().contains("_delta_log")).findFirst().orElseThrow();
            }
            return new DataFile("local://" + file, Files.size(file), 0, Map.of("node_id", NODE_ID));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
