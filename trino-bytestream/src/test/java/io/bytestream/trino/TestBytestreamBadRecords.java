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

import io.airlift.slice.Slice;
import io.bytestream.arrow.IpcColumn;
import io.bytestream.arrow.IpcFormatException;
import io.bytestream.arrow.IpcSchemaReader;
import io.bytestream.arrow.IpcStreamDecoder;
import io.bytestream.arrow.IpcStreamMutator;
import io.bytestream.arrow.TestingArrowStreams;
import io.bytestream.trino.TestingColumnMappedTables.FileLayout;
import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.Record;
import io.bytestream.writer.RecordTableWriter;
import io.trino.Session;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.airlift.slice.Slices.wrappedBuffer;
import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.record;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_BAD_RECORD;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_RECORD_TOO_LARGE;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_UNSUPPORTED_TYPE;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.lang.String.join;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.UNCOMPRESSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code bad_record_handling}: the same tables with bad records (not Arrow IPC, a last batch cut short, the
 * fuzzer-found streams of arrow-testing, seeded mutations, a type change, a record over the size limit) read in the
 * three modes, and the table's schema from the newest record that decodes.
 */
final class TestBytestreamBadRecords
        extends AbstractTestQueryFramework
{
    private static final Path FUZZ = Path.of("../testing/arrow-testing/fuzz");
    private static final List<IpcColumn> ENTRY_COLUMNS = List.of(new IpcColumn("name", VARCHAR), new IpcColumn("node_id", VARCHAR));
    private static final String NODE_FUZZ = "00000000000f0001";
    private static final long MUTATION_SEED = 14;
    private static final int MUTATIONS = 60;
    private static final int LIMITED_RECORD_SIZE = 4096;

    private static final byte[] A1 = ArrowStreams.entries(2, 3, 11);
    private static final byte[] B1 = ArrowStreams.entries(1, 4, 21);
    private static final byte[] A3 = ArrowStreams.entries(1, 2, 13);
    private static final byte[] NOT_ARROW = "not an Arrow IPC stream".getBytes(StandardCharsets.UTF_8);
    /** Three batches of five entries; the stream ends four bytes into the last batch's body (and has no end marker). */
    private static final byte[] LAST_BATCH_CUT = cutInLastBatch(ArrowStreams.entries(3, 5, 22));
    private static final long GOOD_ROWS = 6 + 4 + 2;
    private static final byte[] LARGE = ArrowStreams.entries(1, 200, 62);

    private final List<byte[]> mutations = new ArrayList<>();
    private List<byte[]> fuzzStreams;
    // of the fuzzer-found streams, those refused whole, and the rows of the others
    private long fuzzBadRecords;
    private long fuzzGoodRows;
    private Path root;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = Files.createTempDirectory("bytestream-bad-records");
        fuzzStreams = fuzzStreams();
        for (byte[] stream : fuzzStreams) {
            OptionalLong rows = decodedRows(stream, Function.identity());
            fuzzBadRecords += rows.isPresent() ? 0 : 1;
            fuzzGoodRows += rows.orElse(0);
        }

        // good records at versions 1 and 3, bad ones at version 2
        RecordTableWriter records = RecordTableWriter.openLocal(root.resolve("bad/records"));
        records.append(List.of(record(NODE_A, 1, A1), record(NODE_B, 1, B1)));
        List<Record> bad = new ArrayList<>(List.of(record(NODE_A, 2, NOT_ARROW), record(NODE_B, 2, LAST_BATCH_CUT)));
        bad.addAll(fuzzRecords());
        records.append(bad);
        records.append(List.of(record(NODE_A, 3, A3)));

        // the same records, the content column stored uncompressed and PLAIN: records are read where they lie in the file
        List<Record> all = new ArrayList<>(List.of(record(NODE_A, 1, A1), record(NODE_B, 1, B1)));
        all.addAll(bad);
        all.add(record(NODE_A, 3, A3));
        TestingColumnMappedTables.write(root.resolve("bad/plain"), all, FileLayout.spark(UNCOMPRESSED).withDictionary(false, 1024));

        // mutations of one stream, then the stream itself as the newest record
        byte[] base = ArrowStreams.entries(3, 4, 91);
        IpcStreamMutator.Base mutationBase = IpcStreamMutator.Base.of("entries", base);
        List<Record> mutated = new ArrayList<>();
        for (int index = 0; index < MUTATIONS; index++) {
            byte[] mutation = IpcStreamMutator.mutate(mutationBase, new Random(MUTATION_SEED * 1_000 + index), new ArrayList<>());
            mutations.add(mutation);
            mutated.add(record(NODE_A, index + 1, mutation));
        }
        RecordTableWriter mutationsTable = RecordTableWriter.openLocal(root.resolve("bad/mutations"));
        mutationsTable.append(mutated);
        mutationsTable.append(List.of(record(NODE_B, 1, base)));

        RecordTableWriter typeChange = RecordTableWriter.openLocal(root.resolve("bad/type_change"));
        typeChange.append(List.of(record(NODE_A, 1, namesAsIntegers())));
        typeChange.append(List.of(record(NODE_A, 2, A3)));

        RecordTableWriter large = RecordTableWriter.openLocal(root.resolve("bad/large"));
        large.append(List.of(record(NODE_A, 1, B1), record(NODE_B, 1, LARGE)));
        large.append(List.of(record(NODE_A, 2, A3)));

        RecordTableWriter empty = RecordTableWriter.openLocal(root.resolve("bad/empty"));
        empty.append(List.of(record(NODE_A, 1, A1), record(NODE_B, 1, new byte[0])));

        RecordTableWriter newestBad = RecordTableWriter.openLocal(root.resolve("schemas/newest_bad"));
        newestBad.append(List.of(record(NODE_A, 1, A1)));
        newestBad.append(List.of(record(NODE_B, 1, LAST_BATCH_CUT)));

        TestingColumnMappedTables.write(root.resolve("schemas/newest_null"), List.of(record(NODE_A, 1, A1), record(NODE_A, 2, A3)),
                FileLayout.spark(UNCOMPRESSED).withNullContent(record -> record.version() == 2));

        RecordTableWriter tooManyBad = RecordTableWriter.openLocal(root.resolve("schemas/too_many_bad"));
        tooManyBad.append(List.of(record(NODE_A, 1, A1)));
        List<Record> newestBadRecords = new ArrayList<>();
        for (int version = 2; version <= 1_002; version++) {
            newestBadRecords.add(record(NODE_A, version, NOT_ARROW));
        }
        tooManyBad.append(newestBadRecords);

        RecordTableWriter allBad = RecordTableWriter.openLocal(root.resolve("schemas/all_bad"));
        allBad.append(List.of(record(NODE_A, 1, NOT_ARROW), record(NODE_B, 1, LAST_BATCH_CUT)));

        QueryRunner queryRunner = BytestreamQueryRunner.builder(root).build();
        queryRunner.createCatalog("flagged", BytestreamConnectorFactory.CONNECTOR_NAME, Map.of(
                "bytestream.root-location", root.toUri().toString(),
                "bytestream.bad-record-handling", "FLAG"));
        queryRunner.createCatalog("limited", BytestreamConnectorFactory.CONNECTOR_NAME, Map.of(
                "bytestream.root-location", root.toUri().toString(),
                "bytestream.max-record-size", LIMITED_RECORD_SIZE + "B"));
        return queryRunner;
    }

    @AfterAll
    void deletePond()
            throws IOException
    {
        deleteRecursively(root, ALLOW_INSECURE);
    }

    @Test
    void testFixtures()
    {
        // what the tables below are built on: the cut stream, the text and nearly every fuzzer-found stream are refused
        // whole (one is wrong only in a column of a type Trino lacks, which no query reads)
        assertThat(fuzzBadRecords).isBetween(fuzzStreams.size() - 1L, (long) fuzzStreams.size());
        assertThat(decodedRows(LAST_BATCH_CUT, Function.identity())).isEmpty();
        assertThat(decodedRows(NOT_ARROW, Function.identity())).isEmpty();
        // the cut stream's first two batches decode: a reader streaming batches would return them before the third fails
        long[] decoded = new long[1];
        assertThatThrownBy(() -> new IpcStreamDecoder(ENTRY_COLUMNS).decode(wrappedBuffer(LAST_BATCH_CUT), batch -> decoded[0] += batch.positionCount()))
                .isInstanceOf(IpcFormatException.class);
        assertThat(decoded[0]).isEqualTo(10);
        assertThat(mutations.stream().filter(mutation -> decodedRows(mutation, Function.identity()).isEmpty()).toList()).hasSizeBetween(1, MUTATIONS - 1);
        assertThat(B1.length).isLessThan(LIMITED_RECORD_SIZE);
        assertThat(A3.length).isLessThan(LIMITED_RECORD_SIZE);
        assertThat(LARGE.length).isGreaterThan(LIMITED_RECORD_SIZE);
    }

    @Test
    void testSkip()
    {
        for (String table : List.of("bad.records", "bad.plain")) {
            assertQuery(skip(), "SELECT \"$node_id\", \"$version\", name, node_id FROM %s WHERE \"$node_id\" <> '%s'".formatted(table, NODE_FUZZ), goodEntries());
            assertQuery(skip(), "SELECT count(*) FROM " + table, "VALUES " + (GOOD_ROWS + fuzzGoodRows));
            assertQuery(skip(), "SELECT count(*) FROM %s WHERE \"$content_corrupt\"".formatted(table), "VALUES 0");
            assertQuery(skip(), "SELECT count(*), count(\"$decode_error\") FROM %s WHERE NOT \"$content_corrupt\"".formatted(table), "VALUES (%s, 0)".formatted(GOOD_ROWS + fuzzGoodRows));
            // the record whose last batch is cut gives none of the rows of the two batches before it
            assertQuery(skip(), "SELECT count(*) FROM %s WHERE \"$node_id\" = '%s' AND \"$version\" = 2".formatted(table, NODE_B), "VALUES 0");
            assertQuery(skip(), "SELECT count(name) FROM %s WHERE \"$node_id\" = '%s'".formatted(table, NODE_B), "VALUES 4");
        }
    }

    @Test
    void testFlag()
    {
        for (String table : List.of("bad.records", "bad.plain")) {
            long badRecords = 2 + fuzzBadRecords;
            assertQuery(flag(), "SELECT count(*), count_if(\"$content_corrupt\"), count(\"$decode_error\"), count(name) FROM " + table,
                    "VALUES (%s, %s, %s, %s)".formatted(GOOD_ROWS + fuzzGoodRows + badRecords, badRecords, badRecords, GOOD_ROWS));
            assertQuery(flag(), "SELECT \"$node_id\", \"$version\", name, node_id FROM %s WHERE NOT \"$content_corrupt\" AND \"$node_id\" <> '%s'".formatted(table, NODE_FUZZ), goodEntries());
            // one row per bad record, inner columns NULL
            assertQuery(flag(), "SELECT \"$node_id\", \"$version\", name IS NULL AND node_id IS NULL FROM %s WHERE \"$content_corrupt\" AND \"$node_id\" <> '%s'".formatted(table, NODE_FUZZ),
                    "VALUES ('%s', 2, true), ('%s', 2, true)".formatted(NODE_A, NODE_B));
            assertQuery(flag(), "SELECT count(*), count(DISTINCT \"$version\") FROM %s WHERE \"$node_id\" = '%s' AND \"$content_corrupt\"".formatted(table, NODE_FUZZ),
                    "VALUES (%1$s, %1$s)".formatted(fuzzBadRecords));
            // counting without inner columns gives the same rows as decoding them
            assertThat(computeActual(flag(), "SELECT \"$node_id\", \"$version\", count(*) FROM %s GROUP BY 1, 2".formatted(table)).getMaterializedRows())
                    .containsExactlyInAnyOrderElementsOf(computeActual(flag(), "SELECT \"$node_id\", \"$version\", count(name IS NULL) FROM %s GROUP BY 1, 2".formatted(table)).getMaterializedRows());
        }
        // the error is the message FAIL gives
        for (String node : List.of(NODE_A, NODE_B)) {
            String predicate = "\"$node_id\" = '%s' AND \"$version\" = 2".formatted(node);
            String error = (String) computeScalar(flag(), "SELECT \"$decode_error\" FROM bad.records WHERE " + predicate);
            assertThat(error).matches("Table bad.records, data file file:///.*/node_id=%1$s/.*\\.parquet, record 0, \\$node_id=%1$s, \\$version=2 has a corrupt Arrow IPC stream: .+".formatted(node));
            assertThat(query("SELECT name FROM bad.records WHERE " + predicate)).failure().hasErrorCode(BYTESTREAM_BAD_RECORD).hasMessage(error);
        }
    }

    @Test
    void testFail()
    {
        for (String table : List.of("bad.records", "bad.plain")) {
            assertThat(query("SELECT name FROM " + table)).failure().hasMessageStartingWith("Table %s, data file ".formatted(table));
            String nodes = "\"$node_id\" IN ('%s', '%s')".formatted(NODE_A, NODE_B);
            assertThat(query("SELECT name FROM %s WHERE %s".formatted(table, nodes))).failure().hasErrorCode(BYTESTREAM_BAD_RECORD);
            assertThat(query(fail(), "SELECT \"$decode_error\", name FROM %s WHERE %s".formatted(table, nodes))).failure().hasErrorCode(BYTESTREAM_BAD_RECORD);
        }
        // the good records alone, by pruning the files of the bad ones: the same rows as SKIP and FLAG give
        assertQuery("SELECT \"$node_id\", \"$version\", name, node_id FROM bad.records WHERE \"$node_id\" IN ('%s', '%s') AND \"$version\" <> 2".formatted(NODE_A, NODE_B), goodEntries());
        assertQuery("SELECT count(*), count_if(\"$content_corrupt\"), count(\"$decode_error\") FROM bad.records WHERE \"$node_id\" IN ('%s', '%s') AND \"$version\" <> 2".formatted(NODE_A, NODE_B),
                "VALUES (%s, 0, 0)".formatted(GOOD_ROWS));
    }

    @Test
    void testMutations()
    {
        // what the decoder makes of each mutation: rows when it decodes whole, and as the table's columns
        Map<Long, Long> countedRows = new HashMap<>();
        Map<Long, Long> decodedRows = new HashMap<>();
        long badWhole = 0;
        long badAsColumns = 0;
        for (int index = 0; index < MUTATIONS; index++) {
            long version = index + 1;
            OptionalLong whole = decodedRows(mutations.get(index), Function.identity());
            OptionalLong asColumns = decodedRows(mutations.get(index), _ -> ENTRY_COLUMNS);
            whole.ifPresent(rows -> countedRows.put(version, rows));
            asColumns.ifPresent(rows -> decodedRows.put(version, rows));
            badWhole += whole.isPresent() ? 0 : 1;
            badAsColumns += asColumns.isPresent() ? 0 : 1;
        }
        String nodeA = "\"$node_id\" = '%s'".formatted(NODE_A);
        assertThat(rowsByVersion(skip(), "SELECT \"$version\", count(*) FROM bad.mutations WHERE %s GROUP BY 1".formatted(nodeA))).isEqualTo(withoutZeros(countedRows));
        assertThat(rowsByVersion(skip(), "SELECT \"$version\", count(name) FROM bad.mutations WHERE %s GROUP BY 1".formatted(nodeA))).isEqualTo(withoutZeros(decodedRows));
        assertThat(rowsByVersion(flag(), "SELECT \"$version\", count(*) FROM bad.mutations WHERE %s AND NOT \"$content_corrupt\" GROUP BY 1".formatted(nodeA))).isEqualTo(withoutZeros(countedRows));
        assertQuery(flag(), "SELECT count(*) FROM bad.mutations WHERE %s AND \"$content_corrupt\"".formatted(nodeA), "VALUES " + badWhole);
        assertQuery(flag(), "SELECT count(*) FROM (SELECT name FROM bad.mutations WHERE %s AND \"$content_corrupt\")".formatted(nodeA), "VALUES " + badAsColumns);
        assertQuery(flag(), "SELECT count(*) FROM bad.mutations WHERE %s AND \"$decode_error\" IS NOT NULL AND \"$decode_error\" LIKE 'Table bad.mutations, data file %%'".formatted(nodeA), "VALUES " + badWhole);
        assertThat(query("SELECT name FROM bad.mutations WHERE " + nodeA)).failure().hasMessageStartingWith("Table bad.mutations, data file ");
        // the newest record is the unmutated stream
        assertQuery(skip(), "SELECT count(*) FROM bad.mutations WHERE \"$node_id\" = '%s'".formatted(NODE_B), "VALUES 12");
    }

    @Test
    void testTypeChange()
    {
        // a type the table's column cannot read is bad for the queries reading that column
        assertQuery(skip(), "SELECT \"$version\", name FROM bad.type_change", "VALUES (2, '%s'), (2, '%s')".formatted(ArrowStreams.entryName(13, 0), ArrowStreams.entryName(13, 1)));
        String error = (String) computeScalar(flag(), "SELECT \"$decode_error\" FROM bad.type_change WHERE \"$content_corrupt\" AND name IS NULL");
        assertThat(error).matches("Table bad.type_change, data file .*, \\$version=1: Column 'name' has Arrow type .*");
        assertThat(query("SELECT name FROM bad.type_change")).failure().hasErrorCode(BYTESTREAM_UNSUPPORTED_TYPE).hasMessage(error);
        assertQuery(skip(), "SELECT count(*) FROM bad.type_change", "VALUES 5");
    }

    @Test
    void testRecordOverTheSizeLimit()
    {
        assertQuery(skip("limited"), "SELECT \"$node_id\", count(*) FROM bad.large GROUP BY 1", "VALUES ('%s', 6)".formatted(NODE_A));
        MaterializedRow flagged = computeActual(flag("limited"), "SELECT \"$node_id\", name, \"$decode_error\" FROM bad.large WHERE \"$content_corrupt\"").getMaterializedRows().getFirst();
        assertThat(flagged.getField(0)).isEqualTo(NODE_B);
        assertThat(flagged.getField(1)).isNull();
        assertThat((String) flagged.getField(2)).endsWith("more than bytestream.max-record-size (%s bytes)".formatted(LIMITED_RECORD_SIZE));
        assertThat(query(fail("limited"), "SELECT name FROM bad.large")).failure().hasErrorCode(BYTESTREAM_RECORD_TOO_LARGE).hasMessage((String) flagged.getField(2));
        // under the default limit the record is good
        assertQuery(skip(), "SELECT \"$node_id\", count(*) FROM bad.large GROUP BY 1", "VALUES ('%s', 6), ('%s', 200)".formatted(NODE_A, NODE_B));
    }

    @Test
    void testEmptyContentIsTheSameErrorEverywhere()
    {
        String error = (String) computeScalar(flag(), "SELECT \"$decode_error\" FROM bad.empty WHERE \"$content_corrupt\"");
        assertThat(error).matches("Table bad.empty, data file file:///.*, record 0, \\$node_id=%s, \\$version=1 has a corrupt Arrow IPC stream: Invalid Arrow IPC stream: no schema message \\(empty stream\\)".formatted(NODE_B));
        // $records reads the IPC headers alone, as does FAIL's count of a file without record statistics
        assertThat(computeActual("SELECT content_length, error FROM bad.\"empty$records\" WHERE node_id = '%s'".formatted(NODE_B)).getMaterializedRows())
                .singleElement()
                .satisfies(row -> assertThat(row.getFields()).containsExactly(0L, error));
        assertThat(query("SELECT count(*) FROM bad.empty WHERE \"$node_id\" = '%s'".formatted(NODE_B))).failure().hasErrorCode(BYTESTREAM_BAD_RECORD).hasMessage(error);
        assertThat(query("SELECT name FROM bad.empty")).failure().hasErrorCode(BYTESTREAM_BAD_RECORD).hasMessage(error);
        assertQuery(skip(), "SELECT count(*), count(name) FROM bad.empty", "VALUES (6, 6)");
    }

    @Test
    void testRecordsTableErrorIsFlaggedToo()
    {
        for (String table : List.of("records", "plain", "mutations", "empty")) {
            // $records reads IPC headers alone, FLAG whole records: a record bad by its headers is bad for both, though
            // each names the first fault it comes to (a body before a later header, in a query)
            assertQuery(flag(), """
                    SELECT count(*) = count(f.error) AND count(*) > 0
                    FROM bad."%1$s$records" r
                    LEFT JOIN (SELECT "$node_id" AS node_id, "$version" AS version, "$decode_error" AS error FROM bad.%1$s WHERE "$content_corrupt") f
                    ON r.node_id = f.node_id AND r.version = f.version
                    WHERE r.error IS NOT NULL""".formatted(table), "VALUES true");
        }
    }

    @Test
    void testSessionPropertyOverridesCatalogProperty()
    {
        long badRecords = 2 + fuzzBadRecords;
        Session flaggedCatalog = Session.builder(getSession()).setCatalog("flagged").build();
        assertQuery(flaggedCatalog, "SELECT count(*), count_if(\"$content_corrupt\") FROM bad.records", "VALUES (%s, %s)".formatted(GOOD_ROWS + fuzzGoodRows + badRecords, badRecords));
        assertQuery(mode(flaggedCatalog, "flagged", "SKIP"), "SELECT count(*), count_if(\"$content_corrupt\") FROM bad.records", "VALUES (%s, 0)".formatted(GOOD_ROWS + fuzzGoodRows));
        assertThat(query(mode(flaggedCatalog, "flagged", "FAIL"), "SELECT name FROM bad.records")).failure().hasErrorCode(BYTESTREAM_BAD_RECORD);
        // value and default
        assertThat(computeActual("SHOW SESSION LIKE 'flagged.bad_record_handling'").getMaterializedRows().getFirst().getFields().subList(1, 3)).containsExactly("FLAG", "FLAG");
        assertThat(computeActual("SHOW SESSION LIKE 'pond.bad_record_handling'").getMaterializedRows().getFirst().getFields().subList(1, 3)).containsExactly("FAIL", "FAIL");
    }

    @Test
    void testRecordsTableIsTheSameInEveryMode()
    {
        String sql = "SELECT node_id, version, inner_rows, error FROM bad.\"records$records\"";
        MaterializedResult records = computeActual(fail(), sql);
        assertThat(records.getRowCount()).isEqualTo(5 + fuzzStreams.size());
        assertThat(computeActual(skip(), sql).getMaterializedRows()).containsExactlyInAnyOrderElementsOf(records.getMaterializedRows());
        assertThat(computeActual(flag(), sql).getMaterializedRows()).containsExactlyInAnyOrderElementsOf(records.getMaterializedRows());
    }

    @Test
    void testSchemaFromTheNewestRecordThatDecodes()
    {
        for (String table : List.of("schemas.newest_bad", "schemas.newest_null")) {
            assertThat(query("DESCRIBE " + table)).result().projected("Column", "Type").matches("VALUES (VARCHAR 'name', VARCHAR 'varchar'), ('node_id', 'varchar')");
        }
        assertQuery(skip(), "SELECT \"$version\", name FROM schemas.newest_bad", "VALUES " + entries(1, 6, 11));
        assertQuery("SELECT \"$version\", name FROM schemas.newest_null", "VALUES " + entries(1, 6, 11));
        assertThat(query("SELECT name FROM schemas.newest_bad")).failure().hasErrorCode(BYTESTREAM_BAD_RECORD);
    }

    @Test
    void testSchemaSearchIsBounded()
    {
        // 1001 bad records newer than the good one: more than are tried
        assertThat(query("DESCRIBE schemas.too_many_bad")).failure()
                .hasErrorCode(BYTESTREAM_BAD_RECORD)
                .hasMessageMatching("Table schemas.too_many_bad: none of the 1000 newest records with content decodes, .*");
        assertThat(query("DESCRIBE schemas.all_bad")).failure()
                .hasErrorCode(BYTESTREAM_BAD_RECORD)
                .hasMessageMatching("Table schemas.all_bad: none of the 2 newest records with content decodes, so the table has no Arrow schema; the newest, in data file file:///.*\\.parquet: .*");
    }

    private static String goodEntries()
    {
        return "VALUES " + join(", ", entries(NODE_A, 1, 6, 11), entries(NODE_B, 1, 4, 21), entries(NODE_A, 3, 2, 13));
    }

    private static String entries(String node, long version, int rows, long seed)
    {
        List<String> values = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            values.add("('%s', %s, '%s', '%s')".formatted(node, version, ArrowStreams.entryName(seed, row), ArrowStreams.entryNodeId(seed, row)));
        }
        return join(", ", values);
    }

    private static String entries(long version, int rows, long seed)
    {
        List<String> values = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            values.add("(%s, '%s')".formatted(version, ArrowStreams.entryName(seed, row)));
        }
        return join(", ", values);
    }

    private Map<Long, Long> rowsByVersion(Session session, String sql)
    {
        Map<Long, Long> rows = new HashMap<>();
        for (MaterializedRow row : computeActual(session, sql).getMaterializedRows()) {
            rows.put((Long) row.getField(0), (Long) row.getField(1));
        }
        return rows;
    }

    private static Map<Long, Long> withoutZeros(Map<Long, Long> rows)
    {
        Map<Long, Long> nonZero = new HashMap<>(rows);
        nonZero.values().removeIf(count -> count == 0);
        return nonZero;
    }

    /** The stream's rows when it passes the whole-record check, as the columns {@code columns} picks of those of its own schema a table can read; empty when it is refused. */
    private static OptionalLong decodedRows(byte[] stream, Function<List<IpcColumn>, List<IpcColumn>> columns)
    {
        Slice content = wrappedBuffer(stream);
        try {
            IpcStreamDecoder.check(content, IpcStreamDecoder.DEFAULT_MAX_DECODED_BODY_BYTES);
            List<IpcColumn> own = IpcSchemaReader.readableColumns(content);
            long[] rows = new long[1];
            new IpcStreamDecoder(columns.apply(own)).decode(content, batch -> rows[0] += batch.positionCount());
            return OptionalLong.of(rows[0]);
        }
        catch (IpcFormatException e) {
            return OptionalLong.empty();
        }
    }

    private List<Record> fuzzRecords()
    {
        List<Record> records = new ArrayList<>();
        for (int index = 0; index < fuzzStreams.size(); index++) {
            records.add(record(NODE_FUZZ, 100 + index, fuzzStreams.get(index)));
        }
        return records;
    }

    private static List<byte[]> fuzzStreams()
            throws IOException
    {
        List<byte[]> streams = new ArrayList<>();
        try (Stream<Path> files = Files.list(FUZZ)) {
            for (Path file : files.filter(path -> !path.getFileName().toString().endsWith(".md")).sorted().toList()) {
                streams.add(Files.readAllBytes(file));
            }
        }
        assertThat(streams).hasSizeGreaterThan(10);
        return streams;
    }

    private static byte[] cutInLastBatch(byte[] stream)
    {
        // the end-of-stream marker is 8 bytes: continuation and a zero length
        return Arrays.copyOf(stream, stream.length - 8 - 4);
    }

    private static byte[] namesAsIntegers()
    {
        Schema schema = new Schema(List.of(new Field("name", FieldType.notNullable(new ArrowType.Int(32, true)), null)));
        return TestingArrowStreams.write(schema, List.of(List.of(List.of(1, 2, 3)))).getBytes();
    }

    private Session skip()
    {
        return skip("pond");
    }

    private Session flag()
    {
        return flag("pond");
    }

    private Session fail()
    {
        return fail("pond");
    }

    private Session skip(String catalog)
    {
        return mode(Session.builder(getSession()).setCatalog(catalog).build(), catalog, "SKIP");
    }

    private Session flag(String catalog)
    {
        return mode(Session.builder(getSession()).setCatalog(catalog).build(), catalog, "FLAG");
    }

    private Session fail(String catalog)
    {
        return mode(Session.builder(getSession()).setCatalog(catalog).build(), catalog, "FAIL");
    }

    private static Session mode(Session session, String catalog, String mode)
    {
        return Session.builder(session).setCatalogSessionProperty(catalog, "bad_record_handling", mode).build();
    }
}
