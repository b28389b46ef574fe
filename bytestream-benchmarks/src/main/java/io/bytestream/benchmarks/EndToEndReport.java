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

import java.util.List;

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

    EndToEndReport(EndToEndConfig config)
    {
        this.config = requireNonNull(config, "config is null");
    }

    void recordTable(TableStatistics records, long dataBytes)
    {
        line(data, "record table (bytestream, catalog pond): %s; %,d bytes of Parquet", records.describe(), dataBytes);
    }

    void flatTable(long copySeconds, long files, long dataBytes)
    {
        line(data, "flat table (delta_lake, catalog delta, partitioned by node_id, written by CREATE TABLE AS in %d s): %,d Parquet files, %,d bytes", copySeconds, files, dataBytes);
    }

    void crossChecks(MaterializedResult pond, MaterializedResult flat, MaterializedResult raw, TableStatistics records)
    {
        MaterializedRow pondRow = pond.getMaterializedRows().getFirst();
        line(checks, "rows: bytestream %,d, delta_lake %,d; node ids: %s and %s; count and per-column checksums %s",
                pondRow.getField(0), flat.getMaterializedRows().getFirst().getField(0),
                pondRow.getField(pondRow.getFieldCount() - 1), flat.getMaterializedRows().getFirst().getField(pondRow.getFieldCount() - 1),
                pond.equals(flat) ? "match" : "DIFFER");
        MaterializedRow rawRow = raw.getMaterializedRows().getFirst();
        boolean rawMatches = ((Number) rawRow.getField(0)).longValue() == records.records() && ((Number) rawRow.getField(1)).longValue() == records.contentBytes();
        line(checks, "delta_lake reading the record table itself (register_table): %,d records, %,d content bytes, %s node ids — %s the writer's figures",
                rawRow.getField(0), rawRow.getField(1), rawRow.getField(2), rawMatches ? "matches" : "DIFFERS FROM");
    }

    void comparisons(List<SideBySide.Result> results)
    {
        line(comparisons, "%-32s %12s %12s %8s  %-18s %12s %12s %8s", "query", "bytestream", "delta_lake", "ratio", "target", "bytestream", "delta_lake", "ratio");
        line(comparisons, "%-32s %12s %12s %8s  %-18s %12s %12s %8s", "", "wall ms", "wall ms", "", "", "CPU ms", "CPU ms", "CPU");
        for (SideBySide.Result result : results) {
            line(comparisons, "%-32s %12.0f %12.0f %8.2f  %-18s %12.0f %12.0f %8.2f",
                    result.comparison().name(),
                    result.pondWallMillis(), result.deltaWallMillis(), result.wallRatio(), result.comparison().target(),
                    result.pondCpuMillis(), result.deltaCpuMillis(), result.cpuRatio());
        }
    }

    void nodeFilter(SideBySide.Result nodeFilter, SideBySide.Result fullScan, int nodes)
    {
        line(comparisons, "one node_id filter, physical input: bytestream %,.0f bytes (%.2f%% of its full scan's %,.0f), delta_lake %,.0f bytes (%.2f%% of its full scan's %,.0f); one partition of %d is %.2f%%",
                nodeFilter.pondPhysicalInputBytes(), 100 * nodeFilter.pondPhysicalInputBytes() / fullScan.pondPhysicalInputBytes(), fullScan.pondPhysicalInputBytes(),
                nodeFilter.deltaPhysicalInputBytes(), 100 * nodeFilter.deltaPhysicalInputBytes() / fullScan.deltaPhysicalInputBytes(), fullScan.deltaPhysicalInputBytes(),
                nodes, 100.0 / nodes);
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
        text.append("queries (medians of %d runs after %d warm-up runs each)%n".formatted(config.runs(), config.warmups())).append(comparisons).append(System.lineSeparator());
        if (!planning.isEmpty()) {
            text.append("planning (medians of %d runs)%n".formatted(config.runs())).append(planning).append(System.lineSeparator());
        }
        if (!profiles.isEmpty()) {
            text.append("profiles%n".formatted()).append(profiles);
        }
        return text.toString();
    }

    private static void line(StringBuilder target, String format, Object... arguments)
    {
        target.append("  ").append(format.formatted(arguments)).append(System.lineSeparator());
    }
}
