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

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.bytestream.writer.CloseableIterators.closeableIterator;

/**
 * Reads a record table back through kernel's read path, with a fresh engine so nothing is cached from the writer.
 */
final class KernelTableReader
{
    private KernelTableReader() {}

    record StoredRecord(String nodeId, Instant timestamp, long version, byte[] content, String dataFile) {}

    static Snapshot latestSnapshot(Path tableDirectory)
    {
        Engine engine = DefaultEngine.create(new Configuration());
        return Table.forPath(engine, RecordTableWriter.localTablePath(tableDirectory)).getLatestSnapshot(engine);
    }

    static List<StoredRecord> readRecords(Path tableDirectory)
    {
        Engine engine = DefaultEngine.create(new Configuration());
        Snapshot snapshot = Table.forPath(engine, RecordTableWriter.localTablePath(tableDirectory)).getLatestSnapshot(engine);
        Scan scan = snapshot.getScanBuilder().build();
        Row scanState = scan.getScanState(engine);
        StructType physicalReadSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
        List<StoredRecord> records = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine)) {
            while (scanFiles.hasNext()) {
                try (CloseableIterator<Row> scanFileRows = scanFiles.next().getRows()) {
                    while (scanFileRows.hasNext()) {
                        records.addAll(readDataFile(engine, scanState, physicalReadSchema, scanFileRows.next()));
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    static List<String> activeDataFiles(Path tableDirectory)
    {
        return readRecords(tableDirectory).stream().map(StoredRecord::dataFile).distinct().sorted().toList();
    }

    private static List<StoredRecord> readDataFile(Engine engine, Row scanState, StructType physicalReadSchema, Row scanFileRow)
            throws IOException
    {
        FileStatus dataFile = InternalScanFileUtils.getAddFileStatus(scanFileRow);
        List<StoredRecord> records = new ArrayList<>();
        CloseableIterator<ColumnarBatch> physicalData = engine.getParquetHandler()
                .readParquetFiles(closeableIterator(List.of(dataFile)), physicalReadSchema, Optional.empty())
                .map(FileReadResult::getData);
        try (CloseableIterator<FilteredColumnarBatch> logicalData = Scan.transformPhysicalData(engine, scanState, scanFileRow, physicalData)) {
            while (logicalData.hasNext()) {
                FilteredColumnarBatch batch = logicalData.next();
                StructType schema = batch.getData().getSchema();
                try (CloseableIterator<Row> rows = batch.getRows()) {
                    while (rows.hasNext()) {
                        Row row = rows.next();
                        long micros = row.getLong(schema.indexOf(RecordTableSchema.TIMESTAMP));
                        records.add(new StoredRecord(
                                row.getString(schema.indexOf(RecordTableSchema.NODE_ID)),
                                Instant.EPOCH.plusNanos(Math.multiplyExact(micros, 1000)),
                                row.getLong(schema.indexOf(RecordTableSchema.VERSION)),
                                row.getBinary(schema.indexOf(RecordTableSchema.CONTENT)),
                                dataFile.getPath()));
                    }
                }
            }
        }
        return records;
    }
}
