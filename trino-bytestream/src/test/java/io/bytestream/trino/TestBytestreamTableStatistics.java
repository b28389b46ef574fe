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

import io.airlift.units.Duration;
import io.bytestream.trino.filesystem.LocalFileSchemeFileSystemFactory;
import io.bytestream.trino.table.InnerRowSample;
import io.bytestream.trino.table.InnerRowSampler;
import io.bytestream.trino.table.MetadataCache;
import io.bytestream.trino.table.RecordTable;
import io.bytestream.trino.table.TableLocations;
import io.bytestream.trino.table.TableSnapshots;
import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.Record;
import io.bytestream.writer.RecordTableWriter;
import io.trino.spi.connector.SchemaTableName;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.NODE_C;
import static io.bytestream.trino.TestingPond.record;
import static io.bytestream.trino.delta.TestingDeltaCommits.removeStats;
import static io.bytestream.trino.delta.TestingDeltaCommits.rewriteTags;
import static io.trino.testing.TestingConnectorSession.SESSION;
import static java.util.concurrent.TimeUnit.MINUTES;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The row count {@code SHOW STATS} gives of tables whose data files have no record statistics: estimated from a
 * bounded sample of records' IPC headers (docs/bytestream.md, "Table statistics"), within {@link #TOLERANCE} of the
 * true count on records whose sizes vary, without reading more than the sample.
 */
final class TestBytestreamTableStatistics
        extends AbstractTestQueryFramework
{
    // the estimate's stated tolerance, relative to the true count, on the tables below
    private static final double TOLERANCE = 0.15;
    private static final List<String> NODES = List.of(NODE_A, NODE_B, NODE_C);
    private static final int APPENDS = 4;
    private static final int RECORDS_PER_FILE = 40;
    private static final int LARGE_FILE_RECORDS = 200;

    private Path root;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = closeAfterClass(TemporaryPond.create("bytestream-table-statistics")).root();
        writeVaried(root.resolve("est/varied"));
        Path noNumRecords = root.resolve("est/no_num_records");
        writeVaried(noNumRecords);
        removeStats(noNumRecords);
        TestingColumnMappedTables.write(root.resolve("est/spark_snappy"), variedRecords(0), TestingColumnMappedTables.FileLayout.spark(SNAPPY));
        writeLarge(root.resolve("est/large"));
        Path tagged = root.resolve("est/tagged");
        RecordTableWriter.openLocal(tagged).append(variedRecords(0));
        return BytestreamQueryRunner.builder(root).build();
    }

    /**
     * Record {@code j} of a file holds {@code 1 + j % 5} inner rows for {@code j < 32} and 4 after: the sample (the first
     * 32 records of a file) sees 2.906 rows a record where the files hold 3.125.
     */
    private static long innerRows(int record)
    {
        return record < InnerRowSampler.SAMPLED_RECORDS_PER_FILE ? 1 + record % 5 : 4;
    }

    /** The untagged table: {@link #APPENDS} appends of {@link #RECORDS_PER_FILE} records of each of 3 nodes, a file each. */
    private static void writeVaried(Path table)
    {
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        for (int append = 0; append < APPENDS; append++) {
            writer.append(variedRecords(append));
        }
        rewriteTags(table, _ -> null);
    }

    /** 8 untagged files of 200 records of 4 to 12 kB each: about 12 MB. */
    private static void writeLarge(Path table)
    {
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        for (int append = 0; append < APPENDS; append++) {
            List<Record> records = new ArrayList<>();
            for (String node : List.of(NODE_A, NODE_B)) {
                for (int record = 0; record < LARGE_FILE_RECORDS; record++) {
                    records.add(record(node, (long) append * LARGE_FILE_RECORDS + record + 1, ArrowStreams.entries(1, 100 + record % 5 * 50, record)));
                }
            }
            writer.append(records);
        }
        rewriteTags(table, _ -> null);
    }

    private static List<Record> variedRecords(int append)
    {
        List<Record> records = new ArrayList<>();
        for (String node : NODES) {
            for (int record = 0; record < RECORDS_PER_FILE; record++) {
                records.add(record(node, (long) append * RECORDS_PER_FILE + record + 1, ArrowStreams.entries(1, (int) innerRows(record), record)));
            }
        }
        return records;
    }

    private static long trueRows(int files)
    {
        long rows = 0;
        for (int record = 0; record < RECORDS_PER_FILE; record++) {
            rows += innerRows(record);
        }
        return rows * files;
    }

    @Test
    void testTaggedTableIsExact()
    {
        assertThat(rowCount("tagged")).isEqualTo((double) trueRows(NODES.size()));
        assertThat(computeScalar("SELECT count(*) FROM est.tagged")).isEqualTo(trueRows(NODES.size()));
    }

    @Test
    void testUntaggedEstimateFromNumRecords()
    {
        long truth = (long) computeScalar("SELECT count(*) FROM est.varied");
        assertThat(truth).isEqualTo(trueRows(NODES.size() * APPENDS));
        double estimate = rowCount("varied");
        // 480 records (the log's numRecords) times 93 rows in the 32 sampled records of each sampled file
        assertThat(estimate).isCloseTo(NODES.size() * APPENDS * RECORDS_PER_FILE * 93.0 / 32, within(1e-6));
        assertThat(estimate).isCloseTo(truth, within(truth * TOLERANCE));
        assertThat(Math.abs(estimate - truth)).isGreaterThan(truth * 0.02);
    }

    @Test
    void testUntaggedEstimateWithoutNumRecords()
    {
        long truth = trueRows(NODES.size() * APPENDS);
        assertThat(computeScalar("SELECT count(*) FROM est.no_num_records")).isEqualTo(truth);
        // records from the sampled files' records per byte
        assertThat(rowCount("no_num_records")).isCloseTo(truth, within(truth * TOLERANCE));
    }

    @Test
    void testSnappyMultiRecordFilesWithoutTags()
    {
        long truth = (long) computeScalar("SELECT count(*) FROM est.spark_snappy");
        assertThat(truth).isEqualTo(trueRows(NODES.size()));
        double estimate = rowCount("spark_snappy");
        assertThat(estimate).isCloseTo(truth, within(truth * TOLERANCE));
        assertThat(Math.abs(estimate - truth)).isGreaterThan(truth * 0.02);
    }

    @Test
    void testPartitionColumnStatistics()
    {
        MaterializedRow nodeId = showStats("SELECT \"$node_id\", \"$path\" FROM est.varied").get("$node_id");
        double rows = rowCount("varied");
        // data size, distinct values, nulls fraction
        assertThat((double) nodeId.getField(1)).isCloseTo(rows * NODE_A.length(), within(1e-6));
        assertThat(nodeId.getField(2)).isEqualTo(3.0);
        assertThat(nodeId.getField(3)).isEqualTo(0.0);
        MaterializedRow path = showStats("SELECT \"$node_id\", \"$path\" FROM est.varied").get("$path");
        assertThat(path.getField(2)).isEqualTo((double) NODES.size() * APPENDS);
    }

    @Test
    void testSampleReadsBoundedBytes()
    {
        long tableBytes = dataFileBytes(root.resolve("est/large"));
        InnerRowSample sample = sample("large");
        assertThat(sample.files()).isEqualTo(InnerRowSampler.SAMPLED_FILES);
        assertThat(sample.records()).isEqualTo((long) InnerRowSampler.SAMPLED_FILES * InnerRowSampler.SAMPLED_RECORDS_PER_FILE);
        // records stored uncompressed are read by their IPC headers alone: a file's footer and at most two 32 kB windows a record
        assertThat(sample.bytesRead()).isLessThanOrEqualTo(InnerRowSampler.SAMPLED_FILES * (64 * 1024L + InnerRowSampler.SAMPLED_RECORDS_PER_FILE * 64 * 1024L));
        assertThat(sample.bytesRead()).isLessThan(tableBytes / 4);
        double estimate = rowCount("large");
        long truth = (long) computeScalar("SELECT count(*) FROM est.large");
        assertThat(estimate).isCloseTo(truth, within(truth * TOLERANCE));

        // snappy pages are read whole, up to the byte budget of each sampled file
        InnerRowSample snappy = sample("spark_snappy");
        assertThat(snappy.files()).isEqualTo(NODES.size());
        assertThat(snappy.records()).isEqualTo((long) NODES.size() * InnerRowSampler.SAMPLED_RECORDS_PER_FILE);
        assertThat(snappy.bytesRead()).isLessThanOrEqualTo(NODES.size() * (64 * 1024L + InnerRowSampler.SAMPLED_CONTENT_BYTES_PER_FILE));
    }

    private InnerRowSample sample(String table)
    {
        TableLocations locations = new TableLocations(new LocalFileSchemeFileSystemFactory(), root.toUri().toString());
        MetadataCache cache = new MetadataCache(new Duration(1, MINUTES), 100);
        TableSnapshots snapshots = new TableSnapshots(locations, cache, "content");
        RecordTable resolved = snapshots.resolve(SESSION, new SchemaTableName("est", table), OptionalLong.empty()).orElseThrow();
        return new InnerRowSampler(locations, snapshots, cache).sample(SESSION, resolved);
    }

    private double rowCount(String table)
    {
        return (double) showStats("SELECT * FROM est." + table).get(null).getField(4);
    }

    private Map<String, MaterializedRow> showStats(String query)
    {
        Map<String, MaterializedRow> rows = new HashMap<>();
        for (MaterializedRow row : computeActual("SHOW STATS FOR (" + query + ")").getMaterializedRows()) {
            rows.put((String) row.getField(0), row);
        }
        return rows;
    }

    private static long dataFileBytes(Path table)
    {
        try (Stream<Path> files = Files.walk(table)) {
            return files.filter(file -> file.toString().endsWith(".parquet") && !file.toString().contains("_delta_log"))
                    .mapToLong(TestingPond::size)
                    .sum();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
