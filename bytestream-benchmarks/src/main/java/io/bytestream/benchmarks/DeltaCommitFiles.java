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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bytestream.writer.Record;
import io.bytestream.writer.RecordTableSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Writes a record table's Delta log by hand, as Spark and delta-rs write it: protocol 1/2, the record-table schema
 * partitioned by node_id, and one add action per data file with the file's statistics as a JSON string.
 */
final class DeltaCommitFiles
{
    private static final ObjectMapper JSON = new ObjectMapper();
    // delta-spark writes timestamp statistics in milliseconds with the zone offset
    private static final DateTimeFormatter STATISTICS_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    private DeltaCommitFiles() {}

    /** the first commit's protocol and metaData, before its add actions */
    static List<ObjectNode> tableCreation()
    {
        ObjectNode protocol = JSON.createObjectNode();
        protocol.putObject("protocol").put("minReaderVersion", 1).put("minWriterVersion", 2);
        ObjectNode metadata = JSON.createObjectNode();
        ObjectNode fields = metadata.putObject("metaData")
                .put("id", UUID.randomUUID().toString())
                .put("schemaString", schemaString())
                .put("createdTime", System.currentTimeMillis());
        fields.putObject("format").put("provider", "parquet").putObject("options");
        fields.putArray("partitionColumns").add(RecordTableSchema.NODE_ID);
        fields.putObject("configuration");
        return List.of(protocol, metadata);
    }

    private static String schemaString()
    {
        ObjectNode schema = JSON.createObjectNode().put("type", "struct");
        ArrayNode fields = schema.putArray("fields");
        addField(fields, RecordTableSchema.NODE_ID, "string");
        addField(fields, RecordTableSchema.TIMESTAMP, "timestamp");
        addField(fields, RecordTableSchema.VERSION, "long");
        addField(fields, RecordTableSchema.CONTENT, "binary");
        return schema.toString();
    }

    private static void addField(ArrayNode fields, String name, String type)
    {
        // Spark writes the columns of a DataFrame as nullable
        fields.addObject().put("name", name).put("type", type).put("nullable", true).putObject("metadata");
    }

    /** a commitInfo action, as the writers put first in every commit */
    static ObjectNode commitInfo(String engineInfo)
    {
        ObjectNode action = JSON.createObjectNode();
        ObjectNode info = action.putObject("commitInfo")
                .put("timestamp", System.currentTimeMillis())
                .put("operation", "WRITE")
                .put("isBlindAppend", true)
                .put("engineInfo", engineInfo);
        info.putObject("operationParameters").put("mode", "Append").put("partitionBy", "[\"%s\"]".formatted(RecordTableSchema.NODE_ID));
        return action;
    }

    /**
     * The add action of a data file holding {@code records} of one node, with delta-spark's statistics: numRecords
     * counts records (rows of the file), not inner rows.
     */
    static ObjectNode add(Path tableDirectory, String relativePath, String nodeId, FileStatistics records)
    {
        Path file = tableDirectory.resolve(relativePath);
        ObjectNode stats = JSON.createObjectNode().put("numRecords", records.count());
        stats.putObject("minValues")
                .put(RecordTableSchema.TIMESTAMP, STATISTICS_TIMESTAMP.format(records.minTimestamp()))
                .put(RecordTableSchema.VERSION, records.minVersion());
        stats.putObject("maxValues")
                .put(RecordTableSchema.TIMESTAMP, STATISTICS_TIMESTAMP.format(records.maxTimestamp()))
                .put(RecordTableSchema.VERSION, records.maxVersion());
        stats.putObject("nullCount")
                .put(RecordTableSchema.TIMESTAMP, 0)
                .put(RecordTableSchema.VERSION, 0)
                .put(RecordTableSchema.CONTENT, 0);
        ObjectNode action = JSON.createObjectNode();
        try {
            ObjectNode add = action.putObject("add").put("path", relativePath);
            add.putObject("partitionValues").put(RecordTableSchema.NODE_ID, nodeId);
            add.put("size", Files.size(file))
                    .put("modificationTime", Files.getLastModifiedTime(file).toMillis())
                    .put("dataChange", true)
                    .put("stats", JSON.writeValueAsString(stats));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return action;
    }

    /** Writes commit {@code version}: one action a line. */
    static void commit(Path tableDirectory, long version, List<ObjectNode> actions)
    {
        StringBuilder text = new StringBuilder();
        try {
            for (ObjectNode action : actions) {
                text.append(JSON.writeValueAsString(action)).append('\n');
            }
            Path file = tableDirectory.resolve("_delta_log").resolve("%020d.json".formatted(version));
            Files.createDirectories(file.getParent());
            // a commit appears whole or not at all, as on an object store
            Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(temporary, text, UTF_8);
            Files.move(temporary, file);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The figures of one data file's records that its add action's statistics hold. */
    static final class FileStatistics
    {
        private long count;
        private Instant minTimestamp;
        private Instant maxTimestamp;
        private long minVersion = Long.MAX_VALUE;
        private long maxVersion = Long.MIN_VALUE;

        void add(Record record)
        {
            count++;
            minTimestamp = minTimestamp == null || record.timestamp().isBefore(minTimestamp) ? record.timestamp() : minTimestamp;
            maxTimestamp = maxTimestamp == null || record.timestamp().isAfter(maxTimestamp) ? record.timestamp() : maxTimestamp;
            minVersion = Math.min(minVersion, record.version());
            maxVersion = Math.max(maxVersion, record.version());
        }

        long count()
        {
            return count;
        }

        Instant minTimestamp()
        {
            return minTimestamp;
        }

        Instant maxTimestamp()
        {
            return maxTimestamp;
        }

        long minVersion()
        {
            return minVersion;
        }

        long maxVersion()
        {
            return maxVersion;
        }
    }
}
