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

import java.nio.file.Path;
import java.util.List;

/**
 * The end-to-end benchmark's settings, each a system property ({@code -Drows=5000000}) with a default.
 *
 * @param rows inner rows of the record table (and so of the flat Delta table)
 * @param rowsPerRecord inner rows per record (one Arrow IPC stream)
 * @param batchesPerRecord record batches per record
 * @param nodes distinct node ids; records are assigned round-robin
 * @param layouts comma-separated {@link RecordTableLayout} names, or "all"
 * @param commitsPerFile in the layouts of Spark and delta-rs: the groups of one record per node that one file of a node holds
 * @param warmups warm-up runs of each query on each connector
 * @param runs measured runs of each query on each connector; the medians are reported
 * @param workers worker nodes beside the coordinator (which also runs tasks)
 * @param commits commits of the planning table, one small record each; 0 skips the planning benchmark
 * @param checkpointInterval the planning table's delta.checkpointInterval
 * @param commitRows inner rows of each record of the planning table
 * @param profile whether to record a JFR profile of each connector's full scan
 * @param generateOnly whether to stop once the record tables are written
 * @param dataDirectory where generated record tables are kept and reused by later runs with the same settings
 * @param trinoServerTarball the trino-server tarball of Maven Central, which holds Trino's Delta Lake plugin
 * @param deltaPluginDirectory where that plugin is unpacked
 * @param results the file the summary is written to
 */
record EndToEndConfig(
        long rows,
        int rowsPerRecord,
        int batchesPerRecord,
        int nodes,
        String layouts,
        int commitsPerFile,
        int warmups,
        int runs,
        int workers,
        int commits,
        int checkpointInterval,
        int commitRows,
        boolean profile,
        boolean generateOnly,
        Path dataDirectory,
        Path trinoServerTarball,
        Path deltaPluginDirectory,
        Path results)
{
    static EndToEndConfig fromSystemProperties()
    {
        return new EndToEndConfig(
                Long.getLong("rows", 20_000_000),
                Integer.getInteger("rowsPerRecord", 50_000),
                Integer.getInteger("batchesPerRecord", 4),
                Integer.getInteger("nodes", 64),
                System.getProperty("layouts", "all"),
                Integer.getInteger("commitsPerFile", 4),
                Integer.getInteger("warmups", 2),
                Integer.getInteger("runs", 5),
                Integer.getInteger("workers", 1),
                Integer.getInteger("commits", 10_000),
                Integer.getInteger("checkpointInterval", 100),
                Integer.getInteger("commitRows", 10),
                Boolean.parseBoolean(System.getProperty("profile", "true")),
                Boolean.parseBoolean(System.getProperty("generateOnly", "false")),
                Path.of(System.getProperty("data.dir", "target/benchmark-data")).toAbsolutePath(),
                Path.of(System.getProperty("trino.server.tarball", Path.of(
                        System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"),
                        "io/trino/trino-server/476/trino-server-476.tar.gz").toString())).toAbsolutePath(),
                Path.of(System.getProperty("delta.plugin.dir", "target/trino-server-476/plugin/delta-lake")).toAbsolutePath(),
                Path.of(System.getProperty("results", "target/benchmark-results.txt")).toAbsolutePath());
    }

    List<RecordTableLayout> recordTableLayouts()
    {
        return RecordTableLayout.parse(layouts, commitsPerFile);
    }

    String recordTableName(RecordTableLayout layout)
    {
        return "records_%s_%d_%d_%d_%d".formatted(layout.tableNamePart(), rows, rowsPerRecord, batchesPerRecord, nodes);
    }

    String commitTableName()
    {
        return "commits_%d_%d_%d".formatted(commits, checkpointInterval, commitRows);
    }

    String describe()
    {
        return "rows=%d rowsPerRecord=%d batchesPerRecord=%d nodes=%d layouts=%s commitsPerFile=%d warmups=%d runs=%d workers=%d commits=%d checkpointInterval=%d commitRows=%d"
                .formatted(rows, rowsPerRecord, batchesPerRecord, nodes, layouts, commitsPerFile, warmups, runs, workers, commits, checkpointInterval, commitRows);
    }
}
