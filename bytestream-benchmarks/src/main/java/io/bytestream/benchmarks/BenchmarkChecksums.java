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

import com.google.common.collect.ImmutableMap;
import io.bytestream.benchmarks.RecordTableGenerator.TableStatistics;
import io.bytestream.benchmarks.SideBySide.Comparison;
import io.bytestream.trino.BytestreamConnectorFactory;
import io.bytestream.trino.BytestreamPlugin;
import io.trino.testing.DistributedQueryRunner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.bytestream.benchmarks.BenchmarkEndToEnd.COUNT;
import static io.bytestream.benchmarks.BenchmarkEndToEnd.FULL_SCAN;
import static io.bytestream.benchmarks.BenchmarkEndToEnd.NODE_FILTER;
import static io.bytestream.benchmarks.ComparisonQueryRunner.SCHEMA;
import static io.trino.testing.TestingSession.testSessionBuilder;

/**
 * The cost of verifying the content column's Parquet page checksums ({@code bytestream.verify-checksums}): the same
 * queries on the same record tables through two bytestream catalogs of one Trino cluster, {@value #VERIFIED} (the
 * default, verifying) and {@value #UNVERIFIED}, run alternately as {@link SideBySide} runs them. Reuses or writes the
 * end-to-end benchmark's record tables (same settings, {@link EndToEndConfig}); no Delta Lake connector is involved.
 * Prints the ratios of verified to unverified wall time, CPU time and physical input, also written to
 * {@code target/benchmark-checksums.txt} (or {@code -Dresults}).
 */
public final class BenchmarkChecksums
{
    static final String VERIFIED = "pond";
    static final String UNVERIFIED = "pond_unverified";

    // one column of every inner row: the whole content column is decoded, but range reads pick out one buffer
    private static final String ONE_COLUMN = "SELECT sum(id) FROM %s";
    // inner row counts from IPC headers only
    private static final String HEADER_COUNTS = "SELECT sum(inner_rows) FROM %s";

    private BenchmarkChecksums() {}

    public static void main(String[] args)
            throws Exception
    {
        BenchmarkLogging.initialize();
        EndToEndConfig config = EndToEndConfig.fromSystemProperties();
        Path pondRoot = config.dataDirectory().resolve("pond");

        StringBuilder summary = new StringBuilder();
        summary.append("Page checksum verification: %s (verify-checksums=true) / %s (false), wall and CPU medians of %d runs each, alternating; %s%n"
                .formatted(VERIFIED, UNVERIFIED, config.runs(), config.describe()));
        try (DistributedQueryRunner queryRunner = queryRunner(pondRoot, config.workers())) {
            SideBySide sideBySide = new SideBySide(new QueryTimer(queryRunner), config.warmups(), config.runs(), "verified", "unverified");
            for (RecordTableLayout layout : config.recordTableLayouts()) {
                Path tableDirectory = pondRoot.resolve(SCHEMA).resolve(config.recordTableName(layout));
                TableStatistics records = BenchmarkData.table(config.dataDirectory(), tableDirectory, () ->
                        RecordTableGenerator.writeRecordTable(layout, tableDirectory, config.rows(), config.rowsPerRecord(), config.batchesPerRecord(), config.nodes()));
                String table = config.recordTableName(layout);
                List<SideBySide.Result> results = new ArrayList<>();
                results.add(sideBySide.measure(comparison("full-scan aggregate, 8 columns", FULL_SCAN, table)));
                results.add(sideBySide.measure(comparison("one column, sum(id)", ONE_COLUMN, table)));
                results.add(sideBySide.measure(comparison("count(*)", COUNT, table)));
                results.add(sideBySide.measure(comparison("inner rows from IPC headers ($records)", HEADER_COUNTS, table + "$records")));
                results.add(sideBySide.measure(new Comparison(
                        "one node_id filter",
                        NODE_FILTER.formatted(qualified(VERIFIED, table), "\"$node_id\"", GeneratedRecords.nodeId(0)),
                        NODE_FILTER.formatted(qualified(UNVERIFIED, table), "\"$node_id\"", GeneratedRecords.nodeId(0)),
                        "")));
                summary.append(layoutSummary(layout, records, BenchmarkData.dataBytes(tableDirectory), results));
            }
        }
        BenchmarkResults.print(summary.toString());
        BenchmarkResults.write(Path.of(System.getProperty("results", "target/benchmark-checksums.txt")).toAbsolutePath(), summary.toString());
    }

    private static Comparison comparison(String name, String query, String table)
    {
        return new Comparison(name, query.formatted(qualified(VERIFIED, table)), query.formatted(qualified(UNVERIFIED, table)), "");
    }

    private static String qualified(String catalog, String table)
    {
        return "%s.%s.\"%s\"".formatted(catalog, SCHEMA, table);
    }

    private static String layoutSummary(RecordTableLayout layout, TableStatistics records, long dataBytes, List<SideBySide.Result> results)
    {
        StringBuilder text = new StringBuilder("%nLayout %s (%s; %,d MB of data files)%n".formatted(layout.name(), records.describe(), dataBytes >> 20));
        text.append("  %-42s %12s %12s %8s %8s %14s %14s %8s%n".formatted(
                "query", "verified ms", "unverif. ms", "wall ×", "CPU ×", "verified MB", "unverif. MB", "input ×"));
        for (SideBySide.Result result : results) {
            double verifiedBytes = result.pondPhysicalInputBytes();
            double unverifiedBytes = result.deltaPhysicalInputBytes();
            text.append("  %-42s %12.0f %12.0f %8.2f %8.2f %14.1f %14.1f %8s%n".formatted(
                    result.comparison().name(),
                    result.pondWallMillis(),
                    result.deltaWallMillis(),
                    result.wallRatio(),
                    result.cpuRatio(),
                    verifiedBytes / 1e6,
                    unverifiedBytes / 1e6,
                    unverifiedBytes == 0 ? "-" : "%.2f".formatted(verifiedBytes / unverifiedBytes)));
        }
        return text.toString();
    }

    private static DistributedQueryRunner queryRunner(Path pondRoot, int workers)
            throws Exception
    {
        DistributedQueryRunner queryRunner = DistributedQueryRunner.builder(testSessionBuilder().setCatalog(VERIFIED).setSchema(SCHEMA).build())
                .setWorkerCount(workers)
                .build();
        try {
            queryRunner.installPlugin(new BytestreamPlugin());
            for (String catalog : List.of(VERIFIED, UNVERIFIED)) {
                queryRunner.createCatalog(catalog, BytestreamConnectorFactory.CONNECTOR_NAME, ImmutableMap.of(
                        "bytestream.root-location", pondRoot.toUri().toString(),
                        "bytestream.verify-checksums", String.valueOf(catalog.equals(VERIFIED))));
            }
            return queryRunner;
        }
        catch (Throwable e) {
            queryRunner.close();
            throw e;
        }
    }
}
