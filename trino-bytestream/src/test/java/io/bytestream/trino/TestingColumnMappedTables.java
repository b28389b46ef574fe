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
import io.bytestream.writer.Record;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.bytestream.trino.delta.TestingDeltaCommits.metadataAction;
import static io.bytestream.trino.delta.TestingDeltaCommits.writeCommit;
import static java.util.Locale.ENGLISH;
import static org.apache.parquet.column.ParquetProperties.WriterVersion.PARQUET_1_0;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.ZSTD;
import static org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit.MICROS;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

/**
 * Record tables with Delta column mapping, written exactly as the protocol and Spark lay them out (compressed pages,
 * several records a file):
 * data files, partition values and statistics use each column's physical name, the schema maps logical names to them.
 * delta-kernel 4.4 cannot write such tables, and the project's writer uses it.
 */
final class TestingColumnMappedTables
{
    static final String NODE_ID_PHYSICAL = "col-8b0e6c3a-node";
    static final String TIMESTAMP_PHYSICAL = "col-2f61b4de-ts";
    static final String VERSION_PHYSICAL = "col-c7d59a10-ver";
    static final String CONTENT_PHYSICAL = "col-51e0f7b2-content";

    private static final ObjectMapper JSON = new ObjectMapper();
    // under mode name the file names columns by physical name; under mode id only the field ids count, so the
    // files here use other names to show that ids are what is read
    private static final MessageType NAME_FILE_SCHEMA = fileSchema(TIMESTAMP_PHYSICAL, VERSION_PHYSICAL, CONTENT_PHYSICAL);
    private static final MessageType ID_FILE_SCHEMA = fileSchema("ts_by_id", "version_by_id", "content_by_id");
    private static final MessageType INT32_VERSION_FILE_SCHEMA = Types.buildMessage()
            .optional(INT64).as(LogicalTypeAnnotation.timestampType(true, MICROS)).id(2).named(TIMESTAMP_PHYSICAL)
            .optional(INT32).id(3).named(VERSION_PHYSICAL)
            .optional(BINARY).id(4).named(CONTENT_PHYSICAL)
            .named("spark_schema");

    enum Mode
    {
        NAME,
        ID,
        /** mode name, and version written as int32 in the files, then widened to long (typeWidening) */
        NAME_VERSION_WIDENED,
    }

    /**
     * How parquet-mr lays out the data files' pages. {@code nullContent} picks the records stored with a NULL
     * content instead of theirs; {@code pageChecksums} whether each page's CRC32 is stored in its header.
     */
    record FileLayout(CompressionCodecName codec, WriterVersion writerVersion, boolean dictionary, int dictionaryPageSize, int pageRowCountLimit, int rowGroupRowCountLimit, Predicate<Record> nullContent, boolean pageChecksums)
    {
        /** Spark's defaults: v1 pages, page checksums, dictionary encoding falling back to PLAIN past 1 MB, row groups and pages by size. */
        static FileLayout spark(CompressionCodecName codec)
        {
            return new FileLayout(codec, PARQUET_1_0, true, 1024 * 1024, 20_000, Integer.MAX_VALUE, _ -> false, true);
        }

        FileLayout withWriterVersion(WriterVersion writerVersion)
        {
            return new FileLayout(codec, writerVersion, dictionary, dictionaryPageSize, pageRowCountLimit, rowGroupRowCountLimit, nullContent, pageChecksums);
        }

        FileLayout withDictionary(boolean dictionary, int dictionaryPageSize)
        {
            return new FileLayout(codec, writerVersion, dictionary, dictionaryPageSize, pageRowCountLimit, rowGroupRowCountLimit, nullContent, pageChecksums);
        }

        /** At most {@code pageRecords} records a page and {@code rowGroupRecords} a row group. */
        FileLayout withRecordLimits(int pageRecords, int rowGroupRecords)
        {
            return new FileLayout(codec, writerVersion, dictionary, dictionaryPageSize, pageRecords, rowGroupRecords, nullContent, pageChecksums);
        }

        FileLayout withNullContent(Predicate<Record> nullContent)
        {
            return new FileLayout(codec, writerVersion, dictionary, dictionaryPageSize, pageRowCountLimit, rowGroupRowCountLimit, nullContent, pageChecksums);
        }

        FileLayout withPageChecksums(boolean pageChecksums)
        {
            return new FileLayout(codec, writerVersion, dictionary, dictionaryPageSize, pageRowCountLimit, rowGroupRowCountLimit, nullContent, pageChecksums);
        }
    }

    private TestingColumnMappedTables() {}

    /** Writes the records, one data file per node, as version 0 of a new table with column mapping by name. */
    static void write(Path table, List<Record> records)
            throws IOException
    {
        write(table, records, Mode.NAME);
    }

    /** Writes the records, one data file per node, as version 0 of a new column-mapped table. */
    static void write(Path table, List<Record> records, Mode mode)
            throws IOException
    {
        // compressed pages, several records a file, as Spark writes them (snappy by default; zstd is common)
        write(table, records, mode, FileLayout.spark(mode == Mode.ID ? ZSTD : SNAPPY));
    }

    /** Writes the records, one data file per node laid out as {@code layout} says, as version 0 of a new table with column mapping by name. */
    static void write(Path table, List<Record> records, FileLayout layout)
            throws IOException
    {
        write(table, records, Mode.NAME, layout);
    }

    private static void write(Path table, List<Record> records, Mode mode, FileLayout layout)
            throws IOException
    {
        Map<String, List<Record>> byNode = new LinkedHashMap<>();
        records.forEach(record -> byNode.computeIfAbsent(record.nodeId(), _ -> new ArrayList<>()).add(record));
        List<ObjectNode> actions = new ArrayList<>();
        actions.add(protocol(mode));
        actions.add(metadata(schema("node_id", "timestamp", "version", "content", mode == Mode.NAME_VERSION_WIDENED), "node_id", mode));
        int file = 0;
        for (Map.Entry<String, List<Record>> node : byNode.entrySet()) {
            String relativePath = "%s=%s/part-%05d.%s.parquet".formatted(NODE_ID_PHYSICAL, node.getKey(), file++, layout.codec().name().toLowerCase(ENGLISH));
            Path path = table.resolve(relativePath);
            Files.createDirectories(path.getParent());
            writeDataFile(path, node.getValue(), layout, switch (mode) {
                case NAME -> NAME_FILE_SCHEMA;
                case ID -> ID_FILE_SCHEMA;
                case NAME_VERSION_WIDENED -> INT32_VERSION_FILE_SCHEMA;
            });
            actions.add(add(relativePath, Files.size(path), node.getKey(), node.getValue(), node.getValue().stream().filter(layout.nullContent()).count()));
        }
        writeCommit(table, 0, actions);
    }

    /** Commits {@code version}: the schema with these logical names for the columns first named node_id, timestamp, version, content; null drops one. */
    static void commitSchema(Path table, long version, String nodeId, String timestamp, String versionColumn, String content)
            throws IOException
    {
        writeCommit(table, version, List.of(metadata(schema(nodeId, timestamp, versionColumn, content, false), nodeId, Mode.NAME)));
    }

    private static MessageType fileSchema(String timestamp, String version, String content)
    {
        return Types.buildMessage()
                .optional(INT64).as(LogicalTypeAnnotation.timestampType(true, MICROS)).id(2).named(timestamp)
                .optional(INT64).id(3).named(version)
                .optional(BINARY).id(4).named(content)
                .named("spark_schema");
    }

    private static void writeDataFile(Path path, List<Record> records, FileLayout layout, MessageType fileSchema)
            throws IOException
    {
        SimpleGroupFactory groups = new SimpleGroupFactory(fileSchema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(path))
                .withType(fileSchema)
                .withConf(new Configuration(false))
                .withCompressionCodec(layout.codec())
                .withWriterVersion(layout.writerVersion())
                .withDictionaryEncoding(layout.dictionary())
                .withDictionaryPageSize(layout.dictionaryPageSize())
                .withPageRowCountLimit(layout.pageRowCountLimit())
                // the row count limits are checked record by record, not every 100 records
                .withMinRowCountForPageSizeCheck(1)
                .withRowGroupRowCountLimit(layout.rowGroupRowCountLimit())
                .withPageWriteChecksumEnabled(layout.pageChecksums())
                .build()) {
            for (Record record : records) {
                Group group = groups.newGroup();
                group.add(0, epochMicros(record.timestamp()));
                if (fileSchema == INT32_VERSION_FILE_SCHEMA) {
                    group.add(1, Math.toIntExact(record.version()));
                }
                else {
                    group.add(1, record.version());
                }
                if (!layout.nullContent().test(record)) {
                    group.add(2, Binary.fromConstantByteArray(record.content()));
                }
                writer.write(group);
            }
        }
    }

    private static ObjectNode protocol(Mode mode)
    {
        ObjectNode action = JSON.createObjectNode();
        if (mode == Mode.NAME_VERSION_WIDENED) {
            ObjectNode protocol = action.putObject("protocol").put("minReaderVersion", 3).put("minWriterVersion", 7);
            protocol.putArray("readerFeatures").add("columnMapping").add("typeWidening");
            protocol.putArray("writerFeatures").add("columnMapping").add("typeWidening");
            return action;
        }
        action.putObject("protocol").put("minReaderVersion", 2).put("minWriterVersion", 5);
        return action;
    }

    private static ObjectNode metadata(String schemaString, String partitionColumn, Mode mode)
    {
        return metadataAction(schemaString, List.of(partitionColumn), Map.of(
                "delta.columnMapping.mode", mode == Mode.ID ? "id" : "name",
                "delta.columnMapping.maxColumnId", "4"));
    }

    private static String schema(String nodeId, String timestamp, String version, String content, boolean versionWidened)
    {
        ObjectNode schema = JSON.createObjectNode().put("type", "struct");
        ArrayNode fields = schema.putArray("fields");
        addField(fields, nodeId, "string", 1, NODE_ID_PHYSICAL);
        addField(fields, timestamp, "timestamp", 2, TIMESTAMP_PHYSICAL);
        ObjectNode versionField = addField(fields, version, "long", 3, VERSION_PHYSICAL);
        if (versionWidened) {
            ((ObjectNode) versionField.get("metadata")).putArray("delta.typeChanges").addObject()
                    .put("fromType", "integer")
                    .put("toType", "long");
        }
        addField(fields, content, "binary", 4, CONTENT_PHYSICAL);
        return schema.toString();
    }

    private static ObjectNode addField(ArrayNode fields, String name, String type, int id, String physicalName)
    {
        if (name == null) {
            return null;
        }
        ObjectNode field = fields.addObject().put("name", name).put("type", type).put("nullable", true);
        field.putObject("metadata")
                .put("delta.columnMapping.id", id)
                .put("delta.columnMapping.physicalName", physicalName);
        return field;
    }

    private static ObjectNode add(String relativePath, long size, String nodeId, List<Record> records, long nullContents)
    {
        ObjectNode action = JSON.createObjectNode();
        ObjectNode add = action.putObject("add")
                .put("path", relativePath)
                .put("size", size)
                .put("modificationTime", 1714557600000L)
                .put("dataChange", true);
        add.putObject("partitionValues").put(NODE_ID_PHYSICAL, nodeId);
        ObjectNode stats = JSON.createObjectNode().put("numRecords", records.size());
        ObjectNode min = stats.putObject("minValues");
        ObjectNode max = stats.putObject("maxValues");
        min.put(VERSION_PHYSICAL, records.stream().mapToLong(Record::version).min().orElseThrow());
        max.put(VERSION_PHYSICAL, records.stream().mapToLong(Record::version).max().orElseThrow());
        min.put(TIMESTAMP_PHYSICAL, records.stream().map(Record::timestamp).min(Instant::compareTo).orElseThrow().toString());
        max.put(TIMESTAMP_PHYSICAL, records.stream().map(Record::timestamp).max(Instant::compareTo).orElseThrow().toString());
        stats.putObject("nullCount").put(VERSION_PHYSICAL, 0).put(TIMESTAMP_PHYSICAL, 0).put(CONTENT_PHYSICAL, nullContents);
        add.put("stats", stats.toString());
        return action;
    }

    private static long epochMicros(Instant instant)
    {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }
}
