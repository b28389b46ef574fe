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
import io.bytestream.trino.delta.TrinoFileIO;
import io.bytestream.trino.filesystem.LocalFileSchemeFileSystemFactory;
import io.bytestream.writer.Record;
import io.bytestream.writer.RecordTableSchema;
import io.bytestream.writer.RecordTableWriter;
import io.delta.kernel.Operation;
import io.delta.kernel.Table;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterable;
import io.trino.spi.security.ConnectorIdentity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

/**
 * Writes the benchmark's record tables: the table of {@link GeneratedRecords} in a {@link RecordTableLayout}, and
 * the planning benchmark's table of many commits with {@link RecordTableWriter}.
 */
final class RecordTableGenerator
{
    private static final Logger log = Logger.get(RecordTableGenerator.class);

    private RecordTableGenerator() {}

    /**
     * Writes the benchmark's record table in {@code layout}.
     */
    static TableStatistics writeRecordTable(RecordTableLayout layout, Path tableDirectory, long rows, int rowsPerRecord, int batchesPerRecord, int nodes)
    {
        long start = System.nanoTime();
        try (GeneratedRecords records = new GeneratedRecords(rows, rowsPerRecord, batchesPerRecord, nodes, layout.ipcBodyCompression())) {
            long commits = layout.write(tableDirectory, records);
            return records.statistics(commits, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * {@code commits} commits of one small record each (rows {@code 0} to {@code commits * rowsPerRecord - 1}), with
     * a checkpoint every {@code checkpointInterval} commits: the table property {@code delta.checkpointInterval} makes
     * delta-kernel's post-commit hook write it, as Delta writers do.
     */
    static TableStatistics writeCommitTable(Path tableDirectory, int commits, int checkpointInterval, int rowsPerRecord, int nodes)
    {
        long start = System.nanoTime();
        createTable(tableDirectory, Map.of("delta.checkpointInterval", String.valueOf(checkpointInterval)));
        RecordTableWriter writer = openWriter(tableDirectory);
        long contentBytes = 0;
        try (MixedRecordStreams streams = new MixedRecordStreams()) {
            for (int commit = 0; commit < commits; commit++) {
                byte[] content = streams.write((long) commit * rowsPerRecord, rowsPerRecord, 1);
                writer.append(List.of(new Record(GeneratedRecords.nodeId(commit % nodes), GeneratedRecords.timestamp(commit), GeneratedRecords.version(commit, nodes), content)));
                contentBytes += content.length;
                if ((commit + 1) % 500 == 0) {
                    log.info("%s: %,d of %,d commits written (%.0f s)", tableDirectory.getFileName(), commit + 1, commits, NANOSECONDS.toSeconds(System.nanoTime() - start) * 1.0);
                }
            }
        }
        return new TableStatistics((long) commits * rowsPerRecord, commits, commits, contentBytes, Duration.ofNanos(System.nanoTime() - start));
    }

    static RecordTableWriter openWriter(Path tableDirectory)
    {
        return RecordTableWriter.open(engine(), ComparisonQueryRunner.fileLocation(tableDirectory));
    }

    // the plugin's own file I/O over Trino's local file system: kernel's default engine over Hadoop's local file
    // system took 4 times as long here (300 commits: 118 s against 30 s, much of it system time)
    private static Engine engine()
    {
        return DefaultEngine.create(new TrinoFileIO(new LocalFileSchemeFileSystemFactory().create(ConnectorIdentity.ofUser("benchmark"))));
    }

    private static void createTable(Path tableDirectory, Map<String, String> properties)
    {
        if (Files.exists(tableDirectory.resolve("_delta_log"))) {
            throw new IllegalStateException("Table exists already: " + tableDirectory);
        }
        Engine engine = engine();
        Table table = Table.forPath(engine, ComparisonQueryRunner.fileLocation(tableDirectory));
        table.createTransactionBuilder(engine, "bytestream-benchmarks", Operation.CREATE_TABLE)
                .withSchema(engine, RecordTableSchema.SCHEMA)
                .withPartitionColumns(engine, RecordTableSchema.PARTITION_COLUMNS)
                .withTableProperties(engine, properties)
                .build(engine)
                .commit(engine, CloseableIterable.emptyIterable());
    }

    record TableStatistics(long rows, long records, long commits, long contentBytes, Duration writeTime)
    {
        String describe()
        {
            return "%,d rows in %,d records, %,d commits, %,d bytes of Arrow IPC content (written in %s s)".formatted(
                    rows, records, commits, contentBytes, writeTime.toSeconds());
        }
    }
}
