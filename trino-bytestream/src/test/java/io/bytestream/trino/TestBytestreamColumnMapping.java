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
import io.bytestream.writer.Record;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.bytestream.trino.TestingColumnMappedTables.NODE_ID_PHYSICAL;
import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.record;
import static io.bytestream.trino.delta.TestingDeltaCommits.commitDeletionVector;
import static io.bytestream.trino.delta.TestingDeltaCommits.inline;

/**
 * Record tables with Delta column mapping, as Spark creates them with {@code delta.columnMapping.mode = 'name'} or
 * {@code 'id'}: every column is found by its physical name or Parquet field id, hidden columns keep the schema's
 * names, and renamed and dropped columns behave as the log says.
 */
final class TestBytestreamColumnMapping
        extends AbstractTestQueryFramework
{
    // records v1..v3 of nodes A and B; record v holds 10 + v entries
    private static final List<Record> RECORDS = Stream.of(1L, 2L, 3L)
            .flatMap(version -> Stream.of(NODE_A, NODE_B).map(node -> record(node, version, ArrowStreams.entries(1, 10 + version.intValue(), version))))
            .toList();

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        Path root = Files.createTempDirectory("bytestream-column-mapping");
        TestingColumnMappedTables.write(root.resolve("cm/entries"), RECORDS);
        TestingColumnMappedTables.write(root.resolve("cm/by_id"), RECORDS, TestingColumnMappedTables.Mode.ID);
        TestingColumnMappedTables.write(root.resolve("cm/widened"), RECORDS, TestingColumnMappedTables.Mode.NAME_VERSION_WIDENED);

        Path renamed = root.resolve("cm/renamed");
        TestingColumnMappedTables.write(renamed, RECORDS);
        TestingColumnMappedTables.commitSchema(renamed, 1, "node", "created", "revision", "content");

        // DELETE of node A's v2 on a column-mapped table: compressed pages, three records in the file
        Path deleted = root.resolve("cm/deleted");
        TestingColumnMappedTables.write(deleted, RECORDS);
        Path nodeAFile;
        try (Stream<Path> files = Files.walk(deleted)) {
            nodeAFile = files.filter(file -> file.getParent().getFileName().toString().equals(NODE_ID_PHYSICAL + "=" + NODE_A)).findFirst().orElseThrow();
        }
        commitDeletionVector(deleted, deleted.relativize(nodeAFile).toString(), inline(1));

        Path dropped = root.resolve("cm/dropped");
        TestingColumnMappedTables.write(dropped, RECORDS);
        TestingColumnMappedTables.commitSchema(dropped, 1, "node_id", null, "version", "content");
        return BytestreamQueryRunner.builder(root).build();
    }

    @Test
    void testReadsColumnsByPhysicalNames()
    {
        assertQuery("SELECT count(*), count(name), count(DISTINCT \"$version\") FROM cm.entries", "VALUES (72, 72, 3)");
        assertQuery("SELECT \"$node_id\", \"$version\", count(*) FROM cm.entries GROUP BY 1, 2",
                "VALUES ('%1$s', 1, 11), ('%1$s', 2, 12), ('%1$s', 3, 13), ('%2$s', 1, 11), ('%2$s', 2, 12), ('%2$s', 3, 13)".formatted(NODE_A, NODE_B));
        assertQuery("SELECT max(\"$timestamp\") = TIMESTAMP '2024-05-01 10:00:03.123456 UTC' FROM cm.entries", "VALUES true");
        assertQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = 'cm' AND table_name = 'entries'", "VALUES 'name', 'node_id'");
    }

    @Test
    void testPruningAndSkippingByLogicalNames()
    {
        assertQuery("SELECT count(*) FROM cm.entries WHERE \"$node_id\" = '%s'".formatted(NODE_A), "VALUES 36");
        assertQuery("SELECT count(name) FROM cm.entries WHERE \"$version\" = 2", "VALUES 24");
        assertQuery("SELECT count(*) FROM cm.entries WHERE \"$version\" > 3", "VALUES 0");
        assertQuery("SELECT count(*) FROM cm.entries WHERE \"$timestamp\" >= TIMESTAMP '2024-05-01 10:00:02.123456 UTC'", "VALUES 50");
    }

    @Test
    void testModeIdReadsByParquetFieldIds()
    {
        // the data files name their columns differently from the schema's physical names: only the ids match
        assertQuery("SELECT \"$node_id\", \"$version\", count(*), count(DISTINCT name) FROM cm.by_id GROUP BY 1, 2",
                "VALUES ('%1$s', 1, 11, 11), ('%1$s', 2, 12, 12), ('%1$s', 3, 13, 13), ('%2$s', 1, 11, 11), ('%2$s', 2, 12, 12), ('%2$s', 3, 13, 13)".formatted(NODE_A, NODE_B));
        assertQuery("SELECT count(*) FROM cm.by_id", "VALUES 72");
        assertQuery("SELECT count(*) FROM cm.by_id WHERE \"$version\" = 3 AND \"$node_id\" = '%s'".formatted(NODE_B), "VALUES 13");
        assertQuery("SELECT min(\"$timestamp\") = TIMESTAMP '2024-05-01 10:00:01.123456 UTC' FROM cm.by_id", "VALUES true");
    }

    @Test
    void testTypeWidenedColumn()
    {
        // version is int32 in the data files and long in the schema, as after ALTER COLUMN version TYPE BIGINT
        assertQuery("SELECT typeof(\"$version\"), count(*), sum(\"$version\") FROM cm.widened GROUP BY 1", "VALUES ('bigint', 72, %s)".formatted(2 * (11 + 2 * 12 + 3 * 13)));
        assertQuery("SELECT count(*) FROM cm.widened WHERE \"$version\" = 2", "VALUES 24");
    }

    @Test
    void testDeletionVectorOnCompressedColumnMappedFile()
    {
        assertQuery("SELECT \"$node_id\", \"$version\", count(*), count(DISTINCT name) FROM cm.deleted WHERE \"$node_id\" = '%s' GROUP BY 1, 2".formatted(NODE_A),
                "VALUES ('%1$s', 1, 11, 11), ('%1$s', 3, 13, 13)".formatted(NODE_A));
        assertQuery("SELECT count(*) FROM cm.deleted", "VALUES 72 - 12");
    }

    @Test
    void testRenamedColumns()
    {
        assertQuery("SELECT \"$node\", \"$revision\", count(*) FROM cm.renamed WHERE \"$node\" = '%s' AND \"$revision\" >= 2 GROUP BY 1, 2".formatted(NODE_B),
                "VALUES ('%1$s', 2, 12), ('%1$s', 3, 13)".formatted(NODE_B));
        assertQuery("SELECT min(\"$created\") = TIMESTAMP '2024-05-01 10:00:01.123456 UTC' FROM cm.renamed", "VALUES true");
        assertQueryFails("SELECT \"$version\" FROM cm.renamed", ".*Column '\\$version' cannot be resolved.*");
    }

    @Test
    void testDroppedColumn()
    {
        assertQueryFails("SELECT \"$timestamp\" FROM cm.dropped", ".*Column '\\$timestamp' cannot be resolved.*");
        assertQuery("SELECT count(*), sum(\"$version\") FROM cm.dropped", "VALUES (72, %s)".formatted(2 * (11 + 2 * 12 + 3 * 13)));
    }
}
