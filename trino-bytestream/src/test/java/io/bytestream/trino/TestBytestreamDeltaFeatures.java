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

import io.bytestream.arrow.TestingArrowStreams;
import io.bytestream.trino.delta.DeletionVector;
import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.RecordTableWriter;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.dataFiles;
import static io.bytestream.trino.TestingPond.record;
import static io.bytestream.trino.delta.TestingDeltaCommits.commitDeletionVector;
import static io.bytestream.trino.delta.TestingDeltaCommits.commitReaderFeatures;
import static io.bytestream.trino.delta.TestingDeltaCommits.commitTableProperty;
import static io.bytestream.trino.delta.TestingDeltaCommits.commitTypeChange;
import static io.bytestream.trino.delta.TestingDeltaCommits.convertToV2CheckpointWithSidecar;
import static io.bytestream.trino.delta.TestingDeltaCommits.inline;
import static io.bytestream.trino.delta.TestingDeltaCommits.onDisk;
import static io.trino.spi.StandardErrorCode.NOT_SUPPORTED;
import static io.trino.testing.assertions.TrinoExceptionAssert.assertTrinoExceptionThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delta features other writers use and the project's writer does not: records deleted with deletion vectors, as
 * Spark's and delta-rs's DELETE do; a V2 checkpoint with a sidecar; tables whose protocol asks readers for features
 * bytestream does not honour. Column mapping and type widening: {@link TestBytestreamColumnMapping}.
 */
final class TestBytestreamDeltaFeatures
        extends AbstractTestQueryFramework
{
    // record v of node A holds 10 + v entries in one batch
    private static final List<Long> VERSIONS = List.of(1L, 2L, 3L);

    private Path root;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = Files.createTempDirectory("bytestream-deletion-vectors");
        // v2 deleted inline, in the commit after the append
        deleteRecords(writeRecords("inline_dv"), NODE_A, _ -> inline(1));
        deleteRecords(writeRecords("on_disk_dv"), NODE_A, table -> onDisk(table, 1));
        // every record of node A deleted: node B's records remain
        deleteRecords(writeRecords("all_deleted"), NODE_A, _ -> inline(0, 1, 2));
        writeNewestWithExtraColumnThenDeleteIt();

        Path unknownMapping = writeRecords("column_mapping_unknown");
        commitTableProperty(unknownMapping, "delta.columnMapping.mode", "by_magic");
        Path noneMapping = writeRecords("column_mapping_none");
        commitTableProperty(noneMapping, "delta.columnMapping.mode", "none");
        commitReaderFeatures(writeRecords("variant_type"), "deletionVectors", "variantType");
        commitTypeChange(writeRecords("widened_to_double"), "version", "long", "double");
        commitReaderFeatures(writeRecords("readable_features"), "deletionVectors", "timestampNtz", "v2Checkpoint", "vacuumProtocolCheck");

        // v0 created, v1 appended, v2 the protocol with v2Checkpoint, v3 appended, v4 a deletion vector on node A's file
        Path v2Checkpoint = writeRecords("v2_checkpoint");
        commitReaderFeatures(v2Checkpoint, "deletionVectors", "v2Checkpoint");
        RecordTableWriter writer = RecordTableWriter.openLocal(v2Checkpoint);
        writer.append(List.of(record(NODE_B, 4, ArrowStreams.entries(1, 14, 4))));
        deleteRecords(v2Checkpoint, NODE_A, _ -> inline(0));
        writer.checkpoint();
        convertToV2CheckpointWithSidecar(v2Checkpoint, 4);
        return BytestreamQueryRunner.builder(root).build();
    }

    @Test
    void testDeletedRecordContributesNothing()
    {
        for (String table : List.of("inline_dv", "on_disk_dv")) {
            assertQuery("SELECT DISTINCT \"$version\" FROM dv.%s WHERE \"$node_id\" = '%s'".formatted(table, NODE_A), "VALUES 1, 3");
            // the decode path and the header-only count path
            assertQuery("SELECT count(name), count(DISTINCT name) FROM dv.%s WHERE \"$node_id\" = '%s'".formatted(table, NODE_A), "VALUES (24, 24)");
            assertQuery("SELECT count(*) FROM dv.%s WHERE \"$node_id\" = '%s'".formatted(table, NODE_A), "VALUES 24");
            // inner and outer columns, matched by row where the content is read by range
            assertQuery("SELECT \"$version\", count(name) FROM dv.%s WHERE \"$node_id\" = '%s' GROUP BY 1".formatted(table, NODE_A), "VALUES (1, 11), (3, 13)");
            assertQuery("SELECT count(*) FROM dv.%s".formatted(table), "VALUES 24 + 36");
            // the version before the delete (0 created the table, 1 appended) still has the record
            assertQuery("SELECT count(*) FROM dv.%s FOR VERSION AS OF 1 WHERE \"$node_id\" = '%s'".formatted(table, NODE_A), "VALUES 36");
        }
    }

    @Test
    void testV2CheckpointWithSidecar()
    {
        // of versions 0-4 only the checkpoint and commit 4 are left: the sidecar holds the add actions, one with a deletion vector
        assertQuery("SELECT \"$node_id\", \"$version\", count(*) FROM dv.v2_checkpoint GROUP BY 1, 2",
                "VALUES ('%1$s', 2, 12), ('%1$s', 3, 13), ('%2$s', 1, 11), ('%2$s', 2, 12), ('%2$s', 3, 13), ('%2$s', 4, 14)".formatted(NODE_A, NODE_B));
    }

    @Test
    void testEveryRecordOfAFileDeleted()
    {
        assertQuery("SELECT \"$node_id\", count(*) FROM dv.all_deleted GROUP BY 1", "VALUES ('%s', 36)".formatted(NODE_B));
    }

    @Test
    void testSchemaComesFromTheNewestLiveRecord()
    {
        assertQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = 'dv' AND table_name = 'newest_deleted'", "VALUES 'name', 'node_id'");
        assertQuery("SELECT count(*) FROM dv.newest_deleted", "VALUES 11");
    }

    @Test
    void testUnknownColumnMappingModeIsRefused()
    {
        // modes name and id are read (TestBytestreamColumnMapping)
        assertTrinoExceptionThrownBy(() -> computeActual("SELECT count(*) FROM dv.column_mapping_unknown"))
                .hasErrorCode(NOT_SUPPORTED)
                .hasMessage("Table dv.column_mapping_unknown uses Delta reader features that bytestream does not support: columnMapping (mode by_magic)");
        assertQuery("SELECT count(*) FROM dv.column_mapping_none", "VALUES 72");
    }

    @Test
    void testUnknownReaderFeatureIsRefused()
    {
        assertTrinoExceptionThrownBy(() -> computeActual("SELECT count(*) FROM dv.variant_type"))
                .hasErrorCode(NOT_SUPPORTED)
                .hasMessage("Table dv.variant_type uses Delta reader features that bytestream does not support: variantType");
        // integer widenings are read (TestBytestreamColumnMapping); others are refused
        assertTrinoExceptionThrownBy(() -> computeActual("SELECT count(*) FROM dv.widened_to_double"))
                .hasErrorCode(NOT_SUPPORTED)
                .hasMessage("Table dv.widened_to_double uses Delta reader features that bytestream does not support: typeWidening (column version from long to double)");
        assertQuery("SELECT count(*) FROM dv.readable_features", "VALUES 72");
    }

    /** Records v1, v2, v3 of nodes A and B, all of a node in one data file. */
    private Path writeRecords(String name)
    {
        Path table = root.resolve("dv").resolve(name);
        RecordTableWriter.openLocal(table).append(VERSIONS.stream()
                .flatMap(version -> Stream.of(NODE_A, NODE_B).map(node -> record(node, version, ArrowStreams.entries(1, 10 + version.intValue(), version))))
                .toList());
        return table;
    }

    /** Deletes records of the node's one data file, by their positions in it. */
    private static void deleteRecords(Path table, String node, Function<Path, DeletionVector> deletionVector)
    {
        List<Path> files = dataFiles(table, node);
        assertThat(files).hasSize(1);
        commitDeletionVector(table, table.relativize(files.getFirst()).toString(), deletionVector.apply(table));
    }

    /** The newest record has an extra column; a deletion vector then deletes it, so the table's schema is the older one's. */
    private void writeNewestWithExtraColumnThenDeleteIt()
            throws IOException
    {
        Path table = root.resolve("dv").resolve("newest_deleted");
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        Schema extended = new Schema(List.of(
                new Field("name", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                new Field("node_id", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                new Field("extra", FieldType.nullable(new ArrowType.Int(32, true)), null)));
        byte[] newest = TestingArrowStreams.write(extended, List.of(List.of(List.of("x"), List.of("y"), List.of(1)))).getBytes();
        writer.append(List.of(record(NODE_A, 1, ArrowStreams.entries(1, 11, 1)), record(NODE_A, 2, newest)));
        deleteRecords(table, NODE_A, _ -> inline(1));
    }
}
