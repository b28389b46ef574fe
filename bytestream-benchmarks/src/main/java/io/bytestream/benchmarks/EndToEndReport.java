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

import io.bytestream.benchmarks.RecordTableGenerator.TableStatistics;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import static java.util.Objects.requireNonNull;

/**
 * The end-to-end benchmark's summary, built up section by section.
 */
final class EndToEndReport
{
    private final EndToEndConfig config;
    private final StringBuilder data = new StringBuilder();
    private final StringBuilder checks = new StringBuilder();
    private final StringBuilder comparisons = new StringBuilder();
    private final StringBuilder planning = new StringBuilder();
    private final StringBuilder profiles = new StringBuilder();
    private final Map<String, List<SideBySide.Result>> layoutResults = new LinkedHashMap<>();
    private final Map<String, Long> layoutBytes = new LinkedHashMap<>();

    EndToEndReport(EndToEndConfig config)
    {
        this.config = requireNonNull(config, "config is null");
    }

    void recordTable(RecordTableLayout layout, TableStatistics records, Path tableDirectory)
    {
        List<Path> files = BenchmarkData.dataFiles(tableDirectory);
        long bytes = BenchmarkData.dataBytes(tableDirectory);
        layoutBytes.put(layout.name(), bytes);
        line(data, "record table %s (bytestream, catalog pond): %s; %,d Parquet files, %,d bytes", layout.name(), records.describe(), files.size(), bytes);
        line(data, "    %s", layout.description());
    }

    void flatTable(RecordTableLayout source, long copySeconds, long files, long dataBytes)
    {
        line(data, "flat table (delta_lake, catalog delta, partitioned by node_id, written from layout %s by CREATE TABLE AS in %d s): %,d Parquet files, %,d bytes",
                source.name(), copySeconds, files, dataBytes);
    }

    /**
     * @return whether the layout's rows match the flat table's and its record columns read as written, by bytestream
     * and by delta_lake
     */
    boolean crossChecks(RecordTableLayout layout, MaterializedResult pond, MaterializedResult flat, MaterializedResult hidden, MaterializedResult raw, TableStatistics records)
    {
        MaterializedRow pondRow = pond.getMaterializedRows().getFirst();
        boolean rowsMatch = pond.equals(flat);
        line(checks, "%s: rows: bytestream %,d, delta_lake %,d; node ids: %s and %s; count and per-column checksums %s",
                layout.name(), pondRow.getField(0), flat.getMaterializedRows().getFirst().getField(0),
                pondRow.getField(pondRow.getFieldCount() - 1), flat.getMaterializedRows().getFirst().getField(pondRow.getFieldCount() - 1),
                rowsMatch ? "match" : "DIFFER");

        long recordCount = records.records();
        Instant firstTimestamp = GeneratedRecords.timestamp(0);
        Instant lastTimestamp = GeneratedRecords.timestamp(recordCount - 1);
        long lastVersion = GeneratedRecords.version(recordCount - 1, config.nodes());
        MaterializedRow hiddenRow = hidden.getMaterializedRows().getFirst();
        boolean hiddenMatches = number(hiddenRow, 0) == recordCount
                && firstTimestamp.equals(instant(hiddenRow, 1)) && lastTimestamp.equals(instant(hiddenRow, 2))
                && number(hiddenRow, 3) == 1 && number(hiddenRow, 4) == lastVersion;
        line(checks, "%s: bytestream's \"$timestamp\": %,d distinct, %s to %s; \"$version\" %d to %d; %,d files — %s the written %,d records, %s to %s, versions 1 to %d",
                layout.name(), hiddenRow.getField(0), instant(hiddenRow, 1), instant(hiddenRow, 2), hiddenRow.getField(3), hiddenRow.getField(4), hiddenRow.getField(5),
                hiddenMatches ? "matches" : "DIFFERS FROM", recordCount, firstTimestamp, lastTimestamp, lastVersion);

        MaterializedRow rawRow = raw.getMaterializedRows().getFirst();
        boolean rawMatches = number(rawRow, 0) == recordCount && number(rawRow, 1) == records.contentBytes()
                && number(rawRow, 2) == Math.min(recordCount, config.nodes())
                && firstTimestamp.equals(instant(rawRow, 3)) && lastTimestamp.equals(instant(rawRow, 4))
                && number(rawRow, 5) == 1 && number(rawRow, 6) == lastVersion;
        line(checks, "%s: delta_lake reading the record table itself (register_table): %,d records, %,d content bytes, %s node ids, timestamps %s to %s, versions %s to %s — %s the writer's figures",
                layout.name(), rawRow.getField(0), rawRow.getField(1), rawRow.getField(2), instant(rawRow, 3), instant(rawRow, 4), rawRow.getField(5), rawRow.getField(6),
                rawMatches ? "matches" : "DIFFERS FROM");
        return rowsMatch && hiddenMatches && rawMatches;
    }

    void comparisons(RecordTableLayout layout, List<SideBySide.Result> results)
    {
        line(comparisons, "layout %s", layout.name());
        line(comparisons, "%-32s %12s %12s %8s  %-18s %12s %12s %8s %14s %14s", "query", "bytestream", "delta_lake", "ratio", "target", "bytestream", "delta_lake", "ratio", "bytestream", "delta_lake");
        line(comparisons, "%-32s %12s %12s %8s  %-18s %12s %12s %8s %14s %14s", "", "wall ms", "wall ms", "", "", "CPU ms", "CPU ms", "CPU", "MB read", "MB read");
        for (SideBySide.Result result : results) {
            line(comparisons, "%-32s %12.0f %12.0f %8.2f  %-18s %12.0f %12.0f %8.2f %14.1f %14.1f",
                    result.comparison().name(),
                    result.pondWallMillis(), result.deltaWallMillis(), result.wallRatio(), result.comparison().target(),
                    result.pondCpuMillis(), result.deltaCpuMillis(), result.cpuRatio(),
                    result.pondPhysicalInputBytes() / 1e6, result.deltaPhysicalInputBytes() / 1e6);
        }
        SideBySide.Result fullScan = results.getFirst();
        SideBySide.Result nodeFilter = results.getLast();
        line(comparisons, "one node_id filter, physical input: bytestream %.2f%% of its full scan's, delta_lake %.2f%%; one partition of %d is %.2f%%",
                100 * nodeFilter.pondPhysicalInputBytes() / fullScan.pondPhysicalInputBytes(),
                100 * nodeFilter.deltaPhysicalInputBytes() / fullScan.deltaPhysicalInputBytes(),
                config.nodes(), 100.0 / config.nodes());
        comparisons.append(System.lineSeparator());
        layoutResults.put(layout.name(), results);
    }

    void planning(TableStatistics commits, SideBySide.Result explainCold, SideBySide.Result explainWarm, SideBySide.Result count)
    {
        line(planning, "table of %s, checkpoint every %d commits; bytestream reads it as catalog pond, delta_lake the same folder registered with register_table",
                commits.describe(), config.checkpointInterval());
        line(planning, "%-66s %12s %12s %8s", "", "bytestream", "delta_lake", "ratio");
        line(planning, "%-66s %12.0f %12.0f %8.2f", "EXPLAIN, cold (metadata caches flushed first): wall ms",
                explainCold.pondWallMillis(), explainCold.deltaWallMillis(), explainCold.wallRatio());
        line(planning, "%-66s %12.0f %12.0f %8.2f", "EXPLAIN, warm: wall ms",
                explainWarm.pondWallMillis(), explainWarm.deltaWallMillis(), explainWarm.wallRatio());
        line(planning, "%-66s %12.0f %12.0f %8.2f", "SELECT count(*), warm (median of %d): planning ms (query statistics)".formatted(count.pond().size()),
                count.pondPlanningMillis(), count.deltaPlanningMillis(), count.pondPlanningMillis() / count.deltaPlanningMillis());
        line(planning, "%-66s %12.0f %12.0f %8.2f", "SELECT count(*), warm (median of %d): wall ms (opens every data file)".formatted(count.pond().size()),
                count.pondWallMillis(), count.deltaWallMillis(), count.wallRatio());
    }

    void profile(String summary)
    {
        profiles.append(summary).append(System.lineSeparator());
    }

    @Override
    public String toString()
    {
        StringBuilder text = new StringBuilder();
        text.append("==== bytestream vs delta_lake, one in-process Trino 476 cluster (coordinator + %d worker) ====%n".formatted(config.workers()));
        text.append("settings: %s%n".formatted(config.describe()));
        text.append("ratios are bytestream/delta_lake of medians, the two connectors alternating query by query in one run%n%n".formatted());
        text.append("data%n".formatted()).append(data).append(System.lineSeparator());
        text.append("cross-checks%n".formatted()).append(checks).append(System.lineSeparator());
        text.append("queries (medians of %d runs after %d warm-up runs each; MB = 10^6 bytes of physical input)%n".formatted(config.runs(), config.warmups())).append(comparisons);
        if (!layoutResults.isEmpty()) {
            text.append("by layout: geometric means of the ratios over the %d queries above%n".formatted(layoutResults.values().iterator().next().size()));
            text.append("  %-16s %10s %10s %16s%n".formatted("layout", "wall", "CPU", "Parquet bytes"));
            layoutResults.forEach((layout, results) -> text.append("  %-16s %10.2f %10.2f %,16d%n".formatted(
                    layout, geometricMean(results, SideBySide.Result::wallRatio), geometricMean(results, SideBySide.Result::cpuRatio), layoutBytes.get(layout))));
            text.append(System.lineSeparator());
        }
        if (!planning.isEmpty()) {
            text.append("planning (medians of %d runs)%n".formatted(config.runs())).append(planning).append(System.lineSeparator());
        }
        if (!profiles.isEmpty()) {
            text.append("profiles%n".formatted()).append(profiles);
        }
        return text.toString();
    }

    private static double geometricMean(List<SideBySide.Result> results, ToDoubleFunction<SideBySide.Result> ratio)
    {
        return Math.exp(results.stream().mapToDouble(ratio).map(Math::log).average().orElseThrow());
    }

    private static long number(MaterializedRow row, int field)
    {
        return ((Number) row.getField(field)).longValue();
    }

    private static Instant instant(MaterializedRow row, int field)
    {
        return row.getField(field) instanceof ZonedDateTime value ? value.toInstant() : null;
    }

    private static void line(StringBuilder target, String format, Object... arguments)
    {
        target.append("  ").append(format.formatted(arguments)).append(System.lineSeparator());
    }
}
