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

import io.bytestream.trino.delta.TrinoFileIO;
import io.bytestream.trino.error.BytestreamErrorCode;
import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.RecordTableWriter;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.record;
import static io.bytestream.trino.delta.TestingDeltaCommits.rewriteTags;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_BAD_DATA_FILE;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_BAD_DELTA_LOG;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_BAD_RECORD;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_FILESYSTEM_ERROR;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_MISSING_DATA_FILE;
import static io.trino.testing.assertions.TrinoExceptionAssert.assertTrinoExceptionThrownBy;
import static java.lang.Math.toIntExact;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Faults injected into the files of record tables: every one fails a query with the connector's own error code
 * and a message naming the table and the file or location, never with an internal error or a wrong result.
 */
final class TestBytestreamFaults
        extends AbstractTestQueryFramework
{
    private static final String BUCKET = "pond";
    private static final String S3_ROOT = "s3://%s/ponds".formatted(BUCKET);
    private static final int MAGIC_LENGTH = 4;
    private static final byte[] SECOND_RECORD = ArrowStreams.entries(2, 20, 62);

    private final Map<String, String> dataFiles = new HashMap<>();
    private final Map<String, Long> dataFileSizes = new HashMap<>();
    private Path root;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = Files.createTempDirectory("bytestream-faults");

        Files.delete(writeRecords("missing_file"));

        Path shortFile = writeRecords("short_file");
        truncate(shortFile, Files.size(shortFile) / 2);

        Path cutFooter = writeRecords("cut_footer");
        truncate(cutFooter, Files.size(cutFooter) - Integer.BYTES - MAGIC_LENGTH - footerLength(cutFooter) / 2);

        Path garbageHeader = writeRecords("garbage_ipc_header");
        overwrite(garbageHeader, indexOf(garbageHeader, SECOND_RECORD), garbage(16));

        Path garbageLength = writeRecords("garbage_value_length");
        overwrite(garbageLength, indexOf(garbageLength, SECOND_RECORD) - Integer.BYTES, garbage(Integer.BYTES));

        Path directory = writeRecords("directory_file");
        Files.delete(directory);
        Files.createDirectory(directory);

        Path garbageCommit = writeCommits("garbage_commit", false);
        Files.writeString(garbageCommit.resolve("_delta_log/00000000000000000001.json"), "this is not a Delta commit\n");

        Path missingCommit = writeCommits("missing_commit", false);
        Files.delete(missingCommit.resolve("_delta_log/00000000000000000001.json"));

        Path checkpoint = writeCommits("corrupt_checkpoint", true).resolve("_delta_log/00000000000000000002.checkpoint.parquet");
        overwrite(checkpoint, Files.size(checkpoint) / 4, garbage(toIntExact(Files.size(checkpoint) / 2)));

        Files.delete(writeCommits("missing_checkpoint", true).resolve("_delta_log/00000000000000000002.checkpoint.parquet"));

        QueryRunner queryRunner = BytestreamQueryRunner.builder(root).build();

        TestingS3Server s3 = closeAfterClass(new TestingS3Server());
        s3.createBucket(BUCKET);
        TestingPond.writeEntries(RecordTableWriter.open(DefaultEngine.create(new TrinoFileIO(s3.fileSystem())), S3_ROOT + "/testing/entries"));
        queryRunner.createCatalog("s3", BytestreamConnectorFactory.CONNECTOR_NAME, s3.catalogProperties(S3_ROOT));
        Map<String, String> wrongKey = new HashMap<>(s3.catalogProperties(S3_ROOT));
        wrongKey.put("s3.aws-secret-key", "not-the-secret-key");
        queryRunner.createCatalog("wrong_key", BytestreamConnectorFactory.CONNECTOR_NAME, wrongKey);
        queryRunner.createCatalog("no_bucket", BytestreamConnectorFactory.CONNECTOR_NAME, s3.catalogProperties("s3://no-such-bucket/ponds"));
        return queryRunner;
    }

    @AfterAll
    void deletePond()
            throws IOException
    {
        deleteRecursively(root, ALLOW_INSECURE);
    }

    @Test
    void testMissingDataFile()
    {
        // a folder in place of the data file reads as no file
        for (String table : List.of("missing_file", "directory_file")) {
            for (String sql : List.of("SELECT count(*) FROM faults." + table, "SELECT max(name) FROM faults." + table)) {
                assertFails(sql, BYTESTREAM_MISSING_DATA_FILE, "Table faults.%s: data file %s named by the Delta log does not exist".formatted(table, dataFileOf(table)));
            }
        }
    }

    @Test
    void testDataFileShorterThanTheLogSays()
    {
        for (String table : List.of("short_file", "cut_footer")) {
            for (String sql : List.of("SELECT count(*) FROM faults." + table, "SELECT max(name) FROM faults." + table)) {
                assertFails(sql, BYTESTREAM_BAD_DATA_FILE, "Table faults.%s: data file %s is shorter than the %s bytes the Delta log records for it".formatted(table, dataFileOf(table), dataFileSizes.get(table)));
            }
        }
    }

    @Test
    void testGarbageInTheContentColumnChunk()
    {
        // the record named with its version both where the outer columns are read with the content and where they are not;
        // the writer stores page checksums, so the page holding records 0 to 2 fails its checksum before any IPC stream is read
        for (String sql : List.of("SELECT count(*) FROM faults.garbage_ipc_header", "SELECT max(name) FROM faults.garbage_ipc_header", "SELECT \"$timestamp\", max(name) FROM faults.garbage_ipc_header GROUP BY 1")) {
            assertFails(sql, BYTESTREAM_BAD_RECORD,
                    "Table faults.garbage_ipc_header, data file %s, record 0, \\$node_id=%s, \\$version=1 is corrupt: its Parquet page at byte \\d+, holding records 0 to 2 of the file, fails its CRC32 checksum .+".formatted(dataFileOf("garbage_ipc_header"), NODE_A));
        }
        for (String sql : List.of("SELECT count(*) FROM faults.garbage_value_length", "SELECT max(name) FROM faults.garbage_value_length")) {
            // a value length is inside the checksummed page too: its records are bad, not the data file
            assertFails(sql, BYTESTREAM_BAD_RECORD,
                    "Table faults.garbage_value_length, data file %s, record 0, \\$node_id=%s, \\$version=1 is corrupt: its Parquet page at byte \\d+, holding records 0 to 2 of the file, fails its CRC32 checksum .+".formatted(dataFileOf("garbage_value_length"), NODE_A));
        }
    }

    @Test
    void testCorruptCommitFile()
    {
        assertFails("SELECT count(*) FROM faults.garbage_commit", BYTESTREAM_BAD_DELTA_LOG,
                "(?s)Cannot describe table faults.garbage_commit from its Delta log at %s: .*Could not parse JSON: this is not a Delta commit.*".formatted(tableLocation("garbage_commit")));
    }

    @Test
    void testMissingCommitFile()
    {
        assertFails("SELECT count(*) FROM faults.missing_commit", BYTESTREAM_BAD_DELTA_LOG,
                "Cannot read the Delta log of table faults.missing_commit at %s: .*versions are not contiguous: \\(\\[0, 2, 3]\\)".formatted(tableLocation("missing_commit")));
    }

    @Test
    void testCorruptCheckpoint()
    {
        assertFails("SELECT count(*) FROM faults.corrupt_checkpoint", BYTESTREAM_BAD_DELTA_LOG,
                "(?s)Cannot describe table faults.corrupt_checkpoint from its Delta log at %s: .*Error reading Parquet file: .*/_delta_log/00000000000000000002.checkpoint.parquet.*".formatted(tableLocation("corrupt_checkpoint")));
    }

    @Test
    void testLastCheckpointNamesAMissingCheckpoint()
    {
        // _last_checkpoint is a hint: with the checkpoint gone, the log is replayed from its first commit
        assertQuery("SELECT \"$node_id\", \"$version\", count(*) FROM faults.missing_checkpoint GROUP BY 1, 2",
                "VALUES ('%s', 1, 2), ('%s', 2, 3), ('%s', 1, 4)".formatted(NODE_A, NODE_A, NODE_B));
    }

    @Test
    @Timeout(60)
    void testWrongS3Credentials()
    {
        assertFails("SELECT count(*) FROM wrong_key.testing.entries", BYTESTREAM_BAD_DELTA_LOG,
                "Cannot read the Delta log of table testing.entries at s3://pond/ponds/testing/entries: Failed to list the files in delta log: .+");
        assertFails("SHOW SCHEMAS FROM wrong_key", BYTESTREAM_FILESYSTEM_ERROR, ".*Cannot list s3://pond/ponds: Failed to list location: s3://pond/ponds: .+");
        assertFails("SHOW TABLES FROM wrong_key.testing", BYTESTREAM_FILESYSTEM_ERROR, "Cannot check schema folder s3://pond/ponds/testing: Failed to list location: s3://pond/ponds/testing: .+");
        assertQuery("SELECT count(*) FROM s3.testing.entries", "VALUES 13");
    }

    @Test
    @Timeout(60)
    void testMissingBucket()
    {
        assertFails("SELECT count(*) FROM no_bucket.testing.entries", BYTESTREAM_BAD_DELTA_LOG,
                "Cannot read the Delta log of table testing.entries at s3://no-such-bucket/ponds/testing/entries: Failed to list the files in delta log: .+");
        assertFails("SHOW SCHEMAS FROM no_bucket", BYTESTREAM_FILESYSTEM_ERROR, ".*Cannot list s3://no-such-bucket/ponds: Failed to list location: s3://no-such-bucket/ponds: .+");
        assertFails("SHOW TABLES FROM no_bucket.testing", BYTESTREAM_FILESYSTEM_ERROR, "Cannot check schema folder s3://no-such-bucket/ponds/testing: Failed to list location: s3://no-such-bucket/ponds/testing: .+");
    }

    private void assertFails(String sql, BytestreamErrorCode errorCode, String messagePattern)
    {
        assertTrinoExceptionThrownBy(() -> computeActual(sql))
                .hasErrorCode(errorCode)
                .hasMessageMatching(messagePattern);
    }

    private String dataFileOf(String table)
    {
        return Pattern.quote(dataFiles.get(table));
    }

    private String tableLocation(String table)
    {
        return Pattern.quote(root.toUri() + "faults/" + table);
    }

    /**
     * {@code faults.<name>}: node A's data file (returned, remembered with its size) holds three records, of versions 1 to 3,
     * the second being {@link #SECOND_RECORD}; node B's newer data file, from which the table is described, is intact.
     */
    private Path writeRecords(String name)
            throws InterruptedException
    {
        Path table = root.resolve("faults").resolve(name);
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        writer.append(List.of(
                record(NODE_A, 1, ArrowStreams.entries(1, 20, 61)),
                record(NODE_A, 2, SECOND_RECORD),
                record(NODE_A, 3, ArrowStreams.entries(1, 20, 63))));
        // a later modification time than node A's file: the table is described from node B's record
        Thread.sleep(10);
        writer.append(List.of(record(NODE_B, 1, ArrowStreams.entries(1, 3, 64))));
        // without record statistics count(*) opens the files, and meets the damage done to them below; with them it is
        // answered from the log without reading, as Trino's Delta Lake connector does
        rewriteTags(table, _ -> null);
        Path file = TestingPond.dataFiles(table, NODE_A).getFirst();
        dataFiles.put(name, file.toUri().toString());
        dataFileSizes.put(name, TestingPond.size(file));
        return file;
    }

    /** {@code faults.<name>}: versions 0 (created) to 3, each of 1 to 3 appending one record; with a checkpoint of version 2. */
    private Path writeCommits(String name, boolean checkpoint)
    {
        Path table = root.resolve("faults").resolve(name);
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        writer.append(List.of(record(NODE_A, 1, ArrowStreams.entries(1, 2, 71))));
        writer.append(List.of(record(NODE_A, 2, ArrowStreams.entries(1, 3, 72))));
        if (checkpoint) {
            writer.checkpoint();
        }
        writer.append(List.of(record(NODE_B, 1, ArrowStreams.entries(1, 4, 73))));
        return table;
    }

    private static int footerLength(Path file)
            throws IOException
    {
        byte[] bytes = Files.readAllBytes(file);
        return ByteBuffer.wrap(bytes, bytes.length - Integer.BYTES - MAGIC_LENGTH, Integer.BYTES).order(LITTLE_ENDIAN).getInt();
    }

    /** Where {@code content} is stored in the file: the writer stores the content column uncompressed and PLAIN-encoded. */
    private static long indexOf(Path file, byte[] content)
            throws IOException
    {
        byte[] bytes = Files.readAllBytes(file);
        for (int start = 0; start + content.length <= bytes.length; start++) {
            if (Arrays.equals(bytes, start, start + content.length, content, 0, content.length)) {
                return start;
            }
        }
        throw new IllegalStateException("%s does not hold the content".formatted(file));
    }

    private static byte[] garbage(int length)
    {
        byte[] garbage = new byte[length];
        Arrays.fill(garbage, (byte) 0xA5);
        return garbage;
    }

    private static void overwrite(Path file, long position, byte[] bytes)
            throws IOException
    {
        try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
            access.seek(position);
            access.write(bytes);
        }
    }

    private static void truncate(Path file, long length)
            throws IOException
    {
        try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
            access.setLength(length);
        }
    }
}
