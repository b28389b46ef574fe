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

package io.bytestream.writer;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import org.apache.hadoop.conf.Configuration;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;
import static java.util.stream.Collectors.joining;

/**
 * Writes the demo pond: schema {@code ops}, table {@code entries} of Entry records over eight nodes,
 * in several commits with a checkpoint between them. Everything but file names and commit times is deterministic.
 */
public final class SamplePond
{
    public static final String SCHEMA = "ops";
    public static final String TABLE = "entries";
    public static final List<String> NODE_IDS = List.of(
            "0000000000000001",
            "0000000000000002",
            "000000000000002a",
            "00000000000004d2",
            "0000000000001000",
            "00000000deadbeef",
            "0123456789abcdef",
            "7fffffffffffffff");
    public static final Instant FIRST_TIMESTAMP = Instant.parse("2024-03-01T08:00:00.123456Z");

    private static final int COMMITS = 6;
    private static final int CHECKPOINT_AFTER_COMMIT = 4;

    private SamplePond() {}

    public static Summary write(Path rootDirectory)
    {
        Path tableDirectory = rootDirectory.resolve(SCHEMA).resolve(TABLE);
        if (Files.exists(tableDirectory)) {
            throw new IllegalStateException("Sample table exists already: " + tableDirectory);
        }
        return write(DefaultEngine.create(new Configuration()), RecordTableWriter.localTablePath(rootDirectory));
    }

    /**
     * Writes the sample pond under {@code rootLocation} (a URI such as {@code s3://bucket/ponds}) through the engine's file system.
     */
    public static Summary write(Engine engine, String rootLocation)
    {
        String tableLocation = "%s/%s/%s".formatted(rootLocation.replaceAll("/+$", ""), SCHEMA, TABLE);
        RecordTableWriter writer = RecordTableWriter.open(engine, tableLocation);
        if (writer.latestVersion() != 0) {
            throw new IllegalStateException("Sample table exists already: " + tableLocation);
        }
        Map<String, Long> recordVersions = new TreeMap<>();
        TableSummary.Builder summary = new TableSummary.Builder(SCHEMA, TABLE, tableLocation);
        long checkpointVersion = -1;
        for (int commit = 1; commit <= COMMITS; commit++) {
            List<Record> records = new ArrayList<>();
            for (int node = 0; node < NODE_IDS.size(); node++) {
                if (writesInCommit(node, commit)) {
                    String nodeId = NODE_IDS.get(node);
                    long version = recordVersions.merge(nodeId, 1L, Long::sum);
                    records.add(sampleRecord(node, commit, version));
                    summary.addRecord(nodeId, innerRows(node, commit));
                }
            }
            writer.append(records);
            if (commit == CHECKPOINT_AFTER_COMMIT) {
                checkpointVersion = writer.checkpoint();
            }
        }
        return new Summary(List.of(summary.build(writer.latestVersion(), checkpointVersion)));
    }

    // 0x4d2 and the first node write in every commit; the others in a node-dependent subset, all in the first
    private static boolean writesInCommit(int node, int commit)
    {
        return commit == 1 || node == 0 || NODE_IDS.get(node).equals("00000000000004d2") || (commit + node) % 3 != 0;
    }

    private static Record sampleRecord(int node, int commit, long version)
    {
        Instant timestamp = FIRST_TIMESTAMP.plus(Duration.ofMinutes(commit)).plus(Duration.ofSeconds(node)).plusNanos(node * 1_000L);
        byte[] content = ArrowStreams.entries(batches(node, commit), rowsPerBatch(node, commit), seed(node, commit));
        return new Record(NODE_IDS.get(node), timestamp, version, content);
    }

    // node 2 writes a stream with no record batch at all in commit 3: a valid, empty record
    private static int batches(int node, int commit)
    {
        if (node == 2 && commit == 3) {
            return 0;
        }
        return 1 + (node + commit) % 3;
    }

    private static int rowsPerBatch(int node, int commit)
    {
        return 3 + (node * 7 + commit * 5) % 11;
    }

    private static long seed(int node, int commit)
    {
        return node * 100L + commit;
    }

    private static long innerRows(int node, int commit)
    {
        return (long) batches(node, commit) * rowsPerBatch(node, commit);
    }

    public record Summary(List<TableSummary> tables)
    {
        public Summary
        {
            tables = List.copyOf(tables);
        }

        public TableSummary table(String schema, String table)
        {
            return tables.stream()
                    .filter(summary -> summary.schema().equals(schema) && summary.table().equals(table))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No sample table %s.%s".formatted(schema, table)));
        }

        public TableSummary entries()
        {
            return table(SCHEMA, TABLE);
        }

        @Override
        public String toString()
        {
            return tables.stream().map(TableSummary::toString).collect(joining("\n"));
        }
    }

    /**
     * What a reader of the table's latest snapshot must see.
     */
    public record TableSummary(
            String schema,
            String table,
            String location,
            long latestVersion,
            long checkpointVersion,
            Map<String, Integer> recordsPerNode,
            Map<String, Long> innerRowsPerNode)
    {
        public TableSummary
        {
            requireNonNull(schema, "schema is null");
            requireNonNull(table, "table is null");
            requireNonNull(location, "location is null");
            recordsPerNode = Map.copyOf(recordsPerNode);
            innerRowsPerNode = Map.copyOf(innerRowsPerNode);
        }

        /**
         * The table's folder, for a table written to a local folder.
         */
        public Path directory()
        {
            return Path.of(URI.create(location));
        }

        public int records()
        {
            return recordsPerNode.values().stream().mapToInt(Integer::intValue).sum();
        }

        public long innerRows()
        {
            return innerRowsPerNode.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public String toString()
        {
            StringBuilder text = new StringBuilder("%s.%s at %s: Delta version %s, checkpoint at %s, %s records, %s inner rows%n"
                    .formatted(schema, table, location.startsWith("file:") ? directory() : location, latestVersion, checkpointVersion, records(), innerRows()));
            new TreeMap<>(recordsPerNode).forEach((nodeId, records) ->
                    text.append("  node_id %s: %s records, %s inner rows%n".formatted(nodeId, records, innerRowsPerNode.get(nodeId))));
            return text.toString().stripTrailing();
        }

        static final class Builder
        {
            private final String schema;
            private final String table;
            private final String location;
            private final Map<String, Integer> recordsPerNode = new LinkedHashMap<>();
            private final Map<String, Long> innerRowsPerNode = new LinkedHashMap<>();

            Builder(String schema, String table, String location)
            {
                this.schema = schema;
                this.table = table;
                this.location = location;
            }

            void addRecord(String nodeId, long innerRows)
            {
                recordsPerNode.merge(nodeId, 1, Integer::sum);
                innerRowsPerNode.merge(nodeId, innerRows, Long::sum);
            }

            TableSummary build(long latestVersion, long checkpointVersion)
            {
                return new TableSummary(schema, table, location, latestVersion, checkpointVersion, recordsPerNode, innerRowsPerNode);
            }
        }
    }
}
