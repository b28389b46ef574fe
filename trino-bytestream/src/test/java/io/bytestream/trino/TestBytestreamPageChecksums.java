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

import io.bytestream.trino.TestingColumnMappedTables.FileLayout;
import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.Record;
import io.trino.Session;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.bytestream.trino.TestingColumnMappedTables.NODE_ID_PHYSICAL;
import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.record;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_BAD_RECORD;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.apache.parquet.column.ParquetProperties.WriterVersion.PARQUET_2_0;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.UNCOMPRESSED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parquet page checksums of the content column: a byte flipped inside a record's values, which decodes to a wrong
 * value where nothing checks, is a bad record where the writer stored the page's CRC32, whichever way the page is
 * read (by the connector's own page walk, by range where the record lies in the file, by Trino's Parquet reader).
 */
final class TestBytestreamPageChecksums
        extends AbstractTestQueryFramework
{
    // records v1..v3 of nodes A and B; record v holds 10 + v entries named entry-v-<row>
    private static final List<Record> RECORDS = Stream.of(1L, 2L, 3L)
            .flatMap(version -> Stream.of(NODE_A, NODE_B).map(node -> record(node, version, ArrowStreams.entries(1, 10 + version.intValue(), version))))
            .toList();
    // node A's records v1..v4 of the same content, which parquet-mr stores once, in the dictionary page
    private static final List<Record> REPEATED_RECORDS = Stream.of(1L, 2L, 3L, 4L)
            .map(version -> record(NODE_A, version, ArrowStreams.entries(1, 12, 2)))
            .toList();
    // the first entry name of node A's record v2 (file row 1), flipped to "entrx-2-0"; where a compressed page holds
    // several records, the first record's, which the others' names are compressed against
    private static final String RECORD_2_VALUE = "entry-2-";
    private static final String RECORD_1_VALUE = "entry-1-";
    private static final String CORRUPT_PAGE = "its Parquet page at byte \\d+, holding %s of the file, fails its CRC32 checksum \\(stored \\p{XDigit}{8}, computed \\p{XDigit}{8}\\)";

    private Path root;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = Files.createTempDirectory("bytestream-page-checksums");
        // uncompressed, PLAIN, one record a page: records are read where they lie in the file
        writeWithFlippedValue(root.resolve("checksums/plain"), RECORD_2_VALUE, FileLayout.spark(UNCOMPRESSED).withDictionary(false, 1024).withRecordLimits(1, Integer.MAX_VALUE));
        writeWithFlippedValue(root.resolve("checksums/plain_v2"), RECORD_2_VALUE, FileLayout.spark(UNCOMPRESSED).withDictionary(false, 1024).withWriterVersion(PARQUET_2_0));
        // compressed: records are read by Trino's Parquet reader, counted by the connector's page walk
        writeWithFlippedValue(root.resolve("checksums/snappy"), RECORD_2_VALUE, FileLayout.spark(SNAPPY).withDictionary(false, 1024).withRecordLimits(1, Integer.MAX_VALUE));
        writeWithFlippedValue(root.resolve("checksums/snappy_v2"), RECORD_1_VALUE, FileLayout.spark(SNAPPY).withDictionary(false, 1024).withWriterVersion(PARQUET_2_0));
        // Spark's layout: the records are values of the dictionary page
        writeWithFlippedValue(root.resolve("checksums/snappy_dictionary"), REPEATED_RECORDS, RECORD_2_VALUE, FileLayout.spark(SNAPPY));
        writeWithFlippedValue(root.resolve("checksums/unverified"), RECORD_2_VALUE, FileLayout.spark(UNCOMPRESSED).withDictionary(false, 1024).withRecordLimits(1, Integer.MAX_VALUE).withPageChecksums(false));
        writeWithFlippedValue(root.resolve("checksums/snappy_unverified"), RECORD_2_VALUE, FileLayout.spark(SNAPPY).withDictionary(false, 1024).withRecordLimits(1, Integer.MAX_VALUE).withPageChecksums(false));
        return BytestreamQueryRunner.builder(root).build();
    }

    @Test
    void testFlippedValueWithoutChecksumsReadsAsWrongValue()
    {
        for (String table : List.of("unverified", "snappy_unverified")) {
            assertThat(computeScalar("SELECT count(*) FROM checksums.%s WHERE name = 'entrx-2-0'".formatted(table))).isEqualTo(1L);
            assertThat(computeScalar("SELECT count(*) FROM checksums.%s WHERE name = 'entry-2-0'".formatted(table))).isEqualTo(1L);
            assertQuery("SELECT count(*) FROM checksums.%s".formatted(table), "VALUES 72");
        }
    }

    @Test
    void testFlippedValueReadsAsWrongValueWithVerificationDisabled()
            throws Exception
    {
        try (QueryRunner unverified = BytestreamQueryRunner.builder(root).setWorkerCount(0).addConnectorProperty("bytestream.verify-checksums", "false").build()) {
            for (String table : List.of("plain", "snappy")) {
                assertThat(unverified.execute(getSession(), "SELECT count_if(name = 'entrx-2-0'), count_if(name = 'entry-2-0'), count(*) FROM checksums." + table).getMaterializedRows())
                        .singleElement()
                        .satisfies(row -> assertThat(row.getFields()).containsExactly(1L, 1L, 72L));
            }
        }
    }

    @Test
    void testFlippedValueReadsAsWrongValueWithVerificationDisabledForSession()
    {
        Session unverified = Session.builder(getSession())
                .setCatalogSessionProperty(getSession().getCatalog().orElseThrow(), "verify_checksums", "false")
                .build();
        for (String table : List.of("plain", "snappy")) {
            assertQuery(unverified, "SELECT count_if(name = 'entrx-2-0'), count_if(name = 'entry-2-0'), count(*) FROM checksums." + table, "VALUES (1, 1, 72)");
            assertQueryFails(getSession(), "SELECT count(*) FROM checksums." + table, ".*" + CORRUPT_PAGE.formatted("record 1"));
        }
    }

    @Test
    void testFlippedValueInOneRecordPageIsThatBadRecord()
    {
        for (String table : List.of("plain", "snappy")) {
            String error = ".*Table checksums\\.%s, data file .*%s=%s/part-\\d+\\.\\w+\\.parquet, record 1, \\$node_id=%s, \\$version=2 is corrupt: %s".formatted(table, NODE_ID_PHYSICAL, NODE_A, NODE_A, CORRUPT_PAGE.formatted("record 1"));
            assertQueryFails("SELECT name FROM checksums.%s".formatted(table), error);
            assertQueryFails("SELECT count(*) FROM checksums.%s".formatted(table), error);
            // the other node's file reads as written
            assertQuery("SELECT count(*) FROM checksums.%s WHERE \"$node_id\" = '%s'".formatted(table, NODE_B), "VALUES 36");
        }
    }

    @Test
    void testRecordsTableNamesTheBadRecord()
    {
        for (String table : List.of("plain", "snappy", "plain_v2")) {
            String expectedBad = table.equals("plain_v2") ? "VALUES (1, 1), (2, 1), (3, 1)" : "VALUES (2, 1)";
            assertQuery("SELECT version, count(*) FROM checksums.\"%s$records\" WHERE error IS NOT NULL GROUP BY version".formatted(table), expectedBad);
            assertThat((String) computeScalar("SELECT min(error) FROM checksums.\"%s$records\"".formatted(table))).contains("fails its CRC32 checksum");
        }
    }

    @Test
    void testFlippedValueInPageOfSeveralRecordsIsEachOfThemBad()
    {
        for (String table : List.of("plain_v2", "snappy_v2")) {
            String error = ".*Table checksums\\.%s, data file .*, record 0, \\$node_id=%s, \\$version=1 is corrupt: %s".formatted(table, NODE_A, CORRUPT_PAGE.formatted("records 0 to 2"));
            assertQueryFails("SELECT name FROM checksums.%s".formatted(table), error);
            assertQueryFails("SELECT count(*) FROM checksums.%s".formatted(table), error);
            assertQuery("SELECT count(*) FROM checksums.%s WHERE \"$node_id\" = '%s'".formatted(table, NODE_B), "VALUES 36");
        }
    }

    @Test
    void testFlippedValueInDictionaryPage()
    {
        String error = ".*data file .*, record 0, \\$node_id=%s, \\$version=1 is corrupt: the Parquet dictionary page at byte \\d+, which records 0 to 3 of the file refer to, fails its CRC32 checksum.*".formatted(NODE_A);
        assertQueryFails("SELECT name FROM checksums.snappy_dictionary", error);
        assertQueryFails("SELECT count(*) FROM checksums.snappy_dictionary", error);
    }

    @Test
    void testFlippedValueIsBadRecordInEveryMode()
    {
        // node A's record v2 (12 entries) is bad, read by range where it lies in the file and by Trino's Parquet reader
        for (String table : List.of("plain", "snappy")) {
            assertBadRecords(table, 1, 72 - 12);
        }
        // node A's records v1 to v3, of one page, are bad: node B's 36 entries are left
        for (String table : List.of("plain_v2", "snappy_v2")) {
            assertBadRecords(table, 3, 36);
        }
    }

    private void assertBadRecords(String table, long badRecords, long goodRows)
    {
        String rows = "SELECT count(*), count_if(\"$content_corrupt\"), count(name) FROM checksums." + table;
        assertQuery(mode("SKIP"), rows, "VALUES (%s, 0, %s)".formatted(goodRows, goodRows));
        assertQuery(mode("FLAG"), rows, "VALUES (%s, %s, %s)".formatted(goodRows + badRecords, badRecords, goodRows));
        assertQuery(mode("SKIP"), "SELECT count(*) FROM checksums." + table, "VALUES " + goodRows);
        assertQuery(mode("FLAG"), "SELECT count(*) FROM checksums." + table, "VALUES " + (goodRows + badRecords));
        // the same message wherever the record is named: FLAG's row, FAIL's failure, its row of $records
        String firstError = (String) computeScalar(mode("FLAG"), "SELECT min(\"$decode_error\") FROM checksums." + table);
        assertThat(firstError).contains("fails its CRC32 checksum");
        assertThat(query(mode("FAIL"), "SELECT name FROM checksums." + table)).failure().hasErrorCode(BYTESTREAM_BAD_RECORD).hasMessage(firstError);
        assertThat(computeActual(mode("FLAG"), "SELECT \"$decode_error\" FROM checksums.%s WHERE \"$content_corrupt\"".formatted(table)).getOnlyColumnAsSet())
                .isEqualTo(computeActual("SELECT error FROM checksums.\"%s$records\" WHERE error IS NOT NULL".formatted(table)).getOnlyColumnAsSet());
        // the length of a record whose page fails its checksum is not known
        assertQuery("SELECT count(*), count(content_length) FROM checksums.\"%s$records\" WHERE error IS NOT NULL".formatted(table), "VALUES (%s, 0)".formatted(badRecords));
    }

    private Session mode(String badRecordHandling)
    {
        return Session.builder(getSession()).setCatalogSessionProperty("pond", "bad_record_handling", badRecordHandling).build();
    }

    /** Writes the records, then flips a bit of the first byte-for-byte copy of {@code value} in node A's data file: "entry" becomes "entrx". */
    private static void writeWithFlippedValue(Path table, String value, FileLayout layout)
            throws IOException
    {
        writeWithFlippedValue(table, RECORDS, value, layout);
    }

    private static void writeWithFlippedValue(Path table, List<Record> records, String value, FileLayout layout)
            throws IOException
    {
        TestingColumnMappedTables.write(table, records, layout);
        Path file;
        try (Stream<Path> files = Files.walk(table)) {
            file = files.filter(path -> path.getParent().getFileName().toString().equals(NODE_ID_PHYSICAL + "=" + NODE_A)).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, value.getBytes(US_ASCII));
        assertThat(at).as("the value in %s", file).isNotNegative();
        bytes[at + 4] ^= 1;
        Files.write(file, bytes);
    }

    private static int indexOf(byte[] bytes, byte[] value)
    {
        for (int i = 0; i + value.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + value.length, value, 0, value.length)) {
                return i;
            }
        }
        return -1;
    }
}
