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

import io.bytestream.trino.TestingDuckpondTables.Record;
import io.trino.Session;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.bytestream.trino.BytestreamQueryRunner.CATALOG;
import static io.bytestream.trino.SplitPlanningMetrics.FILES_PLANNED;
import static io.bytestream.trino.SplitPlanningMetrics.FILES_SKIPPED_BY_PARTITION;
import static io.bytestream.trino.TestingDuckpondTables.DATA;
import static io.bytestream.trino.TestingDuckpondTables.DIRECTORY;
import static io.bytestream.trino.TestingDuckpondTables.IMPORTED_POND;
import static io.bytestream.trino.TestingDuckpondTables.POND;
import static io.bytestream.trino.TestingDuckpondTables.SERIES;
import static io.bytestream.trino.TestingDuckpondTables.entryRows;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_BAD_RECORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table shaped like duckpond's data table ({@link TestingDuckpondTables}): only directory records hold Arrow IPC, so
 * the directory entries are read by skipping the other records as bad records, or, failing on bad records, by
 * selecting directory records on {@code "$file_type"} before any content is decoded.
 */
final class TestBytestreamDuckpondTable
        extends AbstractTestQueryFramework
{
    private static final String TABLE = "duckpond.oplog";
    private static final String ONLY_DIRECTORIES = "\"$file_type\" = '" + DIRECTORY + "'";

    private Path root;
    private List<Record> records;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = Files.createTempDirectory("bytestream-duckpond");
        records = TestingDuckpondTables.records(Files.createDirectories(root.resolve("scratch")));
        TestingDuckpondTables.write(root.resolve("duckpond/oplog"), records);
        return BytestreamQueryRunner.builder(root).build();
    }

    @AfterAll
    void deletePond()
            throws IOException
    {
        deleteRecursively(root, ALLOW_INSECURE);
    }

    @Test
    void testColumnsAreTheDirectoryEntry()
    {
        assertThat(computeActual("SELECT * FROM %s WHERE %s".formatted(TABLE, ONLY_DIRECTORIES)).getColumnNames())
                .containsExactly("name", "child_node_id", "entry_type", "version_last_modified", "pond_id");
        assertThat(computeActual("SELECT typeof(\"$pond_id\"), typeof(\"$part_id\"), typeof(\"$timestamp\"), typeof(\"$txn_seq\"), typeof(\"$bao_outboard\") FROM %s WHERE %s LIMIT 1".formatted(TABLE, ONLY_DIRECTORIES))
                .getMaterializedRows().getFirst().getFields())
                .containsExactly("varchar", "varchar", "timestamp(6) with time zone", "bigint", "varbinary");
    }

    @Test
    void testSkipReadsTheDirectoryEntries()
    {
        String entries = "SELECT \"$node_id\", \"$version\", name, child_node_id, entry_type FROM " + TABLE;
        assertQuery(mode("SKIP"), entries, entryRows(records));
        assertQuery(mode("SKIP"), "SELECT count(*) FROM %s WHERE NOT %s".formatted(TABLE, ONLY_DIRECTORIES), "VALUES 0");
        assertThat(query(entries)).failure().hasErrorCode(BYTESTREAM_BAD_RECORD);
    }

    @Test
    void testFailReadsTheDirectoryEntriesSelectedByFileType()
    {
        assertQuery("SELECT \"$node_id\", \"$version\", name, child_node_id, entry_type FROM %s WHERE %s".formatted(TABLE, ONLY_DIRECTORIES), entryRows(records));
        assertQuery("SELECT \"$node_id\", \"$version\", name, child_node_id, entry_type FROM %s WHERE \"$file_type\" LIKE 'dir:%%'".formatted(TABLE), entryRows(records));
        // the newest version of each directory, its entries imported from another pond
        assertQuery("""
                SELECT entry."$pond_id", entry.name, entry.pond_id
                FROM %1$s entry
                JOIN (SELECT "$node_id" node, max("$version") version FROM %1$s WHERE %2$s GROUP BY 1) newest
                    ON entry."$node_id" = newest.node AND entry."$version" = newest.version
                WHERE entry.%2$s
                """.formatted(TABLE, ONLY_DIRECTORIES),
                "VALUES ('%1$s', 'data', NULL), ('%1$s', 'README.md', NULL), ('%1$s', 'metrics.parquet', NULL), ('%2$s', 'big.series', NULL), ('%3$s', 'notes.txt', '%3$s')"
                        .formatted(POND, POND, IMPORTED_POND));
    }

    @Test
    void testNullContentContributesNothing()
    {
        String series = "SELECT count(*) FROM %s WHERE \"$file_type\" = '%s'".formatted(TABLE, SERIES);
        assertQuery(series, "VALUES 0");
        assertQuery(mode("SKIP"), series, "VALUES 0");
        assertQuery(mode("FLAG"), series, "VALUES 0");
    }

    @Test
    void testFlagGivesOneRowPerRecordThatIsNotIpc()
    {
        assertQuery(mode("FLAG"), "SELECT \"$node_id\", \"$file_type\", name IS NULL, \"$decode_error\" IS NOT NULL FROM %s WHERE \"$content_corrupt\"".formatted(TABLE),
                "VALUES " + String.join(", ", records(record -> !record.directory() && record.content() != null).stream()
                        .map(record -> "('%s', '%s', true, true)".formatted(record.nodeId(), record.fileType()))
                        .toList()));
        assertQuery(mode("FLAG"), "SELECT \"$node_id\", \"$version\", name, child_node_id, entry_type FROM %s WHERE NOT \"$content_corrupt\"".formatted(TABLE), entryRows(records));
    }

    @Test
    void testRecordsTableListsEveryRecord()
    {
        assertQuery("SELECT node_id, file_type, version, pond_id, part_id, content_length, error IS NULL FROM duckpond.\"oplog$records\"",
                "VALUES " + String.join(", ", records.stream()
                        .map(record -> "('%s', '%s', %s, '%s', '%s', %s, %s)".formatted(
                                record.nodeId(),
                                record.fileType(),
                                record.version(),
                                record.pondId(),
                                record.partId(),
                                record.content() == null ? "NULL" : record.content().length,
                                record.directory() || record.content() == null))
                        .toList()));
        assertQuery("SELECT node_id, version, inner_rows FROM duckpond.\"oplog$records\" WHERE error IS NULL AND content_length > 0",
                "VALUES " + String.join(", ", records(Record::directory).stream()
                        .map(record -> "('%s', %s, %s)".formatted(record.nodeId(), record.version(), record.entries().size()))
                        .toList()));
    }

    @Test
    void testPartitionPruning()
    {
        assertPrunedTo("\"$pond_id\" = '%s'".formatted(IMPORTED_POND), record -> record.pondId().equals(IMPORTED_POND), 1, 2);
        assertPrunedTo("\"$pond_id\" = '%s'".formatted(POND), record -> record.pondId().equals(POND), 2, 1);
        assertPrunedTo("\"$part_id\" = '%s'".formatted(DATA), record -> record.partId().equals(DATA), 1, 2);
        assertPrunedTo("\"$pond_id\" = '%s' AND \"$part_id\" <> '%s'".formatted(POND, DATA), record -> record.pondId().equals(POND) && !record.partId().equals(DATA), 1, 2);
    }

    /** The predicate reads the directory entries of the records it selects from {@code planned} data files, skipping {@code skipped}. */
    private void assertPrunedTo(String predicate, Predicate<Record> selected, long planned, long skipped)
    {
        String entries = "SELECT \"$node_id\", \"$version\", name, child_node_id, entry_type FROM %s WHERE %s AND %s".formatted(TABLE, ONLY_DIRECTORIES, predicate);
        assertThat(TestingQueryStats.splitSourceMetrics(getDistributedQueryRunner(), getSession(), entries))
                .containsEntry(FILES_PLANNED, planned)
                .containsEntry(FILES_SKIPPED_BY_PARTITION, skipped);
        assertQuery(entries, entryRows(records(selected.and(Record::directory))));
    }

    private List<Record> records(Predicate<Record> filter)
    {
        return records.stream().filter(filter).toList();
    }

    private Session mode(String badRecordHandling)
    {
        return Session.builder(getSession()).setCatalogSessionProperty(CATALOG, "bad_record_handling", badRecordHandling).build();
    }
}
