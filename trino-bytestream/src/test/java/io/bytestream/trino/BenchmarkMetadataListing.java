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

import com.google.common.base.Stopwatch;
import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.RecordTableWriter;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.record;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What BI tools do on connect: list schemas, tables and every table's columns, over a catalog of
 * {@value #TABLE_COUNT} record tables. A benchmark, not part of the test suite (its name does not match
 * surefire's test patterns); run it with
 * {@code ./mvnw -pl trino-bytestream test -Dtest=BenchmarkMetadataListing -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints cold (metadata cache flushed) and warm timings.
 */
final class BenchmarkMetadataListing
{
    private static final int TABLE_COUNT = Integer.getInteger("bytestream.benchmark.tables", 1_000);
    private static final int SCHEMA_COUNT = 10;
    private static final int WARM_RUNS = 5;

    @Test
    void benchmark()
            throws Exception
    {
        Path root = Files.createTempDirectory("bytestream-listing");
        try {
            Path template = root.resolve("template/t");
            RecordTableWriter.openLocal(template).append(List.of(record(NODE_A, 1, ArrowStreams.entries(1, 10, 81))));
            for (int i = 0; i < TABLE_COUNT; i++) {
                copyFolder(template, root.resolve("s%02d/t%04d".formatted(i % SCHEMA_COUNT, i)));
            }
            deleteRecursively(root.resolve("template"), ALLOW_INSECURE);

            try (QueryRunner queryRunner = BytestreamQueryRunner.builder(root).build()) {
                List<String> lines = new ArrayList<>();
                measure(queryRunner, lines, "SHOW SCHEMAS", "SHOW SCHEMAS", SCHEMA_COUNT + 1);
                measure(queryRunner, lines, "SHOW TABLES (one schema)", "SHOW TABLES FROM s00", TABLE_COUNT / SCHEMA_COUNT);
                measure(queryRunner, lines, "information_schema.tables", "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema LIKE 's%'", TABLE_COUNT);
                measure(queryRunner, lines, "information_schema.columns", "SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns WHERE table_schema LIKE 's%'", TABLE_COUNT * 2);
                measure(queryRunner, lines, "system.jdbc.columns (JDBC getColumns)", "SELECT table_schem, table_name, column_name FROM system.jdbc.columns WHERE table_cat = 'pond' AND table_schem LIKE 's%'", TABLE_COUNT * 2);
                measure(queryRunner, lines, "DESCRIBE one table", "DESCRIBE s03.t0003", 2);
                measure(queryRunner, lines, "SELECT count(*) one table", "SELECT count(*) FROM s03.t0003", 1);
                System.out.println("Metadata listing over %s record tables in %s schemas (ms; cold = metadata cache flushed first; warm = median of %s)%n%s".formatted(
                        TABLE_COUNT, SCHEMA_COUNT, WARM_RUNS, String.join("\n", lines)));
            }
        }
        finally {
            deleteRecursively(root, ALLOW_INSECURE);
        }
    }

    private static void measure(QueryRunner queryRunner, List<String> lines, String name, String sql, int expectedRows)
    {
        queryRunner.execute("CALL system.flush_metadata_cache()");
        long cold = time(queryRunner, sql, expectedRows);
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < WARM_RUNS; i++) {
            warm.add(time(queryRunner, sql, expectedRows));
        }
        warm.sort(null);
        lines.add("%-40s cold %6d   warm %6d".formatted(name, cold, warm.get(WARM_RUNS / 2)));
    }

    private static long time(QueryRunner queryRunner, String sql, int expectedRows)
    {
        Stopwatch stopwatch = Stopwatch.createStarted();
        int rows = queryRunner.execute(sql).getRowCount();
        long elapsed = stopwatch.elapsed(MILLISECONDS);
        assertThat(rows).as(sql).isEqualTo(expectedRows);
        return elapsed;
    }

    private static void copyFolder(Path source, Path target)
    {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                }
                else {
                    Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
