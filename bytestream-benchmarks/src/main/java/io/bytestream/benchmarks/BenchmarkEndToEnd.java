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
import io.bytestream.benchmarks.QueryTimer.QueryRun;
import io.bytestream.benchmarks.RecordTableGenerator.TableStatistics;
import io.bytestream.benchmarks.SideBySide.Comparison;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.bytestream.benchmarks.ComparisonQueryRunner.DELTA;
import static io.bytestream.benchmarks.ComparisonQueryRunner.POND;
import static io.bytestream.benchmarks.ComparisonQueryRunner.SCHEMA;
import static io.bytestream.benchmarks.ComparisonQueryRunner.fileLocation;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

/**
 * bytestream against Trino's Delta Lake connector on the same rows, in one Trino cluster:
 * <ol>
 * <li>writes (or reuses) a record table of {@code -Drows} rows of {@link MixedRecordStreams} over 64 node ids,</li>
 * <li>copies it with {@code CREATE TABLE AS} into a flat Delta table partitioned by {@code node_id} and checks
 * that both hold the same rows (count and per-column checksums),</li>
 * <li>times, alternating the two connectors, a full-scan aggregate of all columns, {@code count(*)}, a two-column
 * scan and a one-node_id filter (with the physical input bytes read),</li>
 * <li>records a JFR profile of each connector's full scan and two-column scan, and of bytestream's {@code count(*)},</li>
 * </ol>
 * and, before those, times planning on a record table of {@code -Dcommits} commits with checkpoints, read by both
 * connectors (Delta Lake reads the record table itself, registered with {@code register_table}).
 * Prints one summary, also written to {@code target/benchmark-results.txt}. Settings: {@link EndToEndConfig}.
 */
public final class BenchmarkEndToEnd
{
    private static final Logger log = Logger.get(BenchmarkEndToEnd.class);

    private static final String FULL_SCAN = "SELECT count(*), sum(id), sum(size), avg(score), max(score), sum(length(name)), sum(length(path)), count_if(flag), max(ts), max(kind) FROM %s";
    private static final String COUNT = "SELECT count(*) FROM %s";
    private static final String TWO_COLUMNS = "SELECT kind, sum(size) FROM %s GROUP BY kind";
    private static final String NODE_FILTER = "SELECT count(*), sum(size), sum(length(path)) FROM %s WHERE %s = '%s'";
    private static final String CHECKSUMS = "SELECT count(*), checksum(id), checksum(size), checksum(score), checksum(name), checksum(path), checksum(flag), " +
            "checksum(to_unixtime(ts)), checksum(kind), checksum(%1$s), count(DISTINCT %1$s) FROM %2$s";

    private BenchmarkEndToEnd() {}

    public static void main(String[] args)
            throws Exception
    {
        BenchmarkLogging.initialize();
        EndToEndConfig config = EndToEndConfig.fromSystemProperties();
        Path deltaPlugin = DeltaLakePluginFolder.materialize(config.trinoServerTarball(), config.deltaPluginDirectory());
        Path dataDirectory = config.dataDirectory();
        Path pondRoot = dataDirectory.resolve("pond");
        Path recordTable = pondRoot.resolve(SCHEMA).resolve(config.recordTableName());
        Path commitTable = pondRoot.resolve(SCHEMA).resolve(config.commitTableName());

        TableStatistics records = BenchmarkData.table(dataDirectory, recordTable, () ->
                RecordTableGenerator.writeRecordTable(recordTable, config.rows(), config.rowsPerRecord(), config.batchesPerRecord(), config.nodes()));
        TableStatistics commits = config.commits() == 0 ? null : BenchmarkData.table(dataDirectory, commitTable, () ->
                RecordTableGenerator.writeCommitTable(commitTable, config.commits(), config.checkpointInterval(), config.commitRows(), config.nodes()));

        if (config.generateOnly()) {
            return;
        }

        Path deltaRun = dataDirectory.resolve("delta-run");
        Path deltaMetastore = deltaRun.resolve("metastore");
        BenchmarkData.delete(deltaRun);
        EndToEndReport report = new EndToEndReport(config);
        report.recordTable(records, BenchmarkData.dataBytes(recordTable));

        try (DistributedQueryRunner queryRunner = ComparisonQueryRunner.create(pondRoot, deltaPlugin, deltaMetastore, config.workers())) {
            QueryTimer timer = new QueryTimer(queryRunner);
            String pondTable = "%s.%s.%s".formatted(POND, SCHEMA, config.recordTableName());
            String flatTable = "%s.%s.flat".formatted(DELTA, SCHEMA);
            String rawTable = "%s.%s.records_raw".formatted(DELTA, SCHEMA);

            SideBySide sideBySide = new SideBySide(timer, config.warmups(), config.runs());
            timer.execute("CREATE SCHEMA %s.%s".formatted(DELTA, SCHEMA));

            // planning first: it needs no copy of the data, and fails early if the plugins disagree with the table
            if (commits != null) {
                String rawCommits = "commits_raw";
                register(timer, rawCommits, commitTable);
                String pondCommits = "%s.%s.%s".formatted(POND, SCHEMA, config.commitTableName());
                String deltaCommits = "%s.%s.%s".formatted(DELTA, SCHEMA, rawCommits);
                // EXPLAIN plans the query (metadata, snapshot, statistics) without enumerating splits or reading data
                Comparison explain = new Comparison("EXPLAIN SELECT count(*)", "EXPLAIN " + COUNT.formatted(pondCommits), "EXPLAIN " + COUNT.formatted(deltaCommits), "");
                SideBySide.Result explainCold = sideBySide.measure(explain, () -> flushMetadataCaches(timer));
                SideBySide.Result explainWarm = sideBySide.measure(explain);
                // opens all data files: fewer runs
                SideBySide.Result count = new SideBySide(timer, 1, Math.min(3, config.runs()))
                        .measure(new Comparison("SELECT count(*)", COUNT.formatted(pondCommits), COUNT.formatted(deltaCommits), ""));
                report.planning(commits, explainCold, explainWarm, count);
            }

            long copyStart = System.nanoTime();
            // Delta Lake's timestamp is TIMESTAMP(3) WITH TIME ZONE in Trino; the generated values are whole milliseconds
            timer.execute(("CREATE TABLE %s WITH (partitioned_by = ARRAY['node_id']) AS " +
                    "SELECT id, size, score, name, path, flag, CAST(ts AS timestamp(3) with time zone) AS ts, kind, \"$node_id\" AS node_id FROM %s")
                    .formatted(flatTable, pondTable));
            long copySeconds = NANOSECONDS.toSeconds(System.nanoTime() - copyStart);
            long flatFiles = (long) timer.execute("SELECT count(DISTINCT \"$path\") FROM " + flatTable).getOnlyValue();
            report.flatTable(copySeconds, flatFiles, BenchmarkData.dataBytes(deltaMetastore.resolve(SCHEMA).resolve("flat")));
            register(timer, "records_raw", recordTable);

            MaterializedResult pondChecksums = timer.execute(CHECKSUMS.formatted("\"$node_id\"", pondTable));
            MaterializedResult flatChecksums = timer.execute(CHECKSUMS.formatted("node_id", flatTable));
            MaterializedResult raw = timer.execute("SELECT count(*), sum(length(content)), count(DISTINCT node_id) FROM " + rawTable);
            report.crossChecks(pondChecksums, flatChecksums, raw, records);
            if (!pondChecksums.equals(flatChecksums)) {
                throw new IllegalStateException("The flat Delta table does not hold the rows of the record table:%n%s%n%s".formatted(pondChecksums, flatChecksums));
            }

            String node = RecordTableGenerator.nodeId(0);
            List<SideBySide.Result> results = new ArrayList<>();
            Comparison fullScan = new Comparison("full-scan aggregate, 8 columns", FULL_SCAN.formatted(pondTable), FULL_SCAN.formatted(flatTable), "≤ 0.7");
            results.add(sideBySide.measure(fullScan));
            results.add(sideBySide.measure(new Comparison("count(*)", COUNT.formatted(pondTable), COUNT.formatted(flatTable), "≤ 0.2")));
            Comparison twoColumns = new Comparison("two-column scan (group by)", TWO_COLUMNS.formatted(pondTable), TWO_COLUMNS.formatted(flatTable), "");
            results.add(sideBySide.measure(twoColumns));
            SideBySide.Result nodeFilter = sideBySide.measure(new Comparison(
                    "one node_id filter",
                    NODE_FILTER.formatted(pondTable, "\"$node_id\"", node),
                    NODE_FILTER.formatted(flatTable, "node_id", node),
                    "reads 1 partition"));
            results.add(nodeFilter);
            report.comparisons(results);
            report.nodeFilter(nodeFilter, results.getFirst(), config.nodes());

            if (config.profile()) {
                log.info("Profiling");
                profile(timer, report, config, "bytestream full scan", fullScan.pondSql());
                profile(timer, report, config, "delta_lake full scan", fullScan.deltaSql());
                profile(timer, report, config, "bytestream count(*)", COUNT.formatted(pondTable));
                profile(timer, report, config, "bytestream two-column scan", twoColumns.pondSql());
                profile(timer, report, config, "delta_lake two-column scan", twoColumns.deltaSql());
            }
        }

        String summary = report.toString();
        System.out.println(summary);
        BenchmarkResults.write(config.results(), summary);
    }

    private static void register(QueryTimer timer, String table, Path location)
    {
        timer.execute("CALL %s.system.register_table(schema_name => '%s', table_name => '%s', table_location => '%s')"
                .formatted(DELTA, SCHEMA, table, fileLocation(location)));
    }

    private static void flushMetadataCaches(QueryTimer timer)
    {
        timer.execute("CALL %s.system.flush_metadata_cache()".formatted(POND));
        timer.execute("CALL %s.system.flush_metadata_cache()".formatted(DELTA));
    }

    private static void profile(QueryTimer timer, EndToEndReport report, EndToEndConfig config, String name, String sql)
    {
        Path file = config.results().resolveSibling("profile-%s.jfr".formatted(name.replaceAll("[^a-z_]+", "-").replaceAll("-$", "")));
        JfrProfile.record(file, () -> repeat(timer, sql, config.runs()));
        report.profile(JfrProfile.summarize(file, "%s ×%d".formatted(name, config.runs()), 20));
    }

    private static void repeat(QueryTimer timer, String sql, int times)
    {
        for (int i = 0; i < times; i++) {
            QueryRun run = timer.run(sql);
            log.info("profiled run: %.0f ms", run.wallMillis());
        }
    }
}
