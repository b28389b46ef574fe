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

import io.bytestream.trino.filesystem.LocalFileSchemeFileSystemFactory;
import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.Record;
import io.bytestream.writer.RecordTableWriter;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.SingleAction;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.security.ConnectorIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static io.bytestream.trino.delta.TestingDeltaCommits.commitDeletionVector;
import static io.bytestream.trino.delta.TestingDeltaCommits.commitReaderFeatures;
import static io.bytestream.trino.delta.TestingDeltaCommits.commitTableProperty;
import static io.bytestream.trino.delta.TestingDeltaCommits.convertToV2CheckpointWithSidecar;
import static io.bytestream.trino.delta.TestingDeltaCommits.inline;
import static io.delta.kernel.internal.util.Utils.singletonCloseableIterator;
import static io.delta.kernel.internal.util.Utils.toCloseableIterator;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkpoints written by delta-kernel read through {@link TrinoParquetHandler} (Trino's Parquet reader) give what
 * kernel-defaults' parquet-mr handler gives: the same rows and values, and the same snapshot.
 */
final class TestTrinoParquetHandler
{
    private static final TrinoFileSystem FILE_SYSTEM = new LocalFileSchemeFileSystemFactory().create(ConnectorIdentity.ofUser("test"));
    private static final List<String> NODES = List.of("a", "b", "c");
    private static final int APPENDS = 4;
    // one file per node and append, less the removed node's, and node d's
    private static final int ACTIVE_FILES = (NODES.size() - 1) * APPENDS + 1;

    private final Engine parquetMrEngine = DefaultEngine.create(new TrinoFileIO(FILE_SYSTEM));
    private final Engine trinoEngine = new KernelEngine(FILE_SYSTEM);

    @TempDir
    private Path directory;

    @Test
    void testCheckpointRowsAreThoseParquetMrReads()
            throws IOException
    {
        Path table = writeTableWithCheckpoint();
        long version = checkpointVersion(table);
        Location checkpoint = Location.of(table.toUri().toString()).appendPath("_delta_log/%020d.checkpoint.parquet".formatted(version));
        // every action of a checkpoint, a struct field and a column the file lacks, and the row index
        StructType add = AddFile.FULL_SCHEMA.add("not_in_the_file", LongType.LONG);
        StructType schema = new StructType(SingleAction.CHECKPOINT_SCHEMA.fields().stream()
                .map(field -> field.getName().equals("add") ? new StructField("add", add, true) : field)
                .toList())
                .add("not_in_the_file", StringType.STRING)
                .add(StructField.DEFAULT_ROW_INDEX_COLUMN);

        List<List<Object>> expected = read(parquetMrEngine, checkpoint, schema);
        List<List<Object>> actual = read(trinoEngine, checkpoint, schema);

        assertThat(actual).isEqualTo(expected);
        int addColumn = schema.indexOf("add");
        List<List<?>> adds = actual.stream().map(row -> row.get(addColumn)).filter(value -> value != null).<List<?>>map(value -> (List<?>) value).toList();
        assertThat(adds).hasSize(ACTIVE_FILES);
        assertThat(adds).allSatisfy(value -> assertThat(value.getLast()).isNull());
        assertThat(adds).filteredOn(value -> value.get(add.indexOf("deletionVector")) != null).hasSize(1);
        assertThat(actual).map(row -> row.get(schema.indexOf("not_in_the_file"))).containsOnlyNulls();
        assertThat(actual).map(List::getLast).containsExactlyElementsOf(LongStream.range(0, actual.size()).boxed().toList());
    }

    @Test
    void testSnapshotFromClassicCheckpoint()
            throws IOException
    {
        Path table = writeTableWithCheckpoint();
        long checkpointVersion = checkpointVersion(table);
        deleteCommitsBefore(table, checkpointVersion);
        assertSameActiveFiles(table, ACTIVE_FILES);
    }

    @Test
    void testSnapshotFromV2CheckpointWithSidecar()
            throws IOException
    {
        Path table = writeTableWithCheckpoint();
        long checkpointVersion = checkpointVersion(table);
        commitReaderFeatures(table, "deletionVectors", "v2Checkpoint");
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        writer.checkpoint();
        convertToV2CheckpointWithSidecar(table, checkpointVersion + 2);
        assertSameActiveFiles(table, ACTIVE_FILES);
    }

    @Test
    void testSnapshotFromMultiPartCheckpoint()
            throws IOException
    {
        Path table = writeTableWithCheckpoint();
        long version = checkpointVersion(table);
        Location log = Location.of(table.toUri().toString()).appendPath("_delta_log");
        Location classic = log.appendPath("%020d.checkpoint.parquet".formatted(version));
        // kernel writes single-file checkpoints only: its Parquet writer splits this one into two parts
        List<ColumnarBatch> batches = new ArrayList<>();
        try (CloseableIterator<FileReadResult> results = parquetMrEngine.getParquetHandler().readParquetFiles(
                singletonCloseableIterator(FileStatus.of(classic.toString(), FILE_SYSTEM.newInputFile(classic).length(), 0)), SingleAction.CHECKPOINT_SCHEMA, Optional.empty())) {
            results.forEachRemaining(result -> batches.add(result.getData()));
        }
        int rows = batches.stream().mapToInt(ColumnarBatch::getSize).sum();
        List<Location> parts = List.of(log.appendPath("%020d.checkpoint.%010d.%010d.parquet".formatted(version, 1, 2)), log.appendPath("%020d.checkpoint.%010d.%010d.parquet".formatted(version, 2, 2)));
        writeRows(parts.getFirst(), batches, 0, rows / 2);
        writeRows(parts.getLast(), batches, rows / 2, rows);
        FILE_SYSTEM.deleteFile(classic);
        FILE_SYSTEM.deleteFile(log.appendPath("_last_checkpoint"));
        deleteCommitsBefore(table, version);

        assertThat(read(trinoEngine, parts.getFirst(), SingleAction.CHECKPOINT_SCHEMA)).hasSize(rows / 2);
        assertThat(read(trinoEngine, parts.getLast(), SingleAction.CHECKPOINT_SCHEMA)).hasSize(rows - rows / 2);
        assertSameActiveFiles(table, ACTIVE_FILES);
    }

    /** Writes rows {@code from} to {@code to} (exclusive) of the batches, counted across them, to a Parquet file. */
    private void writeRows(Location file, List<ColumnarBatch> batches, int from, int to)
            throws IOException
    {
        List<FilteredColumnarBatch> selected = new ArrayList<>();
        int first = 0;
        for (ColumnarBatch batch : batches) {
            boolean[] selection = new boolean[batch.getSize()];
            for (int row = 0; row < selection.length; row++) {
                selection[row] = first + row >= from && first + row < to;
            }
            selected.add(new FilteredColumnarBatch(batch, Optional.of(parquetMrEngine.getExpressionHandler().createSelectionVector(selection, 0, selection.length))));
            first += batch.getSize();
        }
        parquetMrEngine.getParquetHandler().writeParquetFileAtomically(file.toString(), toCloseableIterator(selected.iterator()));
    }

    /** The version of the checkpoint {@link #writeTableWithCheckpoint()} writes: the one before the latest. */
    private static long checkpointVersion(Path table)
    {
        return RecordTableWriter.openLocal(table).latestVersion() - 1;
    }

    private void assertSameActiveFiles(Path table, int count)
    {
        Location location = Location.of(table.toUri().toString());
        DeltaTableLog log = new DeltaTableLog(FILE_SYSTEM);
        List<DataFile> files = log.activeFiles(log.latestSnapshot(location).orElseThrow(), TupleDomain.all());

        assertThat(files).hasSize(count);
        assertThat(files).map(file -> List.of(file.path(), file.size(), file.partitionValues(), file.deletionVector().isPresent()))
                .containsExactlyInAnyOrderElementsOf(parquetMrActiveFiles(location));
    }

    /** The active files as kernel-defaults' own engine lists them: path, size, partition values, deletion vector. */
    private List<List<Object>> parquetMrActiveFiles(Location table)
    {
        List<List<Object>> files = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> batches = Table.forPath(parquetMrEngine, table.toString()).getLatestSnapshot(parquetMrEngine)
                .getScanBuilder().build().getScanFiles(parquetMrEngine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        Row row = rows.next();
                        FileStatus status = InternalScanFileUtils.getAddFileStatus(row);
                        files.add(List.of(Locations.toLocation(status.getPath()).toString(), status.getSize(), InternalScanFileUtils.getPartitionValues(row),
                                InternalScanFileUtils.getDeletionVectorDescriptorFromRow(row) != null));
                    }
                }
            }
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
        return files;
    }

    /** A table: appends of every node, one node removed, one file given a deletion vector, a checkpoint, one more commit. */
    private Path writeTableWithCheckpoint()
            throws IOException
    {
        Path table = directory.resolve("table");
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        for (int version = 1; version <= APPENDS; version++) {
            long recordVersion = version;
            writer.append(NODES.stream().map(node -> new Record(node, Instant.EPOCH.plusSeconds(recordVersion), recordVersion, ArrowStreams.entries(1, 2, recordVersion))).toList());
        }
        writer.removeNode(NODES.getLast());
        writer.append(List.of(new Record("d", Instant.EPOCH, 1, ArrowStreams.entries(1, 2, 7))));
        Path dataFile;
        try (Stream<Path> files = Files.walk(table.resolve("node_id=a"))) {
            dataFile = files.filter(file -> file.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        commitDeletionVector(table, table.relativize(dataFile).toString(), inline(0));
        writer.checkpoint();
        commitTableProperty(table, "bytestream.test", "after the checkpoint");
        return table;
    }

    private static void deleteCommitsBefore(Path table, long version)
            throws IOException
    {
        try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.matches("\\d{20}\\.(json|crc)") && Long.parseLong(name.substring(0, 20)) < version) {
                    Files.delete(file);
                }
            }
        }
    }

    private static List<List<Object>> read(Engine engine, Location file, StructType schema)
            throws IOException
    {
        long length = FILE_SYSTEM.newInputFile(file).length();
        List<List<Object>> rows = new ArrayList<>();
        try (CloseableIterator<FileReadResult> results = engine.getParquetHandler().readParquetFiles(
                singletonCloseableIterator(FileStatus.of(file.toString(), length, 0)), schema, Optional.empty())) {
            while (results.hasNext()) {
                FileReadResult result = results.next();
                assertThat(result.getFilePath()).isEqualTo(file.toString());
                ColumnarBatch batch = result.getData();
                for (int row = 0; row < batch.getSize(); row++) {
                    int position = row;
                    rows.add(IntStream.range(0, schema.length()).mapToObj(column -> value(batch.getColumnVector(column), position)).toList());
                }
            }
        }
        return rows;
    }

    /** A vector's value as plain Java: a struct as the list of its fields, a map as a map, binary as hex. */
    private static Object value(ColumnVector vector, int row)
    {
        if (vector.isNullAt(row)) {
            return null;
        }
        DataType type = vector.getDataType();
        return switch (type) {
            case StructType struct -> IntStream.range(0, struct.length()).mapToObj(field -> value(vector.getChild(field), row)).toList();
            case MapType _ -> {
                MapValue map = vector.getMap(row);
                Map<Object, Object> values = new HashMap<>();
                for (int entry = 0; entry < map.getSize(); entry++) {
                    values.put(value(map.getKeys(), entry), value(map.getValues(), entry));
                }
                yield values;
            }
            case ArrayType _ -> {
                ColumnVector elements = vector.getArray(row).getElements();
                yield IntStream.range(0, vector.getArray(row).getSize()).mapToObj(element -> value(elements, element)).toList();
            }
            case StringType _ -> vector.getString(row);
            case LongType _ -> vector.getLong(row);
            case IntegerType _ -> vector.getInt(row);
            case BooleanType _ -> vector.getBoolean(row);
            case BinaryType _ -> HexFormat.of().formatHex(vector.getBinary(row));
            default -> throw new AssertionError("unexpected type in a checkpoint: " + type);
        };
    }
}
