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
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hidden columns {@code "$file_size"} and {@code "$file_modified_time"}, as Trino's Delta Lake connector has them:
 * the data file's size and modification time from the Delta log's add action. Predicates on them, and on
 * {@code "$path"}, prune whole data files and are enforced by that alone.
 */
final class TestBytestreamFileColumns
        extends AbstractTestQueryFramework
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path root;

    private record AddedFile(long size, long modificationTime) {}

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = closeAfterClass(TemporaryPond.create("bytestream-file-columns")).root();
        TestingPond.writeEntries(root);
        return BytestreamQueryRunner.builder(root).build();
    }

    @Test
    void testTypes()
    {
        assertQuery(
                "SELECT DISTINCT typeof(\"$file_size\"), typeof(\"$file_modified_time\") FROM entries",
                "VALUES ('bigint', 'timestamp(3) with time zone')");
    }

    @Test
    void testValuesAreThoseOfTheLogAndTheFilesOnDisk()
            throws IOException
    {
        Map<String, AddedFile> liveFiles = liveFiles(root.resolve("ops/entries"));
        List<MaterializedRow> rows = computeActual("SELECT DISTINCT \"$path\", \"$file_size\", to_unixtime(\"$file_modified_time\") * 1000 FROM entries").getMaterializedRows();
        // node B's record of version 2 has no inner row: its file shows in no row
        assertThat(rows).hasSize(liveFiles.size() - 1);
        for (MaterializedRow row : rows) {
            String path = (String) row.getField(0);
            AddedFile added = liveFiles.entrySet().stream()
                    .filter(entry -> path.endsWith("/" + entry.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst().orElseThrow();
            assertThat(row.getField(1)).as(path).isEqualTo(added.size()).isEqualTo(Files.size(Path.of(URI.create(path))));
            assertThat(((Double) row.getField(2)).longValue()).as(path).isEqualTo(added.modificationTime()).isPositive();
        }
    }

    @Test
    void testPredicatesPruneFilesAndAreEnforced()
    {
        MaterializedRow file = computeActual("SELECT DISTINCT \"$path\", \"$file_size\", CAST(\"$file_modified_time\" AS varchar) FROM entries WHERE \"$node_id\" = '%s' AND \"$version\" = 2".formatted(TestingPond.NODE_A)).getMaterializedRows().getFirst();
        String path = (String) file.getField(0);
        long size = (long) file.getField(1);
        String modified = (String) file.getField(2);
        long filesOfThatSize = (long) computeScalar("SELECT count(DISTINCT \"$path\") FROM entries WHERE \"$file_size\" + 0 = %s".formatted(size));

        for (String predicate : List.of("\"$file_size\" = %s".formatted(size), "\"$path\" = '%s'".formatted(path), "\"$file_modified_time\" = TIMESTAMP '%s'".formatted(modified))) {
            // no filter left for the engine, and the same rows as when the engine filters
            assertThat(query("SELECT name, \"$path\", \"$file_size\", \"$file_modified_time\" FROM entries WHERE " + predicate)).as(predicate).isFullyPushedDown();
        }
        assertThat(physicalInputBytes("SELECT count(name) FROM entries WHERE \"$file_size\" = %s".formatted(size))).isEqualTo(filesOfThatSize * size);
        assertThat(physicalInputBytes("SELECT count(name) FROM entries WHERE \"$path\" = '%s'".formatted(path))).isEqualTo(size);
        assertThat(physicalInputBytes("SELECT count(name) FROM entries WHERE \"$file_size\" < 0")).isZero();
        assertThat(physicalInputBytes("SELECT count(name) FROM entries WHERE \"$file_modified_time\" < TIMESTAMP '2000-01-01 00:00:00 UTC'")).isZero();
        assertQuery("SELECT count(*) FROM entries WHERE \"$path\" = '%s'".formatted(path), "VALUES 4");
        assertQuery("SELECT count(*) FROM entries WHERE \"$file_modified_time\" > TIMESTAMP '2000-01-01 00:00:00 UTC' AND \"$file_size\" > 0", "VALUES 13");
    }

    private long physicalInputBytes(String query)
    {
        return computeActual(query).getStatementStats().orElseThrow().getPhysicalInputBytes();
    }

    /** The data files of the table's latest version by their path relative to the table, from the JSON commits. */
    private static Map<String, AddedFile> liveFiles(Path table)
            throws IOException
    {
        Map<String, AddedFile> files = new HashMap<>();
        List<Path> commits;
        try (Stream<Path> log = Files.list(table.resolve("_delta_log"))) {
            commits = log.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        for (Path commit : commits) {
            for (String line : Files.readAllLines(commit)) {
                JsonNode action = JSON.readTree(line);
                if (action.has("add")) {
                    JsonNode add = action.get("add");
                    files.put(URI.create(add.get("path").asText()).getPath(), new AddedFile(add.get("size").asLong(), add.get("modificationTime").asLong()));
                }
                if (action.has("remove")) {
                    files.remove(URI.create(action.get("remove").get("path").asText()).getPath());
                }
            }
        }
        return files;
    }
}
