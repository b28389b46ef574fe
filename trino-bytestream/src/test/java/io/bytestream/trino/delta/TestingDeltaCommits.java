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

package io.bytestream.trino.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.internal.deletionvectors.Base85Codec;
import org.roaringbitmap.RoaringBitmap;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Commits other Delta writers make and the project's writer does not, written exactly as the Delta protocol specifies
 * them: deletion vectors ("Deletion Vector Format") attached to data files as Spark's and delta-rs's DELETE do,
 * protocol upgrades, table properties and type changes.
 */
public final class TestingDeltaCommits
{
    private static final int PORTABLE_MAGIC = 1681511377;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestingDeltaCommits() {}

    /** The deleted rows inline in the log. */
    public static DeletionVector inline(long... rows)
    {
        byte[] bitmap = serialize(rows);
        return new DeletionVector("i", Base85Codec.encodeBytes(bitmap), Optional.empty(), bitmap.length, rows.length);
    }

    /** The deleted rows in a file {@code deletion_vector_<uuid>.bin} in the table's folder, after another vector. */
    public static DeletionVector onDisk(Path table, long... rows)
    {
        UUID uuid = UUID.randomUUID();
        StoredVector stored = writeFile(table.resolve("deletion_vector_" + uuid + ".bin"), rows);
        return new DeletionVector("u", Base85Codec.encodeUUID(uuid), Optional.of(stored.offset()), stored.sizeInBytes(), rows.length);
    }

    /** The deleted rows in a file anywhere, named by its absolute path. */
    public static DeletionVector onDiskByPath(Path file, long... rows)
    {
        StoredVector stored = writeFile(file, rows);
        return new DeletionVector("p", file.toUri().toString(), Optional.of(stored.offset()), stored.sizeInBytes(), rows.length);
    }

    private static StoredVector writeFile(Path path, long... rows)
    {
        byte[] other = serialize(0, 1, 2);
        byte[] bitmap = serialize(rows);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (DataOutputStream output = new DataOutputStream(file)) {
            output.writeByte(1);
            writeStored(output, other);
            int offset = output.size();
            writeStored(output, bitmap);
            output.flush();
            Files.write(path, file.toByteArray());
            return new StoredVector(offset, bitmap.length);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record StoredVector(int offset, int sizeInBytes) {}

    /**
     * Commits the next version of the table: the protocol with the deletionVectors reader feature, and the data file
     * at {@code relativePath} removed and added again with {@code deletionVector}.
     */
    public static void commitDeletionVector(Path table, String relativePath, DeletionVector deletionVector)
    {
        try {
            ObjectNode previous = findAdd(table, relativePath);
            ObjectNode add = previous.deepCopy();
            ObjectNode vector = add.putObject("deletionVector")
                    .put("storageType", deletionVector.storageType())
                    .put("pathOrInlineDv", deletionVector.pathOrInlineDv())
                    .put("sizeInBytes", deletionVector.sizeInBytes())
                    .put("cardinality", deletionVector.cardinality());
            deletionVector.offset().ifPresent(offset -> vector.put("offset", offset));
            ObjectNode remove = JSON.createObjectNode();
            remove.putObject("remove")
                    .put("path", relativePath)
                    .put("deletionTimestamp", System.currentTimeMillis())
                    .put("dataChange", true)
                    .put("extendedFileMetadata", true)
                    .set("partitionValues", add.get("partitionValues"));
            ((ObjectNode) remove.get("remove")).put("size", add.get("size").asLong());
            // the remove names the logical file it removes: the path with the deletion vector it had
            if (previous.has("deletionVector")) {
                ((ObjectNode) remove.get("remove")).set("deletionVector", previous.get("deletionVector"));
            }
            commit(table, List.of(protocolAdding(table, "deletionVectors"), remove, JSON.createObjectNode().set("add", add)));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Rewrites the {@code tags} of every add action in the table's commits: {@code rewrite} gets the add action and returns
     * its new tags, or null to leave it without any.
     */
    public static void rewriteTags(Path table, Function<ObjectNode, ObjectNode> rewrite)
    {
        rewriteAddActions(table, add -> {
            ObjectNode tags = rewrite.apply(add);
            add.remove("tags");
            if (tags != null) {
                add.set("tags", tags);
            }
        });
    }

    /** Removes the {@code stats} of every add action in the table's commits, as writers that collect none leave them. */
    public static void removeStats(Path table)
    {
        rewriteAddActions(table, add -> add.remove("stats"));
    }

    private static void rewriteAddActions(Path table, Consumer<ObjectNode> rewrite)
    {
        try {
            for (Path commit : commitFiles(table)) {
                List<JsonNode> actions = new ArrayList<>();
                for (String line : Files.readAllLines(commit, UTF_8)) {
                    JsonNode action = JSON.readTree(line);
                    if (action.get("add") instanceof ObjectNode add) {
                        rewrite.accept(add);
                    }
                    actions.add(action);
                }
                writeActions(commit, actions);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits the next version of the table with the table's metadata changed to have {@code property} set. */
    public static void commitTableProperty(Path table, String property, String value)
            throws IOException
    {
        ObjectNode metadata = findAction(table, "metaData", _ -> true).deepCopy();
        ObjectNode configuration = metadata.has("configuration") ? (ObjectNode) metadata.get("configuration") : metadata.putObject("configuration");
        configuration.put(property, value);
        commit(table, List.of(JSON.createObjectNode().set("metaData", metadata)));
    }

    /**
     * Commits the next version of the table: {@code column}'s type changed to {@code toType}, recorded as a type change
     * from {@code fromType} (typeWidening), with the protocol listing the typeWidening reader feature.
     */
    public static void commitTypeChange(Path table, String column, String fromType, String toType)
            throws IOException
    {
        ObjectNode metadata = findAction(table, "metaData", _ -> true).deepCopy();
        ObjectNode schema = (ObjectNode) JSON.readTree(metadata.get("schemaString").asText());
        for (JsonNode field : schema.get("fields")) {
            if (field.get("name").asText().equals(column)) {
                ObjectNode changed = (ObjectNode) field;
                changed.put("type", toType);
                ObjectNode fieldMetadata = changed.has("metadata") ? (ObjectNode) changed.get("metadata") : changed.putObject("metadata");
                fieldMetadata.putArray("delta.typeChanges").addObject().put("fromType", fromType).put("toType", toType);
            }
        }
        metadata.put("schemaString", schema.toString());
        commit(table, List.of(protocol("typeWidening"), JSON.createObjectNode().set("metaData", metadata)));
    }

    /**
     * Turns the table's classic checkpoint of {@code version} into a V2 checkpoint in JSON whose add actions are in a
     * sidecar file (the classic checkpoint, moved to {@code _delta_log/_sidecars/}), and deletes the commits before it,
     * as log cleanup does: the snapshot can then only be read through the sidecar.
     */
    public static void convertToV2CheckpointWithSidecar(Path table, long version)
            throws IOException
    {
        Path log = table.resolve("_delta_log");
        Path classic = log.resolve("%020d.checkpoint.parquet".formatted(version));
        Path sidecar = log.resolve("_sidecars").resolve(UUID.randomUUID() + ".parquet");
        Files.createDirectories(sidecar.getParent());
        Files.move(classic, sidecar);
        List<JsonNode> actions = new ArrayList<>();
        actions.add(JSON.createObjectNode().set("checkpointMetadata", JSON.createObjectNode().put("version", version)));
        actions.add(JSON.createObjectNode().set("protocol", findAction(table, "protocol", _ -> true)));
        actions.add(JSON.createObjectNode().set("metaData", findAction(table, "metaData", _ -> true)));
        actions.add(JSON.createObjectNode().set("sidecar", JSON.createObjectNode()
                .put("path", sidecar.getFileName().toString())
                .put("sizeInBytes", Files.size(sidecar))
                .put("modificationTime", Files.getLastModifiedTime(sidecar).toMillis())));
        writeActions(log.resolve("%020d.checkpoint.%s.json".formatted(version, UUID.randomUUID())), actions);
        try (Stream<Path> files = Files.list(log)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                boolean oldCommit = name.matches("\\d{20}\\.(json|crc)") && Long.parseLong(name.substring(0, 20)) < version;
                if (oldCommit || name.startsWith(".") || name.equals("_last_checkpoint")) {
                    Files.delete(file);
                }
            }
        }
    }

    /**
     * Rewrites the table's commits as a writer that enabled in-commit timestamps when it created the table writes them:
     * version 0's protocol lists the inCommitTimestamp writer feature and its metadata enables it, and every commit
     * starts with the commitInfo {@code commitInfos} gives for its version, which must hold the inCommitTimestamp.
     * Checksum files, which would repeat the old timestamps, are deleted; the table must have no checkpoint.
     */
    public static void rewriteWithInCommitTimestamps(Path table, Function<Long, ObjectNode> commitInfos)
            throws IOException
    {
        for (Path commit : commitFiles(table)) {
            long version = Long.parseLong(commit.getFileName().toString().substring(0, 20));
            ObjectNode commitInfo = commitInfos.apply(version);
            if (!commitInfo.has("inCommitTimestamp")) {
                throw new IllegalArgumentException("commitInfo of version %s has no inCommitTimestamp".formatted(version));
            }
            List<JsonNode> actions = new ArrayList<>();
            actions.add(JSON.createObjectNode().set("commitInfo", commitInfo));
            for (String line : Files.readAllLines(commit, UTF_8)) {
                ObjectNode action = (ObjectNode) JSON.readTree(line);
                if (action.get("protocol") instanceof ObjectNode protocol) {
                    protocol.put("minWriterVersion", 7);
                    protocol.putArray("writerFeatures").add("inCommitTimestamp");
                }
                if (action.get("metaData") instanceof ObjectNode metadata) {
                    ObjectNode configuration = metadata.has("configuration") ? (ObjectNode) metadata.get("configuration") : metadata.putObject("configuration");
                    configuration.put("delta.enableInCommitTimestamps", "true");
                }
                if (!action.has("commitInfo")) {
                    actions.add(action);
                }
            }
            writeActions(commit, actions);
        }
        try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.contains("checkpoint")) {
                    throw new IllegalArgumentException("Table %s has a checkpoint: %s".formatted(table, name));
                }
                if (name.endsWith(".crc") || name.startsWith(".")) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Sets the modification time of the commit file of each version to the time {@code times} gives for it. */
    public static void setCommitTimes(Path table, Function<Long, Instant> times)
            throws IOException
    {
        for (Path commit : commitFiles(table)) {
            long version = Long.parseLong(commit.getFileName().toString().substring(0, 20));
            Files.setLastModifiedTime(commit, FileTime.from(times.apply(version)));
        }
    }

    /** Commits the next version of the table with a protocol that lists {@code readerFeatures}. */
    public static void commitReaderFeatures(Path table, String... readerFeatures)
            throws IOException
    {
        commit(table, List.of(protocol(readerFeatures)));
    }

    /** The table's protocol with {@code feature} added, as a writer enabling it upgrades the protocol. */
    private static ObjectNode protocolAdding(Path table, String feature)
            throws IOException
    {
        JsonNode current = findAction(table, "protocol", _ -> true);
        Set<String> features = new TreeSet<>();
        current.path("readerFeatures").forEach(name -> features.add(name.asText()));
        // reader version 2 stands for column mapping, which version 3 lists by name
        if (current.get("minReaderVersion").asInt() == 2) {
            features.add("columnMapping");
        }
        features.add(feature);
        return protocol(features.toArray(String[]::new));
    }

    private static ObjectNode protocol(String... readerFeatures)
    {
        ObjectNode protocol = JSON.createObjectNode();
        ObjectNode fields = protocol.putObject("protocol").put("minReaderVersion", 3).put("minWriterVersion", 7);
        ArrayNode reader = fields.putArray("readerFeatures");
        ArrayNode writer = fields.putArray("writerFeatures");
        for (String feature : readerFeatures) {
            reader.add(feature);
            writer.add(feature);
        }
        return protocol;
    }

    private static void commit(Path table, List<JsonNode> actions)
            throws IOException
    {
        long next = commitFiles(table).stream()
                .mapToLong(file -> Long.parseLong(file.getFileName().toString().substring(0, 20)) + 1)
                .max()
                .orElse(0);
        writeCommit(table, next, actions);
    }

    /** Writes a commit or JSON checkpoint file: one action a line. */
    public static void writeActions(Path file, List<? extends JsonNode> actions)
            throws IOException
    {
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder();
        for (JsonNode action : actions) {
            text.append(JSON.writeValueAsString(action)).append('\n');
        }
        Files.writeString(file, text.toString(), UTF_8);
    }

    /** Writes the actions as the table's commit of that version. */
    public static void writeCommit(Path table, long version, List<? extends JsonNode> actions)
            throws IOException
    {
        writeActions(table.resolve("_delta_log").resolve("%020d.json".formatted(version)), actions);
    }

    /** A metaData action of a Parquet table (every table made with it has the same id). */
    public static ObjectNode metadataAction(String schemaString, List<String> partitionColumns, Map<String, String> configuration)
    {
        ObjectNode action = JSON.createObjectNode();
        ObjectNode metadata = action.putObject("metaData")
                .put("id", "0b6f0c5e-4a39-4e5e-9a3c-7d0c2f1f9d11")
                .put("schemaString", schemaString)
                .put("createdTime", 1714557600000L);
        metadata.putObject("format").put("provider", "parquet").putObject("options");
        ArrayNode columns = metadata.putArray("partitionColumns");
        partitionColumns.forEach(columns::add);
        ObjectNode properties = metadata.putObject("configuration");
        configuration.forEach(properties::put);
        return action;
    }

    private static ObjectNode findAdd(Path table, String relativePath)
            throws IOException
    {
        return findAction(table, "add", action -> action.get("path").asText().equals(relativePath));
    }

    /** The last action of {@code type} in the log's commits that matches. */
    private static ObjectNode findAction(Path table, String type, Predicate<JsonNode> matches)
            throws IOException
    {
        ObjectNode found = null;
        for (Path commit : commitFiles(table)) {
            for (String line : Files.readAllLines(commit, UTF_8)) {
                JsonNode action = JSON.readTree(line).get(type);
                if (action != null && matches.test(action)) {
                    found = (ObjectNode) action;
                }
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("No %s action in the log of %s".formatted(type, table));
        }
        return found;
    }

    private static List<Path> commitFiles(Path table)
            throws IOException
    {
        try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
            return new ArrayList<>(files.filter(file -> file.getFileName().toString().matches("\\d{20}\\.json")).sorted().toList());
        }
    }

    /** A RoaringBitmapArray in the portable format: magic, bitmap count, then each 32-bit bucket's key and bitmap. */
    static byte[] serialize(long... rows)
    {
        RoaringBitmap bitmap = new RoaringBitmap();
        for (long row : rows) {
            bitmap.add(Math.toIntExact(row));
        }
        bitmap.runOptimize();
        ByteBuffer buffer = ByteBuffer.allocate(4 + 8 + 4 + bitmap.serializedSizeInBytes()).order(LITTLE_ENDIAN);
        buffer.putInt(PORTABLE_MAGIC);
        buffer.putLong(1);
        buffer.putInt(0);
        bitmap.serialize(buffer);
        return buffer.array();
    }

    private static void writeStored(DataOutputStream output, byte[] bitmap)
            throws IOException
    {
        CRC32 checksum = new CRC32();
        checksum.update(bitmap);
        output.writeInt(bitmap.length);
        output.write(bitmap);
        output.writeInt((int) checksum.getValue());
    }
}
