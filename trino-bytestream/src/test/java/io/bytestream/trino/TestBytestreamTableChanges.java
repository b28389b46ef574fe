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
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bytestream.arrow.TestingArrowStreams;
import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.Record;
import io.bytestream.writer.RecordTableWriter;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.NODE_C;
import static io.bytestream.trino.TestingPond.dataFiles;
import static io.bytestream.trino.TestingPond.record;
import static io.bytestream.trino.delta.TestingDeltaCommits.commitDeletionVector;
import static io.bytestream.trino.delta.TestingDeltaCommits.inline;
import static io.bytestream.trino.delta.TestingDeltaCommits.writeCommit;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_MISSING_DATA_FILE;
import static io.trino.spi.StandardErrorCode.INVALID_FUNCTION_ARGUMENT;
import static io.trino.spi.StandardErrorCode.NOT_FOUND;
import static io.trino.testing.assertions.TrinoExceptionAssert.assertTrinoExceptionThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code table_changes}: the inner rows of the records each commit after a version added and removed, as the
 * commits' add and remove actions say, including removes of whole files and deletion vectors deleting some records.
 */
final class TestBytestreamTableChanges
        extends AbstractTestQueryFramework
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long IN_COMMIT_TIMESTAMP = Instant.parse("2025-03-04T05:06:07.089Z").toEpochMilli();

    private Path root;
    private Path log;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = closeAfterClass(TemporaryPond.create("bytestream-changes")).root();
        log = writeLog();
        writeInCommitTimestamp();
        writeColumnMapped();
        return BytestreamQueryRunner.builder(root).build();
    }

    /**
     * {@code changes.log}: v0 created; v1 node A's records 1 (2 entries) and 2 (3) in one file, node B's record 1 (1);
     * v2 node A's record 3 (2); v3 node B removed, then a checkpoint; v4 node C's record 1 (2 entries) under a new Arrow
     * schema with a column {@code extra}, which the table then has; v5 node C's record 2 (1 entry); v6 a deletion vector
     * deletes record 1 of node A's first file; v7 another deletes its record 2 too.
     */
    private Path writeLog()
    {
        Path table = root.resolve("changes/log");
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        writer.append(List.of(record(NODE_A, 1, ArrowStreams.entries(1, 2, 11)), record(NODE_A, 2, ArrowStreams.entries(1, 3, 12)), record(NODE_B, 1, ArrowStreams.entries(1, 1, 21))));
        String firstFileOfA = table.relativize(dataFiles(table, NODE_A).getFirst()).toString();
        writer.append(List.of(record(NODE_A, 3, ArrowStreams.entries(1, 2, 13))));
        writer.removeNode(NODE_B);
        writer.checkpoint();
        Schema extended = new Schema(List.of(
                new Field("name", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                new Field("node_id", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                new Field("extra", FieldType.nullable(new ArrowType.Int(32, true)), null)));
        byte[] withExtra = TestingArrowStreams.write(extended, List.of(List.of(List.of("c-0", "c-1"), List.of("n-0", "n-1"), List.of(7, 8)))).getBytes();
        writer.append(List.of(record(NODE_C, 1, withExtra)));
        writer.append(List.of(record(NODE_C, 2, TestingArrowStreams.write(extended, List.of(List.of(List.of("d-0"), List.of("m-0"), List.of(9)))).getBytes())));
        // kernel's writer cannot commit after these hand-written commits: they come last
        commitDeletionVector(table, firstFileOfA, inline(0));
        commitDeletionVector(table, firstFileOfA, inline(0, 1));
        return table;
    }

    /** {@code changes.ict}: v1 nodes A and B; v2, committed by hand with an in-commit timestamp, removes node B. */
    private void writeInCommitTimestamp()
            throws IOException
    {
        Path table = root.resolve("changes/ict");
        writeNodesAAndB(table, 41);
        Path file = dataFiles(table, NODE_B).getFirst();
        ObjectNode commitInfo = JSON.createObjectNode();
        // as Spark writes it: the commit's own clock in timestamp, which readers ignore where an in-commit timestamp is present
        commitInfo.putObject("commitInfo").put("inCommitTimestamp", IN_COMMIT_TIMESTAMP).put("timestamp", IN_COMMIT_TIMESTAMP + 5_000).put("operation", "DELETE");
        ObjectNode remove = JSON.createObjectNode();
        remove.putObject("remove")
                .put("path", table.relativize(file).toString())
                .put("deletionTimestamp", IN_COMMIT_TIMESTAMP)
                .put("dataChange", true)
                .put("size", Files.size(file));
        writeCommit(table, 2, List.of(commitInfo, remove));
    }

    /**
     * {@code changes.mapped}: column mapping by field id, as Spark writes it; v0 nodes A and B's records 1 to 3 (10 + v
     * entries each), one file a node; v1 a deletion vector deletes node A's record 2.
     */
    private void writeColumnMapped()
            throws IOException
    {
        Path table = root.resolve("changes/mapped");
        List<Record> records = Stream.of(1L, 2L, 3L)
                .flatMap(version -> Stream.of(NODE_A, NODE_B).map(node -> record(node, version, ArrowStreams.entries(1, 10 + version.intValue(), version))))
                .toList();
        TestingColumnMappedTables.write(table, records, TestingColumnMappedTables.Mode.ID);
        try (Stream<Path> files = Files.walk(table)) {
            Path nodeAFile = files.filter(file -> file.getParent().getFileName().toString().equals(TestingColumnMappedTables.NODE_ID_PHYSICAL + "=" + NODE_A)).findFirst().orElseThrow();
            commitDeletionVector(table, table.relativize(nodeAFile).toString(), inline(1));
        }
    }

    @Test
    void testEveryCommit()
    {
        // since_version is optional: every commit from version 0 on
        assertQuery("SELECT name, node_id, extra, _change_type, _commit_version FROM TABLE(system.table_changes(schema_name => 'changes', table_name => 'log'))",
                "VALUES " + String.join(", ",
                        entries(11, 2, "insert", 1), entries(12, 3, "insert", 1), entries(21, 1, "insert", 1),
                        entries(13, 2, "insert", 2),
                        entries(21, 1, "delete", 3),
                        "('c-0', 'n-0', 7, 'insert', 4), ('c-1', 'n-1', 8, 'insert', 4)",
                        "('d-0', 'm-0', 9, 'insert', 5)",
                        // each deletion vector deletes only the rows of the record it newly deletes
                        entries(11, 2, "delete", 6),
                        entries(12, 3, "delete", 7)));
    }

    @Test
    void testSinceVersion()
    {
        assertQuery("SELECT name, _change_type, _commit_version FROM TABLE(system.table_changes('changes', 'log', 3))",
                "VALUES ('c-0', 'insert', 4), ('c-1', 'insert', 4), ('d-0', 'insert', 5), " +
                        "('entry-11-0', 'delete', 6), ('entry-11-1', 'delete', 6), ('entry-12-0', 'delete', 7), ('entry-12-1', 'delete', 7), ('entry-12-2', 'delete', 7)");
        // inserts only, across commits
        assertQuery("SELECT _commit_version, count(*) FROM TABLE(system.table_changes('changes', 'log', 0)) WHERE _change_type = 'insert' GROUP BY 1",
                "VALUES (1, 6), (2, 2), (4, 2), (5, 1)");
        // only the columns asked for, and rows counted without decoding them
        assertQuery("SELECT count(*) FROM TABLE(system.table_changes('changes', 'log', 0))", "VALUES 17");
        assertQuery("SELECT _change_type, count(*) FROM TABLE(system.table_changes('changes', 'log', 0)) GROUP BY 1", "VALUES ('insert', 11), ('delete', 6)");
    }

    @Test
    void testColumnMappedTable()
    {
        // columns found by field id in compressed pages; the log keys partition values by physical name
        assertQuery("SELECT _commit_version, _change_type, count(*), count(DISTINCT name) FROM TABLE(system.table_changes('changes', 'mapped')) GROUP BY 1, 2",
                "VALUES (0, 'insert', 72, 36), (1, 'delete', 12, 12)");
        assertQuery("SELECT DISTINCT name FROM TABLE(system.table_changes('changes', 'mapped', 0))", "SELECT 'entry-2-' || CAST(x AS VARCHAR) FROM (VALUES 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11) t(x)");
    }

    @Test
    void testSinceLatestVersionIsEmpty()
    {
        assertQueryReturnsEmptyResult("SELECT * FROM TABLE(system.table_changes('changes', 'log', 7))");
    }

    @Test
    void testColumns()
    {
        MaterializedResult result = computeActual("SELECT * FROM TABLE(system.table_changes('changes', 'log', 3))");
        assertThat(result.getColumnNames()).containsExactly("name", "node_id", "extra", "_change_type", "_commit_version", "_commit_timestamp");
        assertThat(result.getTypes().stream().map(Object::toString).toList())
                .containsExactly("varchar", "varchar", "integer", "varchar", "bigint", "timestamp(3) with time zone");
    }

    @Test
    void testCommitTimestamp()
            throws IOException
    {
        // without in-commit timestamps, the commit file's modification time
        for (long version = 1; version <= 7; version++) {
            Instant modified = Files.getLastModifiedTime(log.resolve("_delta_log/%020d.json".formatted(version))).toInstant();
            MaterializedResult timestamps = computeActual("SELECT DISTINCT _commit_timestamp FROM TABLE(system.table_changes('changes', 'log', %s))".formatted(version - 1) +
                    " WHERE _commit_version = %s".formatted(version));
            assertThat(timestamps.getOnlyColumnAsSet()).extracting(value -> ((ZonedDateTime) value).toInstant()).containsExactly(Instant.ofEpochMilli(modified.toEpochMilli()));
        }
        // the commit's in-commit timestamp where it has one
        MaterializedResult deleted = computeActual("SELECT name, _change_type, _commit_version, _commit_timestamp FROM TABLE(system.table_changes('changes', 'ict', 1))");
        assertThat(deleted.getMaterializedRows()).hasSize(1);
        MaterializedRow row = deleted.getMaterializedRows().getFirst();
        assertThat(row.getFields().subList(0, 3)).containsExactly("entry-42-0", "delete", 2L);
        assertThat(((ZonedDateTime) row.getField(3)).toInstant()).isEqualTo(Instant.ofEpochMilli(IN_COMMIT_TIMESTAMP));
    }

    @Test
    void testJoinWithTheTableReadsOneVersion()
    {
        // the table's pinned version bounds the changes: rows inserted and still live are in the table itself
        assertQuery("SELECT c.name FROM TABLE(system.table_changes('changes', 'log', 0)) c JOIN changes.log t ON c.name = t.name WHERE c._change_type = 'insert'",
                "VALUES 'entry-13-0', 'entry-13-1', 'c-0', 'c-1', 'd-0'");
    }

    @Test
    void testErrors()
    {
        assertTrinoExceptionThrownBy(() -> computeActual("SELECT * FROM TABLE(system.table_changes('changes', 'log', -1))"))
                .hasErrorCode(INVALID_FUNCTION_ARGUMENT)
                .hasMessage("Invalid value of since_version: -1. It must not be negative.");
        assertTrinoExceptionThrownBy(() -> computeActual("SELECT * FROM TABLE(system.table_changes('changes', 'log', 8))"))
                .hasErrorCode(INVALID_FUNCTION_ARGUMENT)
                .hasMessage("since_version: 8 is higher than current table version: 7");
        assertTrinoExceptionThrownBy(() -> computeActual("SELECT * FROM TABLE(system.table_changes('changes', 'nope'))"))
                .hasErrorCode(NOT_FOUND)
                .hasMessage("Table 'changes.nope' not found");
        assertTrinoExceptionThrownBy(() -> computeActual("SELECT * FROM TABLE(system.table_changes('nope', 'log'))"))
                .hasErrorCode(NOT_FOUND)
                .hasMessage("Table 'nope.log' not found");
        assertTrinoExceptionThrownBy(() -> computeActual("SELECT * FROM TABLE(system.table_changes(NULL, 'log'))"))
                .hasErrorCode(INVALID_FUNCTION_ARGUMENT)
                .hasMessage("schema_name cannot be null");
        assertTrinoExceptionThrownBy(() -> computeActual("SELECT * FROM TABLE(system.table_changes('changes', NULL))"))
                .hasErrorCode(INVALID_FUNCTION_ARGUMENT)
                .hasMessage("table_name value for function table_changes() cannot be null");
        assertTrinoExceptionThrownBy(() -> computeActual("SELECT * FROM TABLE(system.table_changes('changes', ''))"))
                .hasErrorCode(INVALID_FUNCTION_ARGUMENT)
                .hasMessage("schema_name and table_name cannot be empty");
        // metadata tables are not tables whose changes can be read
        assertTrinoExceptionThrownBy(() -> computeActual("SELECT * FROM TABLE(system.table_changes('changes', 'log$history'))"))
                .hasErrorCode(NOT_FOUND);
    }

    @Test
    void testDeletionVectorRestoringRecords()
    {
        // v1 node A's records 1 (2 entries) and 2 (1) in one file; v2 a deletion vector deletes both; v3 one that deletes record 2 only
        Path table = root.resolve("changes/restored");
        RecordTableWriter.openLocal(table).append(List.of(record(NODE_A, 1, ArrowStreams.entries(1, 2, 71)), record(NODE_A, 2, ArrowStreams.entries(1, 1, 72))));
        String file = table.relativize(dataFiles(table, NODE_A).getFirst()).toString();
        commitDeletionVector(table, file, inline(0, 1));
        commitDeletionVector(table, file, inline(1));

        assertQuery("SELECT name, _change_type, _commit_version FROM TABLE(system.table_changes('changes', 'restored', 1))",
                "VALUES ('entry-71-0', 'delete', 2), ('entry-71-1', 'delete', 2), ('entry-72-0', 'delete', 2), ('entry-71-0', 'insert', 3), ('entry-71-1', 'insert', 3)");
        assertQuery("SELECT name FROM changes.restored", "VALUES 'entry-71-0', 'entry-71-1'");
    }

    @Test
    void testCompactionChangesNoRow()
            throws IOException
    {
        // v1 nodes A and B; v2 node B's file rewritten under another name without a data change, as OPTIMIZE does; v3 node A's record 2
        Path table = root.resolve("changes/compacted");
        RecordTableWriter writer = writeNodesAAndB(table, 81);
        Path file = dataFiles(table, NODE_B).getFirst();
        Path rewritten = file.resolveSibling("compacted-" + file.getFileName());
        Files.copy(file, rewritten);
        ObjectNode add = null;
        for (String line : Files.readAllLines(table.resolve("_delta_log/%020d.json".formatted(1)))) {
            ObjectNode action = (ObjectNode) JSON.readTree(line);
            if (action.has("add") && action.get("add").get("path").asText().equals(table.relativize(file).toString())) {
                add = action;
            }
        }
        assertThat(add).isNotNull();
        ObjectNode remove = JSON.createObjectNode();
        remove.putObject("remove").put("path", table.relativize(file).toString()).put("dataChange", false).put("size", Files.size(file));
        ((ObjectNode) add.get("add")).put("path", table.relativize(rewritten).toString()).put("dataChange", false);
        writeCommit(table, 2, List.of(remove, add));
        writer.append(List.of(record(NODE_A, 2, ArrowStreams.entries(1, 1, 83))));

        assertQuery("SELECT name, _change_type, _commit_version FROM TABLE(system.table_changes('changes', 'compacted', 1))", "VALUES ('entry-83-0', 'insert', 3)");
        assertQuery("SELECT name FROM changes.compacted", "VALUES 'entry-81-0', 'entry-81-1', 'entry-82-0', 'entry-83-0'");
    }

    @Test
    void testRemovedFileDeletedByVacuum()
            throws IOException
    {
        // v1 nodes A and B; v2 node B removed; v3 node A's record 2; then node B's file deleted from storage
        Path table = root.resolve("changes/vacuumed");
        RecordTableWriter writer = writeNodesAAndB(table, 51);
        Path removed = dataFiles(table, NODE_B).getFirst();
        writer.removeNode(NODE_B);
        writer.append(List.of(record(NODE_A, 2, ArrowStreams.entries(1, 1, 53))));
        Files.delete(removed);

        assertTrinoExceptionThrownBy(() -> computeActual("SELECT * FROM TABLE(system.table_changes('changes', 'vacuumed', 0))"))
                .hasErrorCode(BYTESTREAM_MISSING_DATA_FILE)
                .hasMessageContaining("Table changes.vacuumed: data file " + removed.toUri())
                .hasMessageContaining("no longer exists (VACUUM deletes removed files): read the changes since version 2 or later");
        assertQuery("SELECT name, _change_type, _commit_version FROM TABLE(system.table_changes('changes', 'vacuumed', 2))", "VALUES ('entry-53-0', 'insert', 3)");
    }

    @Test
    void testCommitsDeletedByLogCleanup()
            throws IOException
    {
        // v1, v2 and v3 appended, a checkpoint at v3, then v4; log cleanup deletes the commits before v3
        Path table = root.resolve("changes/cleaned");
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        for (int version = 1; version <= 3; version++) {
            writer.append(List.of(record(NODE_A, version, ArrowStreams.entries(1, 1, 60 + version))));
        }
        writer.checkpoint();
        writer.append(List.of(record(NODE_A, 4, ArrowStreams.entries(1, 1, 64))));
        for (int version = 0; version < 3; version++) {
            Files.delete(table.resolve("_delta_log/%020d.json".formatted(version)));
        }

        assertTrinoExceptionThrownBy(() -> computeActual("SELECT * FROM TABLE(system.table_changes('changes', 'cleaned', 0))"))
                .hasErrorCode(INVALID_FUNCTION_ARGUMENT)
                .hasMessage("Table changes.cleaned: the Delta log no longer holds the commit of version 1 (log cleanup deleted it): " +
                        "its oldest commit after version 0 is version 3, so since_version must be 2 or later");
        assertQuery("SELECT name, _commit_version FROM TABLE(system.table_changes('changes', 'cleaned', 2))", "VALUES ('entry-63-0', 3), ('entry-64-0', 4)");
    }

    /** A new table whose version 1 holds node A's record 1 (2 entries of {@code seed}) and node B's (1 entry of {@code seed + 1}). */
    private static RecordTableWriter writeNodesAAndB(Path table, long seed)
    {
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        writer.append(List.of(record(NODE_A, 1, ArrowStreams.entries(1, 2, seed)), record(NODE_B, 1, ArrowStreams.entries(1, 1, seed + 1))));
        return writer;
    }

    /** Rows of {@code count} entries of a record written with {@code seed}, as SQL values with the change and version. */
    private static String entries(long seed, int count, String changeType, long version)
    {
        return IntStream.range(0, count)
                .mapToObj(row -> "('%s', '%s', NULL, '%s', %s)".formatted(ArrowStreams.entryName(seed, row), ArrowStreams.entryNodeId(seed, row), changeType, version))
                .collect(Collectors.joining(", "));
    }
}
