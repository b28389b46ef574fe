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

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.CheckpointAlreadyExistsException;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.exceptions.TableAlreadyExistsException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.SingleAction;
import io.delta.kernel.internal.data.TransactionStateRow;
import io.delta.kernel.internal.util.VectorUtils;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.bytestream.writer.CloseableIterators.closeableIterator;
import static io.bytestream.writer.RecordTableSchema.CONTENT;
import static io.bytestream.writer.RecordTableSchema.NODE_ID;
import static io.bytestream.writer.RecordTableSchema.PARTITION_COLUMNS;
import static io.bytestream.writer.RecordTableSchema.SCHEMA;
import static io.bytestream.writer.RecordTableSchema.TIMESTAMP;
import static io.bytestream.writer.RecordTableSchema.VERSION;
import static java.util.Objects.requireNonNull;

/**
 * Creates a record table and commits records to it through delta-kernel's transaction API.
 * Not thread-safe; concurrent writers (other instances or processes) are resolved by kernel's commit protocol.
 */
public final class RecordTableWriter
{
    private static final String ENGINE_INFO = "bytestream-writer";

    private final Engine engine;
    private final Table table;
    private final StructType tableSchema;

    private RecordTableWriter(Engine engine, Table table, StructType tableSchema)
    {
        this.engine = requireNonNull(engine, "engine is null");
        this.table = requireNonNull(table, "table is null");
        this.tableSchema = requireNonNull(tableSchema, "tableSchema is null");
    }

    /**
     * Opens the table at {@code tablePath} (a URI such as {@code file:/tmp/pond/ops/entries}),
     * creating it with the reference schema if it does not exist.
     */
    public static RecordTableWriter open(Engine engine, String tablePath)
    {
        requireNonNull(engine, "engine is null");
        requireNonNull(tablePath, "tablePath is null");
        Table table = Table.forPath(engine, tablePath);
        Snapshot snapshot = latestSnapshot(engine, table).orElseGet(() -> createTable(engine, table));
        return new RecordTableWriter(engine, table, verifiedRecordTableSchema(snapshot, tablePath));
    }

    /**
     * Opens or creates the table in a local directory with kernel's default engine.
     */
    public static RecordTableWriter openLocal(Path tableDirectory)
    {
        return open(DefaultEngine.create(new Configuration()), localTablePath(tableDirectory));
    }

    static String localTablePath(Path tableDirectory)
    {
        String uri = tableDirectory.toAbsolutePath().normalize().toUri().toString();
        // Path.toUri() ends an existing directory with '/', a missing one without; keep the table path stable
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    public String tablePath()
    {
        return table.getPath(engine);
    }

    /**
     * Writes the records, one Parquet file per node_id partition, and commits them as one Delta commit.
     *
     * @return the committed table version
     */
    public long append(List<Record> records)
    {
        requireNonNull(records, "records is null");
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no records to append");
        }
        Transaction transaction = table.createTransactionBuilder(engine, ENGINE_INFO, Operation.WRITE).build(engine);
        Row transactionState = transaction.getTransactionState(engine);
        List<Row> actions = new ArrayList<>();
        for (Map.Entry<String, List<Record>> partition : groupByNodeId(records).entrySet()) {
            actions.addAll(writePartition(transactionState, partition.getKey(), partition.getValue()));
        }
        return commit(transaction, actions);
    }

    /**
     * Commits the removal of every active data file of the node's partition.
     *
     * @return the committed table version, or the current version when the partition has no active file
     */
    public long removeNode(String nodeId)
    {
        requireNonNull(nodeId, "nodeId is null");
        Snapshot snapshot = latestSnapshot(engine, table).orElseThrow();
        List<Row> removeActions = removeActions(snapshot, nodeId, Instant.now().toEpochMilli());
        if (removeActions.isEmpty()) {
            return snapshot.getVersion();
        }
        Transaction transaction = snapshot.buildUpdateTableTransaction(ENGINE_INFO, Operation.WRITE).build(engine);
        return commit(transaction, removeActions);
    }

    /**
     * Writes a checkpoint at the latest version, unless one exists already.
     *
     * @return the checkpointed version
     */
    public long checkpoint()
    {
        long version = latestVersion();
        try {
            // the post-commit hook may have written it already; rewriting it would change a file readers may have listed
            if (checkpointExists(version)) {
                return version;
            }
            table.checkpoint(engine, version);
        }
        catch (CheckpointAlreadyExistsException _) {
            // a post-commit hook or another writer got there first: the table is in the state asked for
        }
        catch (IOException e) {
            throw new UncheckedIOException("Failed to write checkpoint of " + tablePath() + " at version " + version, e);
        }
        return version;
    }

    private boolean checkpointExists(long version)
            throws IOException
    {
        String checkpoint = "%s/_delta_log/%020d.checkpoint.parquet".formatted(tablePath(), version);
        try (CloseableIterator<FileStatus> files = engine.getFileSystemClient().listFrom(checkpoint)) {
            return files.hasNext() && files.next().getPath().endsWith(checkpoint.substring(checkpoint.lastIndexOf('/')));
        }
    }

    public long latestVersion()
    {
        return latestSnapshot(engine, table).orElseThrow().getVersion();
    }

    private List<Row> writePartition(Row transactionState, String nodeId, List<Record> records)
    {
        Map<String, Literal> partitionValues = Map.of(NODE_ID, Literal.ofString(nodeId));
        FilteredColumnarBatch logicalData = new FilteredColumnarBatch(toColumnarBatch(records), Optional.empty());
        DataWriteContext writeContext = Transaction.getWriteContext(engine, transactionState, partitionValues);
        try {
            CloseableIterator<FilteredColumnarBatch> physicalData = Transaction.transformLogicalData(
                    engine, transactionState, closeableIterator(List.of(logicalData)), partitionValues);
            List<DataFileStatus> dataFiles;
            try (CloseableIterator<DataFileStatus> written = engine.getParquetHandler()
                    .writeParquetFiles(writeContext.getTargetDirectory(), physicalData, statisticsColumns(writeContext))) {
                dataFiles = written.toInMemoryList();
            }
            List<Map<String, String>> tags = tagsOfFiles(records, dataFiles);
            List<Row> actions;
            try (CloseableIterator<Row> appendActions = Transaction.generateAppendActions(engine, transactionState, closeableIterator(dataFiles), writeContext)) {
                actions = appendActions.toInMemoryList();
            }
            List<Row> taggedActions = new ArrayList<>();
            for (int file = 0; file < actions.size(); file++) {
                taggedActions.add(withTags(transactionState, actions.get(file), dataFiles.get(file), tags.get(file)));
            }
            return taggedActions;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Failed to write data file for node_id " + nodeId + " in " + tablePath(), e);
        }
    }

    /**
     * The record statistics tags of each data file. Kernel writes the rows in order, cutting a new file at its target size,
     * so each file holds the next {@code numRecords} records; without that count no file gets tags.
     */
    private static List<Map<String, String>> tagsOfFiles(List<Record> records, List<DataFileStatus> dataFiles)
    {
        List<Map<String, String>> tags = new ArrayList<>();
        int first = 0;
        for (DataFileStatus dataFile : dataFiles) {
            Optional<Long> fileRecords = dataFile.getStatistics().map(DataFileStatistics::getNumRecords);
            if (fileRecords.isEmpty() || first + fileRecords.get() > records.size()) {
                return dataFiles.stream().map(_ -> Map.<String, String>of()).toList();
            }
            int end = first + fileRecords.get().intValue();
            tags.add(RecordStatisticsTags.of(records.subList(first, end)));
            first = end;
        }
        if (first != records.size()) {
            return dataFiles.stream().map(_ -> Map.<String, String>of()).toList();
        }
        return tags;
    }

    // Kernel 4.4 leaves the tags of the add actions it generates empty; the action is rebuilt as kernel builds it, with tags
    private static Row withTags(Row transactionState, Row addAction, DataFileStatus dataFile, Map<String, String> tags)
    {
        if (tags.isEmpty()) {
            return addAction;
        }
        AddFile addFile = new AddFile(addAction.getStruct(addAction.getSchema().indexOf("add")));
        Row taggedAddFile = AddFile.createAddFileRow(
                TransactionStateRow.getPhysicalSchema(transactionState),
                addFile.getPath(),
                addFile.getPartitionValues(),
                addFile.getSize(),
                addFile.getModificationTime(),
                addFile.getDataChange(),
                addFile.getDeletionVector(),
                Optional.of(VectorUtils.stringStringMapValue(tags)),
                addFile.getBaseRowId(),
                addFile.getDefaultRowCommitVersion(),
                dataFile.getStatistics());
        return SingleAction.createAddFileSingleAction(taggedAddFile);
    }

    // Kernel would put the whole content of the first and last record into the log as min/max of the binary column;
    // like Spark, keep binary columns out of the statistics
    private static List<Column> statisticsColumns(DataWriteContext writeContext)
    {
        return writeContext.getStatisticsColumns().stream()
                .filter(column -> !List.of(column.getNames()).equals(List.of(CONTENT)))
                .toList();
    }

    private ColumnarBatch toColumnarBatch(List<Record> records)
    {
        List<ColumnVector> vectors = new ArrayList<>();
        for (StructField field : tableSchema.fields()) {
            List<?> values = switch (field.getName()) {
                case NODE_ID -> records.stream().map(Record::nodeId).toList();
                case TIMESTAMP -> records.stream().map(record -> epochMicros(record.timestamp())).toList();
                case VERSION -> records.stream().map(Record::version).toList();
                case CONTENT -> records.stream().map(Record::content).toList();
                default -> throw new IllegalStateException("Unexpected column: " + field.getName());
            };
            vectors.add(new ValueColumnVector(field.getDataType(), values));
        }
        return new VectorColumnarBatch(tableSchema, vectors, records.size());
    }

    private static long epochMicros(Instant instant)
    {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private List<Row> removeActions(Snapshot snapshot, String nodeId, long deletionTimestamp)
    {
        Scan scan = snapshot.getScanBuilder()
                .withFilter(new Predicate("=", new Column(NODE_ID), Literal.ofString(nodeId)))
                .build();
        List<Row> removeActions = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine)) {
            while (scanFiles.hasNext()) {
                try (CloseableIterator<Row> scanFileRows = scanFiles.next().getRows()) {
                    while (scanFileRows.hasNext()) {
                        Row scanFileRow = scanFileRows.next();
                        // partition pruning may be inexact; only remove files of exactly this node
                        if (nodeId.equals(InternalScanFileUtils.getPartitionValues(scanFileRow).get(NODE_ID))) {
                            removeActions.add(removeAction(scanFileRow, deletionTimestamp));
                        }
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Failed to list data files of " + tablePath(), e);
        }
        return removeActions;
    }

    // Kernel 4.4 has no public API for remove actions; this is how its own REPLACE TABLE path builds them.
    private static Row removeAction(Row scanFileRow, long deletionTimestamp)
    {
        AddFile addFile = new AddFile(scanFileRow.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL));
        return SingleAction.createRemoveFileSingleAction(addFile.toRemoveFileRow(true, Optional.of(deletionTimestamp)));
    }

    private long commit(Transaction transaction, List<Row> actions)
    {
        TransactionCommitResult result;
        try {
            result = transaction.commit(engine, CloseableIterable.inMemoryIterable(closeableIterator(actions)));
        }
        catch (ConcurrentWriteException e) {
            throw new IllegalStateException("Concurrent write conflicts with commit to " + tablePath(), e);
        }
        for (PostCommitHook hook : result.getPostCommitHooks()) {
            try {
                hook.threadSafeInvoke(engine);
            }
            catch (IOException e) {
                throw new UncheckedIOException("Committed version %s of %s, but its %s hook failed".formatted(result.getVersion(), tablePath(), hook.getType()), e);
            }
        }
        return result.getVersion();
    }

    private static Map<String, List<Record>> groupByNodeId(List<Record> records)
    {
        Map<String, List<Record>> partitions = new LinkedHashMap<>();
        for (Record record : records) {
            partitions.computeIfAbsent(record.nodeId(), _ -> new ArrayList<>()).add(record);
        }
        return partitions;
    }

    private static Optional<Snapshot> latestSnapshot(Engine engine, Table table)
    {
        try {
            return Optional.of(table.getLatestSnapshot(engine));
        }
        catch (TableNotFoundException _) {
            return Optional.empty();
        }
    }

    private static Snapshot createTable(Engine engine, Table table)
    {
        try {
            table.createTransactionBuilder(engine, ENGINE_INFO, Operation.CREATE_TABLE)
                    .withSchema(engine, SCHEMA)
                    .withPartitionColumns(engine, PARTITION_COLUMNS)
                    .build(engine)
                    .commit(engine, CloseableIterable.emptyIterable());
        }
        catch (TableAlreadyExistsException | ConcurrentWriteException _) {
            // another writer created the table meanwhile; it is verified like any existing table
        }
        return latestSnapshot(engine, table).orElseThrow();
    }

    private static StructType verifiedRecordTableSchema(Snapshot snapshot, String tablePath)
    {
        StructType schema = snapshot.getSchema();
        boolean sameColumns = schema.fieldNames().equals(SCHEMA.fieldNames()) &&
                schema.fields().stream().allMatch(field -> field.getDataType().equivalent(SCHEMA.get(field.getName()).getDataType()));
        if (!sameColumns || !snapshot.getPartitionColumnNames().equals(PARTITION_COLUMNS)) {
            throw new IllegalArgumentException("%s is not a record table: schema %s partitioned by %s, expected %s partitioned by %s"
                    .formatted(tablePath, schema, snapshot.getPartitionColumnNames(), SCHEMA, PARTITION_COLUMNS));
        }
        return schema;
    }
}
