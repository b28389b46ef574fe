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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bytestream.writer.RecordTableWriter;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.NODE_C;
import static io.bytestream.trino.TestingPond.dataFiles;
import static io.bytestream.trino.delta.TestingDeltaCommits.commitDeletionVector;
import static io.bytestream.trino.delta.TestingDeltaCommits.inline;
import static io.bytestream.trino.delta.TestingDeltaCommits.metadataAction;
import static io.bytestream.trino.delta.TestingDeltaCommits.writeCommit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code "<table>$partitions"} on tables written by the project's writer (with a checkpoint, a removed node, a
 * deletion vector) and on hand-written logs with no, and with two, partition columns.
 */
final class TestBytestreamPartitionsTable
        extends AbstractTestQueryFramework
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = schemaString();

    private Path root;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = closeAfterClass(TemporaryPond.create("bytestream-partitions")).root();
        TestingPond.writeEntries(root);
        Path deleted = root.resolve("ops/deleted");
        TestingPond.writeEntries(RecordTableWriter.openLocal(deleted));
        // node A's version 1 record: the only record of its file
        commitDeletionVector(deleted, deleted.relativize(dataFiles(deleted, NODE_A).getFirst()).toString(), inline(0));
        writeTwoPartitionColumns(root.resolve("hand/two"));
        writeUnpartitioned(root.resolve("hand/flat"));
        return BytestreamQueryRunner.builder(root).build();
    }

    @Test
    void testOnePartitionColumnWithCheckpointAndRemovedNode()
    {
        assertThat(columnNames("ops.\"entries$partitions\"")).containsExactly("partition", "file_count", "total_size", "record_count");
        assertThat(computeScalar("SELECT typeof(\"partition\") FROM ops.\"entries$partitions\" LIMIT 1")).isEqualTo("row(node_id varchar)");
        // node C's only record was removed at version 4, after the checkpoint
        Path table = root.resolve("ops/entries");
        assertQuery(
                "SELECT \"partition\".node_id, file_count, total_size, record_count FROM ops.\"entries$partitions\"",
                "VALUES ('%s', 3, %s, 3), ('%s', 2, %s, 2)".formatted(NODE_A, bytes(dataFiles(table, NODE_A)), NODE_B, bytes(dataFiles(table, NODE_B))));
        assertThat(dataFiles(table, NODE_C)).hasSize(1);
        assertThat(root.resolve("ops/entries/_delta_log/00000000000000000003.checkpoint.parquet")).exists();
    }

    @Test
    void testDeletionVectorLeavesTheFileAndTakesTheRecord()
    {
        Path table = root.resolve("ops/deleted");
        assertQuery(
                "SELECT \"partition\".node_id, file_count, total_size, record_count FROM ops.\"deleted$partitions\"",
                "VALUES ('%s', 3, %s, 2), ('%s', 2, %s, 2)".formatted(NODE_A, bytes(dataFiles(table, NODE_A)), NODE_B, bytes(dataFiles(table, NODE_B))));
        assertQuery("SELECT count(DISTINCT \"$version\") FROM ops.deleted WHERE \"$node_id\" = '%s'".formatted(NODE_A), "VALUES 2");
    }

    @Test
    void testTwoPartitionColumns()
    {
        assertThat(computeScalar("SELECT typeof(\"partition\") FROM hand.\"two$partitions\" LIMIT 1")).isEqualTo("row(node_id varchar, day date)");
        // the file without statistics leaves its partition's record count unknown; the removed file is not counted
        assertQuery(
                "SELECT \"partition\".node_id, \"partition\".day, file_count, total_size, record_count FROM hand.\"two$partitions\"",
                "VALUES ('%s', DATE '2024-05-01', 1, 100, 3), ('%s', DATE '2024-05-02', 2, 120, 5), ('%s', NULL, 2, 30, NULL)".formatted(NODE_A, NODE_A, NODE_B));
        assertQuery(
                "SELECT count(*) FROM hand.\"two$partitions\" WHERE \"partition\".day IS NULL",
                "VALUES 1");
    }

    @Test
    void testUnpartitionedTableHasNoRows()
    {
        assertThat(columnNames("hand.\"flat$partitions\"")).containsExactly("file_count", "total_size", "record_count");
        assertQuery("SELECT count(*) FROM hand.\"flat$partitions\"", "VALUES 0");
    }

    @Test
    void testMissingTable()
    {
        assertQueryFails("SELECT * FROM ops.\"nothing$partitions\"", ".*Table 'pond.ops.\"nothing\\$partitions\"' does not exist");
    }

    /**
     * Version 0: node A's files a1 (2024-05-01, 100 bytes, 3 records), a2 (2024-05-01, 50 bytes, 2 records), a3 and a4
     * (2024-05-02, 70 and 50 bytes, 1 and 4 records); node B's b1 (NULL day, 20 bytes, no statistics) and b2 (NULL
     * day, 10 bytes, 6 records). Version 1 removes a2.
     */
    private static void writeTwoPartitionColumns(Path table)
            throws IOException
    {
        List<ObjectNode> actions = new ArrayList<>(header(List.of("node_id", "day")));
        actions.add(add("a1", NODE_A, "2024-05-01", 100, 3L));
        actions.add(add("a2", NODE_A, "2024-05-01", 50, 2L));
        actions.add(add("a3", NODE_A, "2024-05-02", 70, 1L));
        actions.add(add("a4", NODE_A, "2024-05-02", 50, 4L));
        actions.add(add("b1", NODE_B, null, 20, null));
        actions.add(add("b2", NODE_B, null, 10, 6L));
        writeCommit(table, 0, actions);
        ObjectNode remove = JSON.createObjectNode();
        remove.putObject("remove").put("path", "a2.parquet").put("deletionTimestamp", 1714557700000L).put("dataChange", true);
        writeCommit(table, 1, List.of(remove));
    }

    private static void writeUnpartitioned(Path table)
            throws IOException
    {
        List<ObjectNode> actions = new ArrayList<>(header(List.of()));
        actions.add(add("f1", null, null, 100, 3L));
        writeCommit(table, 0, actions);
    }

    private static List<ObjectNode> header(List<String> partitionColumns)
    {
        ObjectNode protocol = JSON.createObjectNode();
        protocol.putObject("protocol").put("minReaderVersion", 1).put("minWriterVersion", 2);
        return List.of(protocol, metadataAction(SCHEMA, partitionColumns, Map.of()));
    }

    /** An add action of a data file that need not exist: {@code $partitions} reads the log alone. */
    private static ObjectNode add(String name, String nodeId, String day, long size, Long numRecords)
    {
        ObjectNode action = JSON.createObjectNode();
        ObjectNode add = action.putObject("add")
                .put("path", name + ".parquet")
                .put("size", size)
                .put("modificationTime", 1714557600000L)
                .put("dataChange", true);
        ObjectNode partitionValues = add.putObject("partitionValues");
        if (nodeId != null) {
            partitionValues.put("node_id", nodeId);
            partitionValues.put("day", day);
        }
        if (numRecords != null) {
            add.put("stats", JSON.createObjectNode().put("numRecords", numRecords).toString());
        }
        return action;
    }

    private static String schemaString()
    {
        ObjectNode schema = JSON.createObjectNode().put("type", "struct");
        ArrayNode fields = schema.putArray("fields");
        for (String[] field : List.of(new String[] {"node_id", "string"}, new String[] {"day", "date"}, new String[] {"timestamp", "timestamp"}, new String[] {"version", "long"}, new String[] {"content", "binary"})) {
            fields.addObject().put("name", field[0]).put("type", field[1]).put("nullable", true).putObject("metadata");
        }
        return schema.toString();
    }

    private List<Object> columnNames(String table)
    {
        return computeActual("DESCRIBE " + table).getMaterializedRows().stream().map(row -> row.getField(0)).toList();
    }

    private static long bytes(List<Path> files)
    {
        return files.stream().mapToLong(TestingPond::size).sum();
    }
}
