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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bytestream.arrow.TestingArrowStreams;
import io.bytestream.writer.RecordTableWriter;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.google.common.collect.MoreCollectors.onlyElement;
import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.dataFiles;
import static io.bytestream.trino.TestingPond.record;
import static io.bytestream.trino.delta.TestingDeltaCommits.commitDeletionVector;
import static io.bytestream.trino.delta.TestingDeltaCommits.inline;
import static io.bytestream.trino.delta.TestingDeltaCommits.rewriteTags;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The record statistics the writer puts in the add actions' tags: {@code count(*)} without reading, {@code SHOW STATS},
 * and files skipped on inner-column predicates; every answer checked against the same table without tags.
 */
final class TestBytestreamRecordStatistics
        extends AbstractTestQueryFramework
{
    private static final String LONG_NAME = "m".repeat(40);
    private static final Schema OLD_SCHEMA = new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true))));
    private static final Schema SCHEMA = new Schema(List.of(
            Field.nullable("id", new ArrowType.Int(64, true)),
            Field.nullable("name", ArrowType.Utf8.INSTANCE),
            Field.nullable("score", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))));

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path root;
    // data file of each record below, by "<node>/<version>"
    private final Map<String, Path> files = new HashMap<>();

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = Files.createTempDirectory("bytestream-record-statistics");
        writeTable("tagged");
        rewriteTags(writeTable("untagged"), _ -> null);
        // tags of node B's files only: the row count is estimated from node A's
        rewriteTags(writeTable("half_tagged"), add -> add.get("partitionValues").get("node_id").asText().equals(NODE_A) ? (ObjectNode) add.get("tags") : null);
        rewriteTags(writeTable("bad_counts"), add -> badCounts((ObjectNode) add.get("tags").deepCopy(), add.get("partitionValues").get("node_id").asText()));
        rewriteTags(writeTable("bad_stats"), add -> {
            ObjectNode tags = (ObjectNode) add.get("tags").deepCopy();
            String stats = tags.get("bytestream.innerStats").asText();
            return tags.put("bytestream.innerStats", stats.replaceFirst("\"numRecords\":(\\d+)", "\"numRecords\":1$1"));
        });
        for (String table : List.of("dv_tagged", "dv_untagged")) {
            Path written = writeTable(table);
            if (table.equals("dv_untagged")) {
                rewriteTags(written, _ -> null);
            }
            // the first record of node A's first file: 3 rows
            commitDeletionVector(written, written.relativize(firstFile(written, NODE_A)).toString(), inline(0));
        }
        return BytestreamQueryRunner.builder(root).build();
    }

    @AfterAll
    void deletePond()
            throws IOException
    {
        deleteRecursively(root, ALLOW_INSECURE);
    }

    /**
     * Node A: version 1 holds ids 1-3 (one null name), version 2 ids 10 and NULL with a 40-character name; node B:
     * version 1 is of the older schema (id only, 100 and 200), version 2 holds id 50 with a NaN score. Each version of a
     * node is a data file of its own.
     */
    private Path writeTable(String name)
    {
        Path table = root.resolve("stats").resolve(name);
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        writer.append(List.of(
                record(NODE_A, 1, stream(SCHEMA, List.of(1L, 2L, 3L), Arrays.asList("a", "b", null), List.of(1.0, 2.0, 3.0))),
                record(NODE_B, 1, stream(OLD_SCHEMA, List.of(100L, 200L)))));
        writer.append(List.of(
                record(NODE_A, 2, stream(SCHEMA, Arrays.asList(10L, null), List.of(LONG_NAME, "c"), Arrays.asList(null, -1.5))),
                record(NODE_B, 2, stream(SCHEMA, List.of(50L), List.of("zz"), List.of(Double.NaN)))));
        if (name.equals("tagged")) {
            for (String node : List.of(NODE_A, NODE_B)) {
                List<Path> nodeFiles = dataFiles(table, node);
                assertThat(nodeFiles).hasSize(2);
            }
        }
        return table;
    }

    private static byte[] stream(Schema schema, List<?>... columns)
    {
        return TestingArrowStreams.write(schema, List.of(List.of(columns))).getBytes();
    }

    private static ObjectNode badCounts(ObjectNode tags, String node)
    {
        String counts = tags.get("bytestream.innerRowCounts").asText();
        // node A: a negative count and one count too many; node B: not a number
        return tags.put("bytestream.innerRowCounts", node.equals(NODE_A) ? "-" + counts + ",0" : counts + "x");
    }

    /** The node's data file added by the table's first append (Delta version 1). */
    private static Path firstFile(Path table, String node)
    {
        try {
            for (String line : Files.readAllLines(table.resolve("_delta_log/00000000000000000001.json"))) {
                JsonNode add = JSON.readTree(line).get("add");
                if (add != null && add.get("partitionValues").get("node_id").asText().equals(node)) {
                    return table.resolve(URI.create(add.get("path").asText()).getPath());
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no file of node " + node);
    }

    @Test
    void testCountReadsNoDataFile()
    {
        assertPhysicalInput("SELECT count(*) FROM stats.tagged", 0, 8L);
        assertPhysicalInput("SELECT count(*) FROM stats.untagged", allBytes("untagged"), 8L);
        // the same answer as decoding every row
        assertSameAnswer("SELECT count(*) FROM stats.tagged", "SELECT count(if(id IS NULL, 1, 0)) FROM stats.untagged");
        assertPhysicalInput("SELECT count(*) FROM stats.tagged WHERE \"$node_id\" = '%s'".formatted(NODE_B), 0, 3L);
        assertQuery("SELECT \"$node_id\", count(*) FROM stats.tagged GROUP BY 1", "VALUES ('%s', 5), ('%s', 3)".formatted(NODE_A, NODE_B));
        assertPhysicalInput("SELECT count(*) FROM (SELECT \"$node_id\", \"$path\", count(*) FROM stats.tagged GROUP BY 1, 2)", 0, 4L);
        // an outer column stored in the data file needs the file
        assertQuery("SELECT \"$version\", count(*) FROM stats.tagged GROUP BY 1", "VALUES (1, 5), (2, 3)");
    }

    @Test
    void testCountWithDeletionVector()
    {
        // node A's version 1 record (3 rows) is deleted
        assertPhysicalInput("SELECT count(*) FROM stats.dv_tagged", 0, 5L);
        assertSameAnswer("SELECT \"$node_id\", count(*) FROM stats.dv_tagged GROUP BY 1", "SELECT \"$node_id\", count(*) FROM stats.dv_untagged GROUP BY 1");
        assertSameAnswer("SELECT count(*) FROM stats.dv_tagged", "SELECT count(id) + count_if(id IS NULL) FROM stats.dv_untagged");
    }

    @Test
    void testMalformedOrInconsistentTagsAreIgnored()
    {
        for (String table : List.of("bad_counts", "bad_stats")) {
            assertQuery("SELECT \"$node_id\", count(*) FROM stats.%s GROUP BY 1".formatted(table), "VALUES ('%s', 5), ('%s', 3)".formatted(NODE_A, NODE_B));
            assertQuery("SELECT count(*) FROM stats.%s WHERE id = 150".formatted(table), "VALUES 0");
        }
        assertPhysicalInput("SELECT count(*) FROM stats.bad_counts", allBytes("bad_counts"), 8L);
        // inner statistics whose row count disagrees with the counts: no file is skipped, counting still needs no file
        assertPhysicalInput("SELECT count(*) FROM stats.bad_stats WHERE id = 150", allBytes("bad_stats"), 0L);
        assertPhysicalInput("SELECT count(*) FROM stats.bad_stats", 0, 8L);
    }

    @Test
    void testShowStats()
    {
        Map<String, MaterializedRow> stats = showStats("tagged");
        assertThat(stats.get(null).getField(4)).isEqualTo(8.0);
        assertThat(stats.get("id").getFields().subList(3, 7)).containsExactly(1.0 / 8, null, "1", "200");
        // node B's version 1 file, of the older schema, has no statistics of name and score
        assertThat(stats.get("name").getFields().subList(3, 7)).containsExactly(null, null, null, null);
        assertThat(stats.get("score").getFields().subList(3, 7)).containsExactly(null, null, null, null);

        // every one of the 4 untagged files is sampled (each holds one record): 8 rows in 4 records, 2 a record
        Map<String, MaterializedRow> untagged = showStats("untagged");
        assertThat(untagged.get(null).getField(4)).isEqualTo(8.0);
        assertThat(untagged.get("id").getField(3)).isNull();

        // node A's files are tagged (5 rows); node B's untagged 2 records are sampled: 3 rows, 1.5 a record
        Map<String, MaterializedRow> half = showStats("half_tagged");
        assertThat(half.get(null).getField(4)).isEqualTo(5 + 2 * 1.5);
        assertThat(half.get("id").getField(3)).isNull();

        // node A's version 1 record of 3 rows is deleted: of the file's 1 record, all
        assertThat(showStats("dv_tagged").get(null).getField(4)).isEqualTo(5.0);
    }

    private Map<String, MaterializedRow> showStats(String table)
    {
        Map<String, MaterializedRow> rows = new HashMap<>();
        for (MaterializedRow row : computeActual("SHOW STATS FOR stats." + table).getMaterializedRows()) {
            rows.put((String) row.getField(0), row);
        }
        return rows;
    }

    @Test
    void testInnerPredicatesSkipFiles()
    {
        // [min, max] of id: A1 [1, 3], A2 [10, 10] and a null, B1 [100, 200], B2 [50, 50]
        assertSkipping("id = 150", 0, "B/1");
        assertSkipping("id = 1", 1, "A/1");
        assertSkipping("id = 3", 1, "A/1");
        assertSkipping("id = 200", 1, "B/1");
        assertSkipping("id BETWEEN 4 AND 9", 0);
        assertSkipping("id > 200", 0);
        assertSkipping("id IS NULL", 1, "A/2");
        assertSkipping("id IN (2, 50)", 2, "A/1", "B/2");
        assertSkipping("id IS NULL OR id = 2", 2, "A/1", "A/2");
        // names: A1 [a, b] and a null, A2 [c, the 40-character name], B2 [zz, zz]; B1, of the older schema, has no
        // statistics of the columns it lacks, so it is always read
        assertSkipping("name IS NULL", 3, "A/1", "B/1");
        assertSkipping("name IS NOT NULL", 5, "A/1", "A/2", "B/1", "B/2");
        assertSkipping("name = 'b'", 1, "A/1", "B/1");
        assertSkipping("name = 'a'", 1, "A/1", "B/1");
        assertSkipping("name = 'zz'", 1, "B/1", "B/2");
        assertSkipping("name = '%s'".formatted(LONG_NAME), 1, "A/2", "B/1");
        // longer than the 32 characters kept of the maximum, and above them
        assertSkipping("name > '%s'".formatted("m".repeat(32) + "a"), 2, "A/2", "B/1", "B/2");
        assertSkipping("name > '%s'".formatted("m".repeat(31) + "n"), 1, "B/1", "B/2");
        assertSkipping("name BETWEEN 'd' AND 'l'", 0, "A/2", "B/1");
        // scores: A1 [1, 3], A2 [-1.5] and a null, B2 NaN (no bounds)
        assertSkipping("score > 2.5", 1, "A/1", "B/1", "B/2");
        assertSkipping("score < -2", 0, "B/1", "B/2");
        assertSkipping("is_nan(score)", 1, "A/1", "A/2", "B/2", "B/1");
    }

    /** The query reads just these files of the tagged table, and gives the untagged table's answer, which is {@code count}. */
    private void assertSkipping(String predicate, long count, String... readFiles)
    {
        String query = "SELECT count(*) FROM stats.%s WHERE " + predicate;
        assertSameAnswer(query.formatted("tagged"), query.formatted("untagged"));
        assertQuery(query.formatted("untagged"), "VALUES " + count);
        long expectedBytes = Arrays.stream(readFiles).map(this::file).mapToLong(TestingPond::size).sum();
        assertPhysicalInput(query.formatted("tagged"), expectedBytes, count);
    }

    private void assertSameAnswer(String query, String expected)
    {
        assertThat(computeActual(query).getMaterializedRows()).containsExactlyInAnyOrderElementsOf(computeActual(expected).getMaterializedRows());
    }

    private Path file(String nodeAndVersion)
    {
        return files.computeIfAbsent(nodeAndVersion, key -> {
            String[] parts = key.split("/");
            String node = parts[0].equals("A") ? NODE_A : NODE_B;
            MaterializedResult path = computeActual("SELECT DISTINCT \"$path\" FROM stats.tagged WHERE \"$node_id\" = '%s' AND \"$version\" = %s".formatted(node, parts[1]));
            String fileName = ((String) path.getOnlyValue()).substring(((String) path.getOnlyValue()).lastIndexOf('/') + 1);
            return dataFiles(root.resolve("stats/tagged"), node).stream()
                    .filter(file -> file.getFileName().toString().equals(fileName))
                    .collect(onlyElement());
        });
    }

    private void assertPhysicalInput(String query, long bytes, long count)
    {
        assertQueryStats(
                getSession(),
                query,
                stats -> assertThat(stats.getPhysicalInputDataSize().toBytes()).isEqualTo(bytes),
                result -> assertThat(result.getOnlyValue()).isEqualTo(count));
    }

    private long allBytes(String table)
    {
        return (long) bytes(dataFiles(root.resolve("stats").resolve(table), NODE_A)) + (long) bytes(dataFiles(root.resolve("stats").resolve(table), NODE_B));
    }

    private static double bytes(List<Path> files)
    {
        return files.stream().mapToLong(TestingPond::size).sum();
    }
}
