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

import io.bytestream.trino.TestingRecordLayouts.Column;
import io.bytestream.trino.TestingRecordLayouts.Row;
import io.bytestream.writer.ArrowStreams;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY;
import static org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit.MICROS;

/**
 * A table shaped like duckpond's data table (tlogfs {@code OplogEntry}): its outer columns, partitioned by
 * {@code pond_id} and {@code part_id}; a {@code file_type} column tells what {@code content} holds: Arrow IPC
 * {@code DirectoryEntry} rows for a directory, Parquet bytes for a table, raw bytes for a file, NULL for content
 * stored outside the table.
 */
final class TestingDuckpondTables
{
    static final String DIRECTORY = "dir:physical";
    static final String FILE = "file:physical:version";
    static final String TABLE = "table:physical:version";
    static final String SERIES = "file:physical:series";

    static final String POND = "0192a0c4-5b7e-7d10-9f3a-1c2d3e4f5a60";
    static final String IMPORTED_POND = "0192a0c4-5b7e-7d10-9f3a-abcdefabcdef";
    static final String ROOT = "00000000000000000000000000000000";
    static final String DATA = "0192a0c4-0000-7000-8000-00000000da7a";
    static final String README = "0192a0c4-0000-7000-8000-0000000000f1";
    static final String METRICS = "0192a0c4-0000-7000-8000-0000000000f2";
    static final String BIG = "0192a0c4-0000-7000-8000-0000000000f3";
    static final String IMPORTED_ROOT = "0192a0c4-0000-7000-8000-00000000b001";
    static final String NOTES = "0192a0c4-0000-7000-8000-00000000b002";

    /** The outer columns of {@code OplogEntry}, in its order. */
    static final List<Column> COLUMNS = List.of(
            Column.partition("part_id", "string"),
            Column.outer("node_id", "string"),
            Column.outer("file_type", "string"),
            Column.outer("timestamp", "timestamp"),
            Column.outer("version", "long"),
            Column.outer("content", "binary"),
            Column.outer("blake3", "string"),
            Column.outer("size", "long"),
            Column.outer("min_event_time", "long"),
            Column.outer("max_event_time", "long"),
            Column.outer("min_override", "long"),
            Column.outer("max_override", "long"),
            Column.outer("extended_attributes", "string"),
            Column.outer("factory", "string"),
            Column.outer("format", "string"),
            Column.outer("txn_seq", "long"),
            Column.partition("pond_id", "string"),
            Column.outer("bao_outboard", "binary"),
            Column.outer("collapsed_through", "long"));

    /** As tlogfs creates the table (and refuses another order as a legacy layout). */
    static final List<String> PARTITIONED_BY = List.of("pond_id", "part_id");

    /** tlogfs {@code DirectoryEntry}: the inner rows of a directory record. */
    static final Schema DIRECTORY_ENTRY = new Schema(List.of(
            new Field("name", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("child_node_id", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("entry_type", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("version_last_modified", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("pond_id", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

    private static final Instant FIRST_COMMIT = Instant.parse("2024-09-30T08:00:00Z");

    /** A directory entry of a directory record. */
    record Entry(String name, String childNodeId, String entryType, long versionLastModified, String pondId) {}

    /** A record of the table: where it is, what it is, and the entries it holds if it is a directory. */
    record Record(String pondId, String partId, String nodeId, String fileType, long version, long txnSeq, byte[] content, List<Entry> entries)
    {
        boolean directory()
        {
            return fileType.equals(DIRECTORY);
        }
    }

    private TestingDuckpondTables() {}

    /**
     * A pond: its root directory in two versions, a file of raw bytes, a table of Parquet bytes and a directory
     * {@code data} holding a series stored outside (NULL content); and the root of a pond imported from another,
     * holding one raw file.
     */
    static List<Record> records(Path scratch)
    {
        Entry data = new Entry("data", DATA, DIRECTORY, 1, null);
        Entry readme = new Entry("README.md", README, FILE, 1, null);
        Entry metrics = new Entry("metrics.parquet", METRICS, TABLE, 2, null);
        Entry big = new Entry("big.series", BIG, SERIES, 1, null);
        Entry notes = new Entry("notes.txt", NOTES, FILE, 1, IMPORTED_POND);
        return List.of(
                directory(POND, ROOT, ROOT, 1, 1, List.of(data, readme)),
                file(POND, ROOT, README, FILE, 1, 1, "# A pond\n".getBytes(UTF_8)),
                directory(POND, DATA, DATA, 1, 1, List.of(big)),
                file(POND, DATA, BIG, SERIES, 1, 1, null),
                directory(POND, ROOT, ROOT, 2, 2, List.of(data, readme, metrics)),
                file(POND, ROOT, METRICS, TABLE, 1, 2, parquetBytes(scratch.resolve("metrics.parquet"))),
                directory(IMPORTED_POND, IMPORTED_ROOT, IMPORTED_ROOT, 1, 3, List.of(notes)),
                file(IMPORTED_POND, IMPORTED_ROOT, NOTES, FILE, 1, 3, "imported notes\n".getBytes(UTF_8)));
    }

    /** Writes the records as version 0 of a new table: one data file per ({@code pond_id}, {@code part_id}). */
    static void write(Path table, List<Record> records)
            throws IOException
    {
        TestingRecordLayouts.write(table, COLUMNS, PARTITIONED_BY, records.stream().map(TestingDuckpondTables::row).toList());
    }

    private static Record directory(String pondId, String partId, String nodeId, long version, long txnSeq, List<Entry> entries)
    {
        return new Record(pondId, partId, nodeId, DIRECTORY, version, txnSeq, directoryEntries(entries), entries);
    }

    private static Record file(String pondId, String partId, String nodeId, String fileType, long version, long txnSeq, byte[] content)
    {
        return new Record(pondId, partId, nodeId, fileType, version, txnSeq, content, List.of());
    }

    private static Row row(Record record)
    {
        Map<String, Object> values = new HashMap<>();
        values.put("part_id", record.partId());
        values.put("node_id", record.nodeId());
        values.put("file_type", record.fileType());
        values.put("timestamp", FIRST_COMMIT.plusSeconds(60 * record.txnSeq()));
        values.put("version", record.version());
        if (record.content() != null) {
            values.put("content", record.content());
        }
        values.put("format", record.directory() ? "fulldir" : "inline");
        values.put("txn_seq", record.txnSeq());
        values.put("pond_id", record.pondId());
        if (!record.directory()) {
            // files have a size and a hash; a series stored outside the table has its bao outboard here
            values.put("size", record.content() == null ? 1L << 24 : (long) record.content().length);
            values.put("blake3", "%064x".formatted(record.nodeId().hashCode()));
        }
        if (record.fileType().equals(SERIES)) {
            values.put("min_event_time", FIRST_COMMIT.toEpochMilli());
            values.put("max_event_time", FIRST_COMMIT.plusSeconds(3600).toEpochMilli());
            values.put("extended_attributes", "{\"duckpond.timestamp_column\":\"timestamp\"}");
            values.put("bao_outboard", new byte[64]);
        }
        return new Row(values);
    }

    private static byte[] directoryEntries(List<Entry> entries)
    {
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(DIRECTORY_ENTRY, allocator)) {
            root.allocateNew();
            for (int row = 0; row < entries.size(); row++) {
                Entry entry = entries.get(row);
                ((VarCharVector) root.getVector("name")).setSafe(row, entry.name().getBytes(UTF_8));
                ((VarCharVector) root.getVector("child_node_id")).setSafe(row, entry.childNodeId().getBytes(UTF_8));
                ((VarCharVector) root.getVector("entry_type")).setSafe(row, entry.entryType().getBytes(UTF_8));
                ((BigIntVector) root.getVector("version_last_modified")).setSafe(row, entry.versionLastModified());
                if (entry.pondId() == null) {
                    ((VarCharVector) root.getVector("pond_id")).setNull(row);
                }
                else {
                    ((VarCharVector) root.getVector("pond_id")).setSafe(row, entry.pondId().getBytes(UTF_8));
                }
            }
            root.setRowCount(entries.size());
            return ArrowStreams.write(DIRECTORY_ENTRY, List.of(root));
        }
    }

    /** A small Parquet file, as a table node's version holds one: (timestamp, value) rows. */
    private static byte[] parquetBytes(Path path)
    {
        MessageType schema = Types.buildMessage()
                .required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true, MICROS)).named("timestamp")
                .required(PrimitiveTypeName.DOUBLE).named("value")
                .named("schema");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(path))
                .withType(schema)
                .withConf(new Configuration(false))
                .withCompressionCodec(SNAPPY)
                .build()) {
            for (int row = 0; row < 3; row++) {
                writer.write(groups.newGroup().append("timestamp", FIRST_COMMIT.toEpochMilli() * 1000 + row).append("value", row * 1.5));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return Files.readAllBytes(path);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory entries of these records as SQL rows ({@code "$node_id"}, {@code "$version"}, name, child_node_id, entry_type). */
    static String entryRows(List<Record> records)
    {
        List<String> rows = new ArrayList<>();
        for (Record record : records) {
            for (Entry entry : record.entries()) {
                rows.add("('%s', %s, '%s', '%s', '%s')".formatted(record.nodeId(), record.version(), entry.name(), entry.childNodeId(), entry.entryType()));
            }
        }
        return "VALUES " + String.join(", ", rows);
    }
}
