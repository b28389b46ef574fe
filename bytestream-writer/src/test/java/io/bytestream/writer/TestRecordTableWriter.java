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

package io.bytestream.writer;

import io.bytestream.writer.KernelTableReader.StoredRecord;
import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.bytestream.writer.KernelTableReader.activeDataFiles;
import static io.bytestream.writer.KernelTableReader.latestSnapshot;
import static io.bytestream.writer.KernelTableReader.readRecords;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

final class TestRecordTableWriter
{
    private static final String NODE_A = "00000000000004d2";
    private static final String NODE_B = "0000000000000001";
    private static final Instant TIMESTAMP = Instant.parse("2024-03-01T08:00:00.123456Z");

    @TempDir
    Path temp;

    @Test
    void testOpenCreatesRecordTable()
    {
        Path table = temp.resolve("ops/entries");
        RecordTableWriter writer = RecordTableWriter.openLocal(table);

        assertThat(writer.latestVersion()).isZero();
        assertThat(table.resolve("_delta_log/00000000000000000000.json")).isRegularFile();
        Snapshot snapshot = latestSnapshot(table);
        assertThat(snapshot.getSchema()).isEqualTo(RecordTableSchema.SCHEMA);
        assertThat(snapshot.getPartitionColumnNames()).containsExactly("node_id");
        assertThat(readRecords(table)).isEmpty();
    }

    @Test
    void testOpenWithUri()
    {
        Path table = temp.resolve("entries");
        RecordTableWriter writer = RecordTableWriter.open(DefaultEngine.create(new Configuration()), "file://" + table);
        writer.append(List.of(record(NODE_A, 1, "a")));

        assertThat(readRecords(table)).hasSize(1);
    }

    @Test
    void testAppendCommitsOneVersionPerCall()
    {
        Path table = temp.resolve("entries");
        RecordTableWriter writer = RecordTableWriter.openLocal(table);

        assertThat(writer.append(List.of(record(NODE_A, 1, "a1"), record(NODE_B, 1, "b1"), record(NODE_A, 2, "a2")))).isEqualTo(1);
        assertThat(writer.append(List.of(record(NODE_B, 2, "b2")))).isEqualTo(2);
        assertThat(writer.latestVersion()).isEqualTo(2);

        List<StoredRecord> records = readRecords(table);
        assertThat(records).extracting(StoredRecord::nodeId, StoredRecord::version, stored -> new String(stored.content(), UTF_8), StoredRecord::timestamp)
                .containsExactlyInAnyOrder(
                        tuple(NODE_A, 1L, "a1", TIMESTAMP.plusSeconds(1)),
                        tuple(NODE_A, 2L, "a2", TIMESTAMP.plusSeconds(2)),
                        tuple(NODE_B, 1L, "b1", TIMESTAMP.plusSeconds(1)),
                        tuple(NODE_B, 2L, "b2", TIMESTAMP.plusSeconds(2)));
        // one Parquet file per partition and commit, in Hive-style partition directories
        assertThat(activeDataFiles(table)).hasSize(3)
                .allMatch(file -> file.endsWith(".parquet"))
                .filteredOn(file -> file.contains("/node_id=" + NODE_A + "/")).hasSize(1);
        assertThat(records).filteredOn(stored -> stored.nodeId().equals(NODE_A)).extracting(StoredRecord::dataFile).allMatch(file -> file.contains("/node_id=" + NODE_A + "/"));
    }

    @Test
    void testAppendWritesStatistics()
            throws IOException
    {
        Path table = temp.resolve("entries");
        RecordTableWriter.openLocal(table).append(List.of(record(NODE_A, 1, "a1"), record(NODE_A, 7, "a7")));

        String commit = Files.readString(table.resolve("_delta_log/00000000000000000001.json"));
        assertThat(commit)
                .contains("\"add\"")
                .contains("\"partitionValues\":{\"node_id\":\"" + NODE_A + "\"}")
                .contains("\\\"numRecords\\\":2")
                .contains("\\\"minValues\\\":{\\\"timestamp\\\":\\\"2024-03-01T08:00:01.123Z\\\",\\\"version\\\":1}")
                .contains("\\\"maxValues\\\":{\\\"timestamp\\\":\\\"2024-03-01T08:00:07.123Z\\\",\\\"version\\\":7}")
                // no min/max of the binary content: Spark does not collect them, and they would copy records into the log
                .doesNotContain("content");
    }

    @Test
    void testAppendTagsRecordStatistics()
            throws IOException
    {
        Path table = temp.resolve("entries");
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        writer.append(List.of(
                new Record(NODE_A, TIMESTAMP, 1, ArrowStreams.entries(2, 3, 1)),
                new Record(NODE_A, TIMESTAMP, 2, ArrowStreams.entries(1, 4, 2)),
                new Record(NODE_B, TIMESTAMP, 3, "not arrow".getBytes(UTF_8))));

        String commit = Files.readString(table.resolve("_delta_log/00000000000000000001.json"));
        assertThat(commit)
                .contains("\"tags\":{\"bytestream.innerRowCounts\":\"6,4\",\"bytestream.innerStats\":\"{\\\"numRecords\\\":10,")
                .contains("\\\"nullCount\\\":{\\\"name\\\":0,\\\"node_id\\\":0}");
        // the file whose record is not an Arrow stream has no tags
        assertThat(commit.lines().filter(line -> line.contains("\"add\"") && !line.contains("\"tags\""))).hasSize(1);
        assertThat(readRecords(table)).hasSize(3);
        writer.checkpoint();
        assertThat(readRecords(table)).hasSize(3);
    }

    @Test
    void testDataFileLayout()
            throws IOException
    {
        Path table = temp.resolve("entries");
        RecordTableWriter.openLocal(table).append(List.of(record(NODE_A, 1, "a1")));

        // the partition column lives in the path only; the others in the types every Delta reader expects
        MessageType schema = parquetSchema(Path.of(URI.create(activeDataFiles(table).getFirst())));
        assertThat(schema.getFields()).extracting(Type::getName).containsExactly("timestamp", "version", "content");
        assertThat(schema.getType("timestamp").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT64);
        assertThat(schema.getType("timestamp").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
        assertThat(schema.getType("version").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT64);
        assertThat(schema.getType("content").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.BINARY);
        assertThat(schema.getType("content").getLogicalTypeAnnotation()).isNull();
    }

    @Test
    void testTimestampKeepsMicroseconds()
    {
        Path table = temp.resolve("entries");
        Instant timestamp = Instant.parse("2024-03-01T08:00:00.123456789Z");
        RecordTableWriter.openLocal(table).append(List.of(new Record(NODE_A, timestamp, 1, new byte[0])));

        assertThat(readRecords(table)).singleElement()
                .extracting(StoredRecord::timestamp)
                .isEqualTo(Instant.parse("2024-03-01T08:00:00.123456Z"));
    }

    @Test
    void testReopenContinuesTable()
    {
        Path table = temp.resolve("entries");
        RecordTableWriter.openLocal(table).append(List.of(record(NODE_A, 1, "a1")));
        RecordTableWriter reopened = RecordTableWriter.openLocal(table);

        assertThat(reopened.latestVersion()).isEqualTo(1);
        assertThat(reopened.append(List.of(record(NODE_A, 2, "a2")))).isEqualTo(2);
        assertThat(readRecords(table)).hasSize(2);
    }

    @Test
    void testAppendRejectsNoRecords()
    {
        RecordTableWriter writer = RecordTableWriter.openLocal(temp.resolve("entries"));

        assertThatThrownBy(() -> writer.append(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no records to append");
        assertThat(writer.latestVersion()).isZero();
    }

    @Test
    void testRecordRejectsEmptyNodeId()
    {
        assertThatThrownBy(() -> new Record("", TIMESTAMP, 1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nodeId is empty");
    }

    @Test
    void testOpenRejectsOtherTable()
    {
        Path table = temp.resolve("other");
        Engine engine = DefaultEngine.create(new Configuration());
        String tablePath = RecordTableWriter.localTablePath(table);
        Table.forPath(engine, tablePath)
                .createTransactionBuilder(engine, "test", Operation.CREATE_TABLE)
                .withSchema(engine, new StructType().add("x", LongType.LONG))
                .build(engine)
                .commit(engine, CloseableIterable.emptyIterable());

        assertThatThrownBy(() -> RecordTableWriter.openLocal(table))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a record table");
    }

    @Test
    void testCheckpoint()
    {
        Path table = temp.resolve("entries");
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        writer.append(List.of(record(NODE_A, 1, "a1")));
        writer.append(List.of(record(NODE_B, 1, "b1")));
        writer.append(List.of(record(NODE_A, 2, "a2")));

        assertThat(writer.checkpoint()).isEqualTo(3);
        assertThat(writer.checkpoint()).isEqualTo(3);
        assertThat(table.resolve("_delta_log/00000000000000000003.checkpoint.parquet")).isRegularFile();
        assertThat(table.resolve("_delta_log/_last_checkpoint")).content().contains("\"version\":3");

        assertThat(writer.append(List.of(record(NODE_B, 2, "b2")))).isEqualTo(4);
        // a fresh snapshot starts from the checkpoint and replays the commit after it
        Snapshot snapshot = latestSnapshot(table);
        assertThat(snapshot.getVersion()).isEqualTo(4);
        assertThat(readRecords(table)).extracting(stored -> new String(stored.content(), UTF_8))
                .containsExactlyInAnyOrder("a1", "b1", "a2", "b2");
    }

    @Test
    void testCheckpointOnlyTableFromCheckpoint()
            throws IOException
    {
        Path table = temp.resolve("entries");
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        writer.append(List.of(record(NODE_A, 1, "a1"), record(NODE_B, 1, "b1")));
        writer.checkpoint();
        // readers must not need the commits before the checkpoint, like after log cleanup
        Files.delete(table.resolve("_delta_log/00000000000000000000.json"));

        assertThat(readRecords(table)).hasSize(2);
    }

    @Test
    void testRemoveNode()
            throws IOException
    {
        Path table = temp.resolve("entries");
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        writer.append(List.of(record(NODE_A, 1, "a1"), record(NODE_B, 1, "b1")));
        writer.append(List.of(record(NODE_A, 2, "a2"), record(NODE_B, 2, "b2")));
        List<String> filesOfA = activeDataFiles(table).stream().filter(file -> file.contains("/node_id=" + NODE_A + "/")).toList();
        assertThat(filesOfA).hasSize(2);

        assertThat(writer.removeNode(NODE_A)).isEqualTo(3);

        assertThat(readRecords(table)).extracting(StoredRecord::nodeId, StoredRecord::version)
                .containsExactlyInAnyOrder(tuple(NODE_B, 1L), tuple(NODE_B, 2L));
        List<String> removeActions = Files.readAllLines(table.resolve("_delta_log/00000000000000000003.json")).stream()
                .filter(line -> line.startsWith("{\"remove\""))
                .toList();
        assertThat(removeActions).hasSize(2)
                .allSatisfy(action -> assertThat(action)
                        .contains("\"dataChange\":true", "\"deletionTimestamp\":", "\"size\":", "\"partitionValues\":{\"node_id\":\"" + NODE_A + "\"}")
                        .contains("node_id=" + NODE_A + "/"));
        // removed files stay on disk until a vacuum; readers must honour the remove actions
        filesOfA.forEach(file -> assertThat(Path.of(URI.create(file))).isRegularFile());
    }

    @Test
    void testRemoveNodeSurvivesCheckpoint()
    {
        Path table = temp.resolve("entries");
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        writer.append(List.of(record(NODE_A, 1, "a1"), record(NODE_B, 1, "b1")));
        writer.removeNode(NODE_B);
        assertThat(writer.checkpoint()).isEqualTo(2);

        assertThat(readRecords(table)).extracting(StoredRecord::nodeId).containsExactly(NODE_A);
        assertThat(writer.append(List.of(record(NODE_B, 2, "b2")))).isEqualTo(3);
        assertThat(readRecords(table)).extracting(StoredRecord::nodeId, StoredRecord::version)
                .containsExactlyInAnyOrder(tuple(NODE_A, 1L), tuple(NODE_B, 2L));
    }

    @Test
    void testRemoveMissingNodeCommitsNothing()
    {
        RecordTableWriter writer = RecordTableWriter.openLocal(temp.resolve("entries"));
        writer.append(List.of(record(NODE_A, 1, "a1")));

        assertThat(writer.removeNode(NODE_B)).isEqualTo(1);
        assertThat(writer.latestVersion()).isEqualTo(1);
    }

    private static MessageType parquetSchema(Path dataFile)
            throws IOException
    {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(dataFile.toUri()), new Configuration()))) {
            return reader.getFooter().getFileMetaData().getSchema();
        }
    }

    private static Record record(String nodeId, long version, String content)
    {
        return new Record(nodeId, TIMESTAMP.plusSeconds(version), version, content.getBytes(UTF_8));
    }
}
