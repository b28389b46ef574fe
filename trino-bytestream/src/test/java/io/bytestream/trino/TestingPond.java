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

package io.bytestream.trino;

import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.Record;
import io.bytestream.writer.RecordTableWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Record tables with known contents for the query tests.
 */
final class TestingPond
{
    static final String NODE_A = "00000000000004d2";
    static final String NODE_B = "0000000000000001";
    static final String NODE_C = "00000000deadbeef";
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456Z");

    private TestingPond() {}

    /**
     * {@code ops.entries}: node A has records of versions 1 (2 batches of 3 entries), 2 (1 of 4) and 3 (1 of 1);
     * node B versions 1 (1 of 2) and 2 (no batch at all); node C's only record (3 entries) is removed at version 4.
     * A checkpoint is written at version 3.
     */
    static void writeEntries(Path root)
    {
        writeEntries(RecordTableWriter.openLocal(root.resolve("ops/entries")));
    }

    /** Writes the contents of {@code ops.entries} (see {@link #writeEntries(Path)}) into the writer's new table. */
    static void writeEntries(RecordTableWriter writer)
    {
        writer.append(List.of(record(NODE_A, 1, ArrowStreams.entries(2, 3, 11)), record(NODE_B, 1, ArrowStreams.entries(1, 2, 21))));
        writer.append(List.of(record(NODE_A, 2, ArrowStreams.entries(1, 4, 12)), record(NODE_C, 1, ArrowStreams.entries(1, 3, 31))));
        writer.append(List.of(record(NODE_B, 2, ArrowStreams.entries(0, 0, 22))));
        writer.checkpoint();
        writer.removeNode(NODE_C);
        writer.append(List.of(record(NODE_A, 3, ArrowStreams.entries(1, 1, 13))));
    }

    /** {@code broken.truncated}: node A's record is cut in half; node B's (newer) record is fine. */
    static void writeTruncated(Path root)
    {
        byte[] valid = ArrowStreams.entries(1, 5, 41);
        RecordTableWriter writer = RecordTableWriter.openLocal(root.resolve("broken/truncated"));
        writer.append(List.of(record(NODE_A, 1, Arrays.copyOf(valid, valid.length / 2))));
        writer.append(List.of(record(NODE_B, 1, valid)));
    }

    /** {@code broken.missing}: a table whose only data file has been deleted behind the log's back. */
    static Path writeMissing(Path root)
    {
        Path table = root.resolve("broken/missing");
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        writer.append(List.of(record(NODE_A, 1, ArrowStreams.entries(1, 2, 51))));
        List<Path> files = dataFiles(table, NODE_A);
        files.forEach(TestingPond::delete);
        return files.getFirst();
    }

    static Record record(String nodeId, long version, byte[] content)
    {
        return new Record(nodeId, T0.plusSeconds(version), version, content);
    }

    static List<Path> dataFiles(Path table, String nodeId)
    {
        try (Stream<Path> files = Files.walk(table)) {
            return files.filter(file -> file.toString().endsWith(".parquet"))
                    .filter(file -> !file.toString().contains("_delta_log"))
                    .filter(file -> file.getParent().getFileName().toString().equals("node_id=" + nodeId))
                    .sorted()
                    .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long size(Path file)
    {
        try {
            return Files.size(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path file)
    {
        try {
            Files.delete(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
