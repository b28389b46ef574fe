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

import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.RecordTableWriter;
import io.trino.Session;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static com.google.common.collect.MoreCollectors.onlyElement;
import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.dataFiles;
import static io.bytestream.trino.TestingPond.record;
import static io.bytestream.trino.delta.TestingDeltaCommits.rewriteTags;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Record statistics describe the records as the writer wrote them: a record corrupted on disk since is a bad record,
 * whose one row under {@code bad_record_handling = 'FLAG'} has every inner column NULL. Queries whose predicate admits
 * that row give the same answer on a table with record statistics as on the same table without (where no file can be
 * skipped); predicates that exclude NULL still skip files.
 */
final class TestBytestreamBadRecordSkipping
        extends AbstractTestQueryFramework
{
    // entry names: A1 entry-1-0..3, B1 entry-2-0..4, A2 entry-3-0..2; A2, node A's newest record, is corrupted on disk
    private static final byte[] A1 = ArrowStreams.entries(1, 4, 1);
    private static final byte[] B1 = ArrowStreams.entries(1, 5, 2);
    private static final byte[] A2 = ArrowStreams.entries(1, 3, 3);
    private static final long GOOD_ROWS = 4 + 5;

    private Path root;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = Files.createTempDirectory("bytestream-bad-record-skipping");
        writeWithCorruptRecord(root.resolve("stale/tagged"));
        // the same, without record statistics: what reading every file gives
        rewriteTags(writeWithCorruptRecord(root.resolve("stale/untagged")), _ -> null);
        return BytestreamQueryRunner.builder(root).build();
    }

    @AfterAll
    void deletePond()
            throws IOException
    {
        deleteRecursively(root, ALLOW_INSECURE);
    }

    /** Writes the records, A2 in a file of its own, then overwrites the metadata length of A2's stream where it lies in that file. */
    private static Path writeWithCorruptRecord(Path table)
    {
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        writer.append(List.of(record(NODE_A, 1, A1), record(NODE_B, 1, B1)));
        writer.append(List.of(record(NODE_A, 2, A2)));
        Path file = fileHolding(table, NODE_A, A2);
        try {
            byte[] bytes = Files.readAllBytes(file);
            int at = indexOf(bytes, A2);
            // after the continuation marker: a metadata length beyond the stream's end, whether or not a page checksum tells first
            ByteBuffer.wrap(bytes, at + Integer.BYTES, Integer.BYTES).order(LITTLE_ENDIAN).putInt(Integer.MAX_VALUE);
            Files.write(file, bytes);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }

    @Test
    void testFixture()
    {
        for (String table : List.of("tagged", "untagged")) {
            assertQuery(flag(), "SELECT \"$node_id\", \"$version\", count(*), count(name), count_if(\"$content_corrupt\") FROM stale.%s GROUP BY 1, 2".formatted(table),
                    "VALUES ('%s', 1, 4, 4, 0), ('%s', 1, 5, 5, 0), ('%s', 2, 1, 0, 1)".formatted(NODE_A, NODE_B, NODE_A));
            assertQuery(skip(), "SELECT count(*), count(name) FROM stale." + table, "VALUES (%s, %s)".formatted(GOOD_ROWS, GOOD_ROWS));
        }
        assertQuery("SELECT version, inner_rows, error IS NOT NULL FROM stale.\"tagged$records\" WHERE node_id = '%s'".formatted(NODE_A), "VALUES (1, 4, false), (2, NULL, true)");
        // the record statistics are those of the records as written: FAIL counts A2's three rows from them, opening no file
        assertQuery("SELECT count(*) FROM stale.tagged", "VALUES " + (GOOD_ROWS + 3));
    }

    @Test
    void testFlaggedRowMatchesPredicatesAdmittingNull()
    {
        String corruptRow = "VALUES ('%s', 2, true)".formatted(NODE_A);
        assertFlagged("SELECT \"$node_id\", \"$version\", \"$content_corrupt\" FROM stale.%s WHERE name IS NULL", corruptRow);
        assertFlagged("SELECT \"$node_id\", \"$version\", \"$content_corrupt\" FROM stale.%s WHERE name IS NULL AND node_id IS NULL", corruptRow);
        assertFlagged("SELECT \"$node_id\", \"$version\", \"$content_corrupt\" FROM stale.%s WHERE \"$content_corrupt\" AND name IS NULL", corruptRow);
        assertFlagged("SELECT count(*) FROM stale.%s WHERE name IS NULL OR name = 'entry-1-0'", "VALUES 2");
        assertFlagged("SELECT count(*), count(\"$decode_error\") FROM stale.%s WHERE coalesce(name, 'none') = 'none'", "VALUES (1, 1)");
        assertFlagged("SELECT count(*) FROM stale.%s WHERE \"$content_corrupt\"", "VALUES 1");
        assertFlagged("SELECT count(*), count(name) FROM stale.%s", "VALUES (%s, %s)".formatted(GOOD_ROWS + 1, GOOD_ROWS));
        // each node's newest record: A2, bad
        assertFlagged("SELECT \"$node_id\", \"$version\", \"$content_corrupt\" FROM stale.\"%s$latest\" WHERE name IS NULL", corruptRow);
        assertFlagged("SELECT count(*) FROM stale.\"%s$latest\" WHERE name IS NULL OR name > 'entry-2'", "VALUES 6");
    }

    @Test
    void testPredicatesExcludingNullStillSkipFiles()
    {
        long fileA1 = TestingPond.size(fileHolding(root.resolve("stale/tagged"), NODE_A, A1));
        assertPhysicalInput(flag(), "SELECT count(*) FROM stale.tagged WHERE name = 'entry-1-0'", fileA1, 1);
        assertPhysicalInput(flag(), "SELECT count(*) FROM stale.tagged WHERE name < 'entry-1-1' AND \"$content_corrupt\" = false", fileA1, 1);
        assertPhysicalInput(flag(), "SELECT count(*) FROM stale.tagged WHERE name > 'entry-9'", 0, 0);
        // SKIP gives a bad record no row: a NULL name is found only where the statistics say
        assertPhysicalInput(skip(), "SELECT count(*) FROM stale.tagged WHERE name IS NULL", 0, 0);
        assertPhysicalInput(skip(), "SELECT count(*) FROM stale.tagged WHERE name = 'entry-1-0'", fileA1, 1);
    }

    /** The query gives {@code expected} under FLAG on the table with record statistics and on the one without. */
    private void assertFlagged(String query, String expected)
    {
        for (String table : List.of("tagged", "untagged")) {
            assertQuery(flag(), query.formatted(table), expected);
        }
    }

    private void assertPhysicalInput(Session session, String query, long bytes, long count)
    {
        assertQueryStats(
                session,
                query,
                stats -> assertThat(stats.getPhysicalInputDataSize().toBytes()).isEqualTo(bytes),
                result -> assertThat(result.getOnlyValue()).isEqualTo(count));
    }

    private Session flag()
    {
        return mode("FLAG");
    }

    private Session skip()
    {
        return mode("SKIP");
    }

    private Session mode(String badRecordHandling)
    {
        return Session.builder(getSession()).setCatalogSessionProperty(BytestreamQueryRunner.CATALOG, "bad_record_handling", badRecordHandling).build();
    }

    /** The node's data file that holds {@code content} byte for byte: the writer stores the content column uncompressed and PLAIN. */
    private static Path fileHolding(Path table, String node, byte[] content)
    {
        return dataFiles(table, node).stream()
                .filter(file -> {
                    try {
                        return indexOf(Files.readAllBytes(file), content) >= 0;
                    }
                    catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .collect(onlyElement());
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
