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
import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.RecordTableWriter;
import io.trino.Session;
import io.trino.spi.type.TimeZoneKey;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.record;
import static io.bytestream.trino.TestingPond.writeEntries;
import static io.bytestream.trino.delta.TestingDeltaCommits.rewriteWithInCommitTimestamps;
import static io.bytestream.trino.delta.TestingDeltaCommits.setCommitTimes;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_INVALID_VERSION;
import static io.trino.spi.StandardErrorCode.NOT_SUPPORTED;
import static io.trino.testing.assertions.TrinoExceptionAssert.assertTrinoExceptionThrownBy;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code FOR TIMESTAMP AS OF} by the Delta protocol's commit time: the commit file's modification time, or the in-commit
 * timestamp where the table has them, on tables with a checkpoint, removed records, a cleaned-up log and several
 * inner schemas, and while a writer commits.
 */
final class TestBytestreamTimeTravel
        extends AbstractTestQueryFramework
{
    // ops.entries' contents: rows at versions 0 to 5
    private static final List<Long> ENTRIES_ROWS = List.of(0L, 8L, 15L, 15L, 12L, 13L);
    // commit v of the tables timed by modification time is at 12:0v UTC
    private static final Instant BASE = Instant.parse("2025-03-01T12:00:00Z");
    // commit v of tt.ict has the in-commit timestamp 00:v0 UTC; its files' modification times run the other way
    private static final Instant ICT_BASE = Instant.parse("2025-06-01T00:00:00Z");

    private Path root;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = closeAfterClass(TemporaryPond.create("bytestream-time-travel")).root();
        writeTimedEntries(root.resolve("tt/by_mtime"));
        writeCleanedEntries(root.resolve("tt/cleaned"));
        writeGenerations(root.resolve("tt/generations"));
        writeInCommitTimestamps(root.resolve("tt/ict"));
        return BytestreamQueryRunner.builder(root).build();
    }

    static Instant commitTime(long version)
    {
        return BASE.plusSeconds(60 * version);
    }

    /** The contents of {@code ops.entries} (see {@link TestingPond#writeEntries(Path)}), commit v at {@link #commitTime}. */
    static void writeTimedEntries(Path table)
            throws IOException
    {
        writeEntries(RecordTableWriter.openLocal(table));
        setCommitTimes(table, TestBytestreamTimeTravel::commitTime);
    }

    /** As {@link #writeTimedEntries}, then log cleanup: the commits before the checkpoint of version 3 are gone. */
    static void writeCleanedEntries(Path table)
            throws IOException
    {
        writeTimedEntries(table);
        for (int version = 0; version < 3; version++) {
            Files.delete(table.resolve("_delta_log/%020d.json".formatted(version)));
            Files.deleteIfExists(table.resolve("_delta_log/%020d.crc".formatted(version)));
        }
    }

    /** Version 1 has a record of Entry{name, node_id}; version 2 adds one with an extra column. */
    private static void writeGenerations(Path table)
            throws IOException
    {
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        writer.append(List.of(record(NODE_A, 1, ArrowStreams.entries(1, 2, 1))));
        Schema extended = new Schema(List.of(
                new Field("name", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                new Field("node_id", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                new Field("extra", FieldType.nullable(new ArrowType.Int(32, true)), null)));
        writer.append(List.of(record(NODE_A, 2, TestingArrowStreams.write(extended, List.of(List.of(List.of("x"), List.of("y"), List.of(7)))).getBytes())));
        setCommitTimes(table, TestBytestreamTimeTravel::commitTime);
    }

    /** Versions 1, 2 and 3 add 6, 2 and 4 rows; commit v has the in-commit timestamp ICT_BASE + 10v minutes. */
    static void writeInCommitTimestamps(Path table)
            throws IOException
    {
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        writer.append(List.of(record(NODE_A, 1, ArrowStreams.entries(2, 3, 61))));
        writer.append(List.of(record(NODE_B, 1, ArrowStreams.entries(1, 2, 62))));
        writer.append(List.of(record(NODE_A, 2, ArrowStreams.entries(1, 4, 63))));
        rewriteWithInCommitTimestamps(table, TestingCommitInfos::sparkLike);
        setCommitTimes(table, version -> ICT_BASE.plusSeconds(86_400 * (10 - version)));
    }

    static Instant inCommitTime(long version)
    {
        return ICT_BASE.plusSeconds(600 * version);
    }

    @Test
    void testModificationTimes()
    {
        assertThat(countAsOf("tt.by_mtime", "TIMESTAMP '2025-03-01 12:02:00 UTC'")).isEqualTo(ENTRIES_ROWS.get(2));
        assertThat(countAsOf("tt.by_mtime", "TIMESTAMP '2025-03-01 12:01:59.999 UTC'")).isEqualTo(ENTRIES_ROWS.get(1));
        // between commits 4 (which removed node C's record) and 5
        assertThat(countAsOf("tt.by_mtime", "TIMESTAMP '2025-03-01 12:04:30 UTC'")).isEqualTo(ENTRIES_ROWS.get(4));
        // commit 3 is checkpointed: read from the checkpoint
        assertThat(countAsOf("tt.by_mtime", "TIMESTAMP '2025-03-01 12:03:00.000 UTC'")).isEqualTo(ENTRIES_ROWS.get(3));
        // after the latest commit (Trino refuses instants in the future): the latest version
        assertThat(countAsOf("tt.by_mtime", "TIMESTAMP '2025-09-01 00:00:00 UTC'")).isEqualTo(ENTRIES_ROWS.get(5));
        assertThat(countAsOf("tt.by_mtime", justBeforeNow())).isEqualTo(ENTRIES_ROWS.get(5));
        assertThat(countAsOf("tt.by_mtime", "TIMESTAMP '2025-03-01 13:02:00 +01:00'")).isEqualTo(ENTRIES_ROWS.get(2));
        // a nanosecond before commit 2: its millisecond is before the commit's
        assertThat(countAsOf("tt.by_mtime", "TIMESTAMP '2025-03-01 12:01:59.999999999 UTC'")).isEqualTo(ENTRIES_ROWS.get(1));
        assertThat(countAsOf("tt.by_mtime", "TIMESTAMP '2025-03-01 12:02:00.000000001 UTC'")).isEqualTo(ENTRIES_ROWS.get(2));
        assertQuery("SELECT DISTINCT \"$version\" FROM tt.by_mtime FOR TIMESTAMP AS OF TIMESTAMP '2025-03-01 12:02:30 UTC' WHERE \"$node_id\" = '%s'".formatted(NODE_A), "VALUES 1, 2");
    }

    @Test
    void testTimestampWithoutZoneIsInTheSessionZone()
    {
        Session vienna = Session.builder(getSession()).setTimeZoneKey(TimeZoneKey.getTimeZoneKey("Europe/Vienna")).build();
        Session utc = Session.builder(getSession()).setTimeZoneKey(TimeZoneKey.UTC_KEY).build();
        String count = "SELECT count(*) FROM tt.by_mtime FOR TIMESTAMP AS OF TIMESTAMP '%s'";
        // 13:02 in Vienna is 12:02 UTC in March
        assertThat(computeScalar(vienna, count.formatted("2025-03-01 13:02:00"))).isEqualTo(ENTRIES_ROWS.get(2));
        assertThat(computeScalar(vienna, count.formatted("2025-03-01 13:01:59.999999999"))).isEqualTo(ENTRIES_ROWS.get(1));
        assertThat(computeScalar(vienna, count.formatted("2025-03-01 13:01:59.999999"))).isEqualTo(ENTRIES_ROWS.get(1));
        assertThat(computeScalar(utc, count.formatted("2025-03-01 12:04:00"))).isEqualTo(ENTRIES_ROWS.get(4));
        assertThat(computeScalar(utc, count.formatted("2025-03-01 13:02:00"))).isEqualTo(ENTRIES_ROWS.get(5));
    }

    @Test
    void testBeforeTheFirstCommit()
    {
        assertTrinoExceptionThrownBy(() -> computeActual("SELECT * FROM tt.by_mtime FOR TIMESTAMP AS OF TIMESTAMP '2025-03-01 11:59:59.999 UTC'"))
                .hasErrorCode(BYTESTREAM_INVALID_VERSION)
                .hasMessage("Table tt.by_mtime has no version at or before 2025-03-01T11:59:59.999Z: its earliest commit still in the log is version 0 at 2025-03-01T12:00:00Z");
        // the commits before the checkpoint were cleaned up
        assertTrinoExceptionThrownBy(() -> computeActual("SELECT * FROM tt.cleaned FOR TIMESTAMP AS OF TIMESTAMP '2025-03-01 12:02:30 UTC'"))
                .hasErrorCode(BYTESTREAM_INVALID_VERSION)
                .hasMessage("Table tt.cleaned has no version at or before 2025-03-01T12:02:30Z: its earliest commit still in the log is version 3 at 2025-03-01T12:03:00Z");
        assertThat(countAsOf("tt.cleaned", "TIMESTAMP '2025-03-01 12:03:00 UTC'")).isEqualTo(ENTRIES_ROWS.get(3));
        assertThat(countAsOf("tt.cleaned", "TIMESTAMP '2025-03-01 12:04:00 UTC'")).isEqualTo(ENTRIES_ROWS.get(4));
        assertThat(countAsOf("tt.cleaned", "TIMESTAMP '2025-03-01 12:05:00 UTC'")).isEqualTo(ENTRIES_ROWS.get(5));
    }

    @Test
    void testInCommitTimestamps()
    {
        // the files' modification times are days later and in reverse order: only the in-commit timestamps count
        assertThat(countAsOf("tt.ict", "TIMESTAMP '2025-06-01 00:09:59.999 UTC'")).isEqualTo(0L);
        assertThat(countAsOf("tt.ict", "TIMESTAMP '2025-06-01 00:10:00 UTC'")).isEqualTo(6L);
        assertThat(countAsOf("tt.ict", "TIMESTAMP '2025-06-01 00:25:00 UTC'")).isEqualTo(8L);
        assertThat(countAsOf("tt.ict", "TIMESTAMP '2025-06-01 00:30:00 UTC'")).isEqualTo(12L);
        assertThat(countAsOf("tt.ict", "TIMESTAMP '2025-06-05 00:00:00 UTC'")).isEqualTo(12L);
        assertTrinoExceptionThrownBy(() -> computeActual("SELECT * FROM tt.ict FOR TIMESTAMP AS OF TIMESTAMP '2025-05-31 23:59:59 UTC'"))
                .hasErrorCode(BYTESTREAM_INVALID_VERSION)
                .hasMessage("Table tt.ict has no version at or before 2025-05-31T23:59:59Z: its earliest commit still in the log is version 0 at 2025-06-01T00:00:00Z");
    }

    @Test
    void testInnerSchemaOfTheVersionRead()
    {
        String query = "SELECT * FROM tt.generations FOR TIMESTAMP AS OF TIMESTAMP '%s'";
        assertThat(computeActual(query.formatted("2025-03-01 12:01:30 UTC")).getColumnNames()).containsExactly("name", "node_id");
        assertThat(computeActual(query.formatted("2025-03-01 12:02:00 UTC")).getColumnNames()).containsExactly("name", "node_id", "extra");
        assertQuery("SELECT count(*), count(extra), sum(extra) FROM tt.generations FOR TIMESTAMP AS OF TIMESTAMP '2025-03-01 12:02:00 UTC'", "VALUES (3, 1, 7)");
    }

    @Test
    void testVersionPointerTypes()
    {
        assertTrinoExceptionThrownBy(() -> computeActual("SELECT * FROM tt.by_mtime FOR TIMESTAMP AS OF DATE '2025-03-02'"))
                .hasErrorCode(NOT_SUPPORTED);
        assertTrinoExceptionThrownBy(() -> computeActual("SELECT * FROM tt.by_mtime FOR VERSION AS OF 'one'"))
                .hasErrorCode(NOT_SUPPORTED)
                .hasMessageContaining("Unsupported type for table version: varchar(3)");
        assertThat(computeScalar("SELECT count(*) FROM tt.by_mtime FOR VERSION AS OF 2")).isEqualTo(ENTRIES_ROWS.get(2));
    }

    @Test
    void testInstantsOfKnownCommitsWhileAWriterCommits()
            throws Exception
    {
        Path table = root.resolve("tt/growing");
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        writer.append(List.of(record(NODE_A, 1, ArrowStreams.entries(1, 5, 71))));
        setCommitTimes(table, TestBytestreamTimeTravel::commitTime);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Long> writes = executor.submit(() -> {
                try {
                    for (int commit = 2; commit < 12; commit++) {
                        writer.append(List.of(record(NODE_B, commit, ArrowStreams.entries(1, 1, 70 + commit))));
                    }
                    return writer.latestVersion();
                }
                finally {
                    writing.set(false);
                }
            });
            List<Long> latest = new ArrayList<>();
            do {
                // commit 1's instant reads version 1, whatever was committed since (at the current time)
                assertThat(countAsOf("tt.growing", "TIMESTAMP '2025-03-01 12:01:30 UTC'")).isEqualTo(5L);
                latest.add(countAsOf("tt.growing", justBeforeNow()));
                // every commit of the snapshot read, none missing
                MaterializedRow history = computeActual("SELECT count(*), max(version) FROM tt.\"growing$history\"").getMaterializedRows().getFirst();
                assertThat((long) history.getField(0)).isEqualTo((long) history.getField(1) + 1);
            }
            while (writing.get());
            long lastVersion = writes.get(60, SECONDS);
            assertThat(latest).isSorted();
            Thread.sleep(10);
            assertThat(countAsOf("tt.growing", justBeforeNow())).isEqualTo(5 + lastVersion - 1);
        }
        finally {
            executor.shutdownNow();
        }
    }

    // Trino refuses an instant that is not in the past
    private static String justBeforeNow()
    {
        return "from_iso8601_timestamp('%s')".formatted(Instant.now().minusMillis(1));
    }

    private long countAsOf(String table, String instant)
    {
        return (long) computeScalar("SELECT count(*) FROM %s FOR TIMESTAMP AS OF %s".formatted(table, instant));
    }
}
