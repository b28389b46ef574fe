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

import io.airlift.slice.Slices;
import io.bytestream.arrow.message.IpcMessage;
import io.bytestream.arrow.message.IpcMessageReader;
import io.bytestream.trino.TestingColumnMappedTables.FileLayout;
import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.Record;
import io.bytestream.writer.RecordTableWriter;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import org.apache.arrow.flatbuf.MessageHeader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.google.common.collect.MoreCollectors.onlyElement;
import static io.bytestream.trino.TestingColumnMappedTables.NODE_ID_PHYSICAL;
import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.NODE_C;
import static io.bytestream.trino.TestingPond.record;
import static io.bytestream.trino.delta.TestingDeltaCommits.commitDeletionVector;
import static io.bytestream.trino.delta.TestingDeltaCommits.inline;
import static java.lang.String.join;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.UNCOMPRESSED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code "<table>$records"}: one row per live record, described from its IPC message headers, planned and pruned like
 * the table, never failing on a bad record.
 */
final class TestBytestreamRecordsTable
        extends AbstractTestQueryFramework
{
    private static final Path COMPRESSION = Path.of("../testing/arrow-testing/integration/2.0.0-compression");
    private static final String ENTRY_SCHEMA = "name: utf8, node_id: utf8";
    private static final int SNAPPY_RECORDS_PER_NODE = 8;
    // rows 1 and 3 of node A's file are deleted
    private static final List<Integer> DELETED_ROWS = List.of(1, 3);
    // larger than the Parquet reader's small-file threshold (3 MB), below which a file is read whole
    private static final byte[] LARGE_RECORD = ArrowStreams.entries(3, 50_000, 7);

    private Path root;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = closeAfterClass(TemporaryPond.create("bytestream-records")).root();
        TestingPond.writeEntries(root);
        TestingPond.writeTruncated(root);
        RecordTableWriter newestBad = RecordTableWriter.openLocal(root.resolve("broken/newest_bad"));
        newestBad.append(List.of(record(NODE_A, 1, ArrowStreams.entries(1, 2, 81))));
        newestBad.append(List.of(record(NODE_B, 1, "not an Arrow IPC stream".getBytes(StandardCharsets.UTF_8))));
        for (String codec : List.of("lz4", "zstd")) {
            RecordTableWriter.openLocal(root.resolve("compressed").resolve(codec)).append(List.of(record(NODE_A, 1, compressedStream(codec))));
        }
        // the content column stored uncompressed and PLAIN: records lie in the file as they are
        // without page checksums: a page with one is read whole to verify it (see TestBytestreamPageChecksums)
        TestingColumnMappedTables.write(root.resolve("big/plain"), List.of(record(NODE_A, 1, LARGE_RECORD)), FileLayout.spark(UNCOMPRESSED).withDictionary(false, 1024).withPageChecksums(false));

        Path snappy = root.resolve("cc/snappy");
        TestingColumnMappedTables.write(snappy, snappyRecords(), FileLayout.spark(SNAPPY).withRecordLimits(2, 6).withNullContent(TestBytestreamRecordsTable::nullContent));
        Path nodeAFile;
        try (Stream<Path> files = Files.walk(snappy.resolve(NODE_ID_PHYSICAL + "=" + NODE_A))) {
            nodeAFile = files.filter(file -> file.toString().endsWith(".parquet")).collect(onlyElement());
        }
        commitDeletionVector(snappy, snappy.relativize(nodeAFile).toString(), inline(DELETED_ROWS.stream().mapToLong(Integer::longValue).toArray()));
        return BytestreamQueryRunner.builder(root).build();
    }

    @Test
    void testColumns()
    {
        assertThat(query("DESCRIBE \"entries$records\"")).result().projected("Column", "Type").matches(
                "VALUES (VARCHAR 'node_id', VARCHAR 'varchar'), ('timestamp', 'timestamp(6) with time zone'), ('version', 'bigint'), ('path', 'varchar'), " +
                        "('content_length', 'bigint'), ('batches', 'bigint'), ('inner_rows', 'bigint'), ('compression', 'varchar'), ('schema', 'varchar'), ('error', 'varchar')");
        assertTableColumnNames("\"entries$records\"", "node_id", "timestamp", "version", "path", "content_length", "batches", "inner_rows", "compression", "schema", "error");
    }

    @Test
    void testOneRowPerLiveRecord()
    {
        assertQuery(
                "SELECT node_id, version, CAST(timestamp AS varchar), content_length, batches, inner_rows, compression, schema, error FROM \"entries$records\"",
                "VALUES " + join(", ",
                        entryRow(NODE_A, 1, 2, 3, 11),
                        entryRow(NODE_A, 2, 1, 4, 12),
                        entryRow(NODE_A, 3, 1, 1, 13),
                        entryRow(NODE_B, 1, 1, 2, 21),
                        entryRow(NODE_B, 2, 0, 0, 22)));
        assertThat(computeScalar("SELECT sum(inner_rows) FROM \"entries$records\"")).isEqualTo(computeScalar("SELECT count(*) FROM entries")).isEqualTo(13L);
        // each record's inner rows are the rows the table has for it
        assertThat(computeActual("SELECT node_id, version, inner_rows FROM \"entries$records\" WHERE inner_rows > 0").getMaterializedRows())
                .containsExactlyInAnyOrderElementsOf(computeActual("SELECT \"$node_id\", \"$version\", count(*) FROM entries GROUP BY 1, 2").getMaterializedRows());
        assertThat(computeActual("SELECT DISTINCT path FROM \"entries$records\" WHERE inner_rows > 0").getOnlyColumnAsSet())
                .isEqualTo(computeActual("SELECT DISTINCT \"$path\" FROM entries").getOnlyColumnAsSet());
        assertQuery("SELECT count(*) FROM \"entries$records\" WHERE path LIKE 'file:///%/node_id=' || node_id || '/%.parquet'", "VALUES 5");
    }

    private static String entryRow(String node, long version, int batches, int rowsPerBatch, long seed)
    {
        return "('%s', %s, '%s', %s, %s, %s, 'none', '%s', NULL)".formatted(
                node, version, TestingPond.T0.plusSeconds(version).toString().replace("T", " ").replace("Z", " UTC"),
                ArrowStreams.entries(batches, rowsPerBatch, seed).length, batches, batches * rowsPerBatch, ENTRY_SCHEMA);
    }

    @Test
    void testTimeTravel()
    {
        assertQuery("SELECT node_id, version, inner_rows FROM \"entries$records\" FOR VERSION AS OF 3 WHERE node_id = '%s'".formatted(NODE_C), "VALUES ('%s', 1, 3)".formatted(NODE_C));
        assertQuery("SELECT count(*), sum(inner_rows) FROM \"entries$records\" FOR VERSION AS OF 3", "VALUES (5, 15)");
        assertQuery("SELECT count(*), sum(inner_rows) FROM \"entries$records\" FOR VERSION AS OF 1", "VALUES (2, 8)");
        assertQueryFails("SELECT * FROM \"entries$records\" FOR VERSION AS OF 99", "Table ops.entries has no version 99: its latest version is 5");
    }

    @Test
    void testBadRecordsGiveTheirErrorAndNeverFail()
    {
        MaterializedResult result = computeActual("SELECT node_id, content_length, batches, inner_rows, schema, error FROM broken.\"truncated$records\" ORDER BY node_id DESC");
        assertThat(result.getRowCount()).isEqualTo(2);
        MaterializedRow bad = result.getMaterializedRows().get(0);
        assertThat(bad.getField(0)).isEqualTo(NODE_A);
        assertThat(bad.getField(1)).isEqualTo((long) ArrowStreams.entries(1, 5, 41).length / 2);
        assertThat(bad.getField(2)).isNull();
        assertThat(bad.getField(3)).isNull();
        assertThat(bad.getField(4)).isNull();
        // the message a query of the table fails with
        assertThat((String) bad.getField(5)).matches(
                "Table broken.truncated, data file file:///.*/node_id=%s/.*\\.parquet, record 0, \\$node_id=%s, \\$version=1 has a corrupt Arrow IPC stream: .*".formatted(NODE_A, NODE_A));
        assertQueryFails("SELECT count(*) FROM broken.truncated", Pattern.quote((String) bad.getField(5)));
        assertThat(result.getMaterializedRows().get(1).getFields()).containsExactly(NODE_B, (long) ArrowStreams.entries(1, 5, 41).length, 1L, 5L, ENTRY_SCHEMA, null);

        // the newest record is not Arrow at all: the table cannot be described, its records can
        assertQuery("SELECT node_id, inner_rows, error IS NULL FROM broken.\"newest_bad$records\"", "VALUES ('%s', 2, true), ('%s', NULL, false)".formatted(NODE_A, NODE_B));
    }

    @Test
    void testCompressedBodies()
            throws IOException
    {
        for (String codec : List.of("lz4", "zstd")) {
            MaterializedRow row = computeActual("SELECT compression, batches, inner_rows, error FROM compressed.\"%s$records\"".formatted(codec)).getMaterializedRows().getFirst();
            assertThat(row.getField(0)).isEqualTo(codec.equals("lz4") ? "lz4_frame" : "zstd");
            assertThat(row.getField(1)).isEqualTo(recordBatchMessages(compressedStream(codec))).isNotEqualTo(1L);
            assertThat(row.getField(2)).isEqualTo(computeScalar("SELECT count(*) FROM compressed.\"%s\"".formatted(codec)));
            assertThat(row.getField(3)).isNull();
        }
    }

    @Test
    void testMultiRecordSnappyFilesWithNullContentAndDeletedRecords()
    {
        List<String> expected = new ArrayList<>();
        long rows = 0;
        for (Record record : snappyRecords()) {
            int position = (int) record.version() - 1;
            if (record.nodeId().equals(NODE_A) && DELETED_ROWS.contains(position)) {
                continue;
            }
            if (nullContent(record)) {
                expected.add("('%s', %s, NULL, 0, 0, NULL, NULL)".formatted(record.nodeId(), record.version()));
            }
            else {
                Content content = content(record.version());
                expected.add("('%s', %s, %s, %s, %s, 'none', '%s')".formatted(record.nodeId(), record.version(), record.content().length, content.batches(), content.rows(), ENTRY_SCHEMA));
                rows += content.rows();
            }
        }
        assertThat(expected).hasSize(2 * SNAPPY_RECORDS_PER_NODE - DELETED_ROWS.size());
        assertQuery("SELECT node_id, version, content_length, batches, inner_rows, compression, schema FROM cc.\"snappy$records\"", "VALUES " + join(", ", expected));
        assertThat(computeScalar("SELECT sum(inner_rows) FROM cc.\"snappy$records\"")).isEqualTo(computeScalar("SELECT count(*) FROM cc.snappy")).isEqualTo(rows);
        assertQuery("SELECT count(*) FROM cc.\"snappy$records\" WHERE error IS NOT NULL", "VALUES 0");
    }

    @Test
    void testPartitionPruning()
    {
        String query = "SELECT count(*), sum(inner_rows) FROM \"entries$records\"";
        long all = physicalInputBytes(query);
        long nodeA = physicalInputBytes(query + " WHERE node_id = '%s'".formatted(NODE_A));
        long nodeB = physicalInputBytes(query + " WHERE node_id = '%s'".formatted(NODE_B));
        assertThat(nodeA).isPositive().isLessThan(all);
        assertThat(nodeB).isPositive().isLessThan(all);
        // the files of one partition are read, and only those: removed node C's are never listed
        assertThat(nodeA + nodeB).isEqualTo(all);
        assertThat(physicalInputBytes(query + " WHERE node_id = 'ffffffffffffffff'")).isZero();
        assertQuery(query + " WHERE node_id = '%s'".formatted(NODE_A), "VALUES (3, 11)");
        // and on the data file's path
        String path = (String) computeScalar("SELECT path FROM \"entries$records\" WHERE node_id = '%s' AND version = 2".formatted(NODE_A));
        assertThat(physicalInputBytes(query + " WHERE path = '%s'".formatted(path))).isPositive().isLessThan(nodeA);
        assertQuery(query + " WHERE path = '%s'".formatted(path), "VALUES (1, 4)");
    }

    @Test
    void testReadsHeadersOnlyWhereContentIsStoredPlainly()
            throws IOException
    {
        long fileSize;
        try (Stream<Path> files = Files.walk(root.resolve("big/plain"))) {
            fileSize = files.filter(file -> file.toString().endsWith(".parquet") && !file.toString().contains("_delta_log")).mapToLong(TestingPond::size).sum();
        }
        assertThat(fileSize).isGreaterThan(LARGE_RECORD.length).isGreaterThan(3L << 20);
        assertQuery("SELECT batches, inner_rows, content_length FROM big.\"plain$records\"", "VALUES (3, 150000, %s)".formatted(LARGE_RECORD.length));
        // the footer, the page header and the IPC message headers: a small part of the file
        assertThat(physicalInputBytes("SELECT * FROM big.\"plain$records\"")).isPositive().isLessThan(fileSize / 10);
    }

    @Test
    void testStatistics()
    {
        // the record statistics in the log count the records of every file of the table
        assertQuery("SHOW STATS FOR \"entries$records\"", "VALUES " + join(", ",
                "('node_id', NULL, NULL, NULL, NULL, NULL, NULL)",
                "('timestamp', NULL, NULL, NULL, NULL, NULL, NULL)",
                "('version', NULL, NULL, NULL, NULL, NULL, NULL)",
                "('path', NULL, NULL, NULL, NULL, NULL, NULL)",
                "('content_length', NULL, NULL, NULL, NULL, NULL, NULL)",
                "('batches', NULL, NULL, NULL, NULL, NULL, NULL)",
                "('inner_rows', NULL, NULL, NULL, NULL, NULL, NULL)",
                "('compression', NULL, NULL, NULL, NULL, NULL, NULL)",
                "('schema', NULL, NULL, NULL, NULL, NULL, NULL)",
                "('error', NULL, NULL, NULL, NULL, NULL, NULL)",
                "(NULL, NULL, NULL, NULL, 5, NULL, NULL)"));
        assertThat(rowCountEstimate("SELECT * FROM \"entries$records\" WHERE node_id = '%s'".formatted(NODE_A))).isEqualTo(3.0);
        assertThat(rowCountEstimate("SELECT * FROM \"entries$records\" FOR VERSION AS OF 3")).isEqualTo(5.0);
        // files without record statistics: unknown
        assertThat(rowCountEstimate("SELECT * FROM cc.\"snappy$records\"")).isNull();
    }

    private Double rowCountEstimate(String query)
    {
        MaterializedResult stats = computeActual("SHOW STATS FOR (%s)".formatted(query));
        return (Double) stats.getMaterializedRows().getLast().getField(4);
    }

    private long physicalInputBytes(String query)
    {
        return computeActual(query).getStatementStats().orElseThrow().getPhysicalInputBytes();
    }

    private static byte[] compressedStream(String codec)
            throws IOException
    {
        return Files.readAllBytes(COMPRESSION.resolve("generated_%s.stream".formatted(codec)));
    }

    private static long recordBatchMessages(byte[] stream)
    {
        long batches = 0;
        IpcMessageReader messages = new IpcMessageReader(Slices.wrappedBuffer(stream));
        for (IpcMessage message = messages.next(); message != null; message = messages.next()) {
            if (message.headerType() == MessageHeader.RecordBatch) {
                batches++;
            }
        }
        return batches;
    }

    private record Content(int batches, int rowsPerBatch, long seed)
    {
        long rows()
        {
            return (long) batches * rowsPerBatch;
        }
    }

    private static Content content(long version)
    {
        return new Content(1 + (int) version % 2, 5 + (int) version, version);
    }

    private static boolean nullContent(Record record)
    {
        return record.version() % 4 == 1;
    }

    private static List<Record> snappyRecords()
    {
        List<Record> records = new ArrayList<>();
        for (String node : List.of(NODE_A, NODE_B)) {
            for (long version = 1; version <= SNAPPY_RECORDS_PER_NODE; version++) {
                Content content = content(version);
                records.add(record(node, version, ArrowStreams.entries(content.batches(), content.rowsPerBatch(), content.seed() + (node.equals(NODE_A) ? 0 : 100))));
            }
        }
        return records;
    }
}
