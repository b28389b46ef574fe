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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.bytestream.benchmarks.ComparisonQueryRunner.DELTA;
import static io.bytestream.benchmarks.ComparisonQueryRunner.POND;
import static io.bytestream.benchmarks.ComparisonQueryRunner.SCHEMA;
import static io.bytestream.benchmarks.ComparisonQueryRunner.fileLocation;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

/**
 * bytestream against Trino's Delta Lake connector on the same rows, in one Trino cluster:
 * <ol>
 * <li>writes (or reuses) a record table of {@code -Drows} rows of {@link MixedRecordStreams} over 64 node ids in every
 * {@link RecordTableLayout} of {@code -Dlayouts} (the same records in each),</li>
 * <li>copies the first layout's table with {@code CREATE TABLE AS} into a flat Delta table partitioned by {@code node_id}
 * and checks that each layout holds its rows (count and per-column checksums) and that bytestream and Delta Lake read
 * every layout's record columns as written,</li>
 * <li>times per layout, alternating the two connectors, a full-scan aggregate of all columns, {@code count(*)}, a
 * two-column scan and a one-node_id filter (with the physical input bytes read),</li>
 * <li>records a JFR profile of bytestream's full scan, {@code count(*)} and two-column scan per layout, and of Delta
 * Lake's full scan and two-column scan,</li>
 * </ol>
 * and, before those, times planning on a record table of {@code -Dcommits} commits with checkpoints, read by both
 * connectors (Delta Lake reads the record table itself, registered with {@code register_table}).
 * Prints one summary, also written to {@code target/benchmark-results.txt}. Settings: {@link EndToEndConfig}.
 */
public final class BenchmarkEndToEnd
{
    private static final Logger log = Logger.get(BenchmarkEndToEnd.class);

    static final String FULL_SCAN = "SELECT count(*), sum(id), sum(size), avg(score), max(score), sum(length(name)), sum(length(path)), count_if(flag), max(ts), max(kind) FROM %s";
    static final String COUNT = "SELECT count(*) FROM %s";
    static final String TWO_COLUMNS = "SELECT kind, sum(size) FROM %s GROUP BY kind";
    static final String NODE_FILTER = "SELECT count(*), sum(size), sum(length(path)) FROM %s WHERE %s = '%s'";
    private static final String CHECKSUMS = "SELECT count(*), checksum(id), checksum(size), checksum(score), checksum(name), checksum(path), checksum(flag), " +
            "checksum(to_unixtime(ts)), checksum(kind), checksum(%1$s), count(DISTINCT %1$s) FROM %2$s";
    // the record columns as bytestream reads them: one value per record, repeated on its inner rows
    private static final String HIDDEN_COLUMNS = "SELECT count(DISTINCT \"$timestamp\"), min(\"$timestamp\"), max(\"$timestamp\"), min(\"$version\"), max(\"$version\"), count(DISTINCT \"$path\") FROM %s";
    // the record table as Trino's Delta Lake connector reads it (registered with register_table)
    private static final String RAW = "SELECT count(*), sum(length(content)), count(DISTINCT node_id), min(\"timestamp\"), max(\"timestamp\"), min(version), max(version) FROM %s";

    private BenchmarkEndToEnd() {}

    public static void main(String[] args)
            throws Exception
    {
        BenchmarkLogging.initialize();
        EndToEndConfig config = EndToEndConfig.fromSystemProperties();
        List<RecordTableLayout> layouts = config.recordTableLayouts();
        Path deltaPlugin = DeltaLakePluginFolder.materialize(config.trinoServerTarball(), config.deltaPluginDirectory());
        Path dataDirectory = config.dataDirectory();
        Path pondRoot = dataDirectory.resolve("pond");
        Path commitTable = pondRoot.resolve(SCHEMA).resolve(config.commitTableName());

        Map<RecordTableLayout, TableStatistics> layoutTables = new LinkedHashMap<>();
        for (RecordTableLayout layout : layouts) {
            Path recordTable = recordTable(pondRoot, config, layout);
            layoutTables.put(layout, BenchmarkData.table(dataDirectory, recordTable, () ->
                    RecordTableGenerator.writeRecordTable(layout, recordTable, config.rows(), config.rowsPerRecord(), config.batchesPerRecord(), config.nodes())));
        }
        TableStatistics commits = config.commits() == 0 ? null : BenchmarkData.table(dataDirectory, commitTable, () ->
                RecordTableGenerator.writeCommitTable(commitTable, config.commits(), config.checkpointInterval(), config.commitRows(), config.nodes()));

        if (config.generateOnly()) {
            return;
        }

        Path deltaRun = dataDirectory.resolve("delta-run");
        Path deltaMetastore = deltaRun.resolve("metastore");
        BenchmarkData.delete(deltaRun);
        EndToEndReport report = new EndToEndReport(config);
        layoutTables.forEach((layout, records) -> report.recordTable(layout, records, recordTable(pondRoot, config, layout)));

        boolean allMatch = true;
        try (DistributedQueryRunner queryRunner = ComparisonQueryRunner.create(pondRoot, deltaPlugin, deltaMetastore, config.workers())) {
            QueryTimer timer = new QueryTimer(queryRunner);
            String flatTable = "%s.%s.flat".formatted(DELTA, SCHEMA);

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

            // one flat copy serves every layout: all hold the same rows
            long copyStart = System.nanoTime();
            // Delta Lake's timestamp is TIMESTAMP(3) WITH TIME ZONE in Trino; the generated values are whole milliseconds
            timer.execute(("CREATE TABLE %s WITH (partitioned_by = ARRAY['node_id']) AS " +
                    "SELECT id, size, score, name, path, flag, CAST(ts AS timestamp(3) with time zone) AS ts, kind, \"$node_id\" AS node_id FROM %s")
                    .formatted(flatTable, pondTable(config, layouts.getFirst())));
            long copySeconds = NANOSECONDS.toSeconds(System.nanoTime() - copyStart);
            long flatFiles = (long) timer.execute("SELECT count(DISTINCT \"$path\") FROM " + flatTable).getOnlyValue();
            report.flatTable(layouts.getFirst(), copySeconds, flatFiles, BenchmarkData.dataBytes(deltaMetastore.resolve(SCHEMA).resolve("flat")));
            MaterializedResult flatChecksums = timer.execute(CHECKSUMS.formatted("node_id", flatTable));

            boolean deltaProfiled = false;
            for (Map.Entry<RecordTableLayout, TableStatistics> entry : layoutTables.entrySet()) {
                RecordTableLayout layout = entry.getKey();
                String pondTable = pondTable(config, layout);
                String rawTable = "%s.%s.raw_%s".formatted(DELTA, SCHEMA, layout.tableNamePart());
                register(timer, rawTable.substring(rawTable.lastIndexOf('.') + 1), recordTable(pondRoot, config, layout));

                MaterializedResult pondChecksums = timer.execute(CHECKSUMS.formatted("\"$node_id\"", pondTable));
                MaterializedResult hidden = timer.execute(HIDDEN_COLUMNS.formatted(pondTable));
                MaterializedResult raw = timer.execute(RAW.formatted(rawTable));
                boolean matches = report.crossChecks(layout, pondChecksums, flatChecksums, hidden, raw, entry.getValue());
                if (!matches) {
                    allMatch = false;
                    log.error("Layout %s does not hold the rows of the flat table, or its record columns read wrong; not measured:%n%s%n%s%n%s%n%s",
                            layout.name(), pondChecksums, flatChecksums, hidden, raw);
                    continue;
                }

                String node = GeneratedRecords.nodeId(0);
                List<SideBySide.Result> results = new ArrayList<>();
                Comparison fullScan = new Comparison("full-scan aggregate, 8 columns", FULL_SCAN.formatted(pondTable), FULL_SCAN.formatted(flatTable), "≤ 0.7");
                results.add(sideBySide.measure(fullScan));
                Comparison count = new Comparison("count(*)", COUNT.formatted(pondTable), COUNT.formatted(flatTable), "≤ 0.2");
                results.add(sideBySide.measure(count));
                Comparison twoColumns = new Comparison("two-column scan (group by)", TWO_COLUMNS.formatted(pondTable), TWO_COLUMNS.formatted(flatTable), "");
                results.add(sideBySide.measure(twoColumns));
                results.add(sideBySide.measure(new Comparison(
                        "one node_id filter",
                        NODE_FILTER.formatted(pondTable, "\"$node_id\"", node),
                        NODE_FILTER.formatted(flatTable, "node_id", node),
                        "reads 1 partition")));
                report.comparisons(layout, results);

                if (config.profile()) {
                    log.info("Profiling layout %s", layout.name());
                    profile(timer, report, config, "bytestream %s full scan".formatted(layout.name()), fullScan.pondSql());
                    profile(timer, report, config, "bytestream %s count(*)".formatted(layout.name()), count.pondSql());
                    profile(timer, report, config, "bytestream %s two-column scan".formatted(layout.name()), twoColumns.pondSql());
                    if (!deltaProfiled) {
                        profile(timer, report, config, "delta_lake full scan", fullScan.deltaSql());
                        profile(timer, report, config, "delta_lake two-column scan", twoColumns.deltaSql());
                        deltaProfiled = true;
                    }
                }
            }
        }

        String summary = report.toString();
        BenchmarkResults.print(summary);
        BenchmarkResults.write(config.results(), summary);
        if (!allMatch) {
            throw new IllegalStateException("Some layouts do not hold the rows of the flat Delta table; see the cross-checks");
        }
    }

    private static Path recordTable(Path pondRoot, EndToEndConfig config, RecordTableLayout layout)
    {
        return pondRoot.resolve(SCHEMA).resolve(config.recordTableName(layout));
    }

    private static String pondTable(EndToEndConfig config, RecordTableLayout layout)
    {
        return "%s.%s.%s".formatted(POND, SCHEMA, config.recordTableName(layout));
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
