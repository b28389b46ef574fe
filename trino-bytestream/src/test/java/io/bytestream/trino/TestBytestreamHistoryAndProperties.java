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
import io.trino.spi.type.MapType;
import io.trino.spi.type.TimeZoneKey;
import io.trino.spi.type.TypeOperators;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.record;
import static io.bytestream.trino.TestingPond.writeEntries;
import static io.bytestream.trino.delta.TestingDeltaCommits.commitReaderFeatures;
import static io.bytestream.trino.delta.TestingDeltaCommits.commitTableProperty;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_BAD_DELTA_LOG;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MILLIS;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static io.trino.testing.assertions.TrinoExceptionAssert.assertTrinoExceptionThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code "<table>$history"} and {@code "<table>$properties"} through SQL: commits written by delta-kernel and by hand as
 * Spark and delta-rs write them (in-commit timestamps, other commitInfo shapes), a log cleaned up before a checkpoint,
 * a commit that cannot be read, table configuration and features.
 */
final class TestBytestreamHistoryAndProperties
        extends AbstractTestQueryFramework
{
    private static final MapType VARCHAR_MAP = new MapType(VARCHAR, VARCHAR, new TypeOperators());

    private Path root;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = closeAfterClass(TemporaryPond.create("bytestream-history")).root();
        TestBytestreamTimeTravel.writeTimedEntries(root.resolve("mt/entries"));
        TestBytestreamTimeTravel.writeInCommitTimestamps(root.resolve("mt/ict"));
        Path features = root.resolve("mt/features");
        RecordTableWriter.openLocal(features).append(List.of(record(NODE_A, 1, ArrowStreams.entries(1, 2, 3))));
        commitTableProperty(features, "delta.logRetentionDuration", "interval 7 days");
        commitTableProperty(features, "owner", "ops");
        commitReaderFeatures(features, "deletionVectors", "timestampNtz");

        TestBytestreamTimeTravel.writeCleanedEntries(root.resolve("mt/cleaned"));
        // commit 1 is needed by no snapshot after the checkpoint of version 3, but its commitInfo is not JSON
        Path corrupt = root.resolve("mt/corrupt");
        writeEntries(RecordTableWriter.openLocal(corrupt));
        Path commit = corrupt.resolve("_delta_log/%020d.json".formatted(1));
        Files.writeString(commit, Files.readString(commit).replaceFirst("\\{\"commitInfo\":\\{", "{\"commitInfo\":{\"operation\":WRITE,"));
        RecordTableWriter.openLocal(root.resolve("mt/growing")).append(List.of(record(NODE_A, 1, ArrowStreams.entries(1, 1, 8))));
        return BytestreamQueryRunner.builder(root).build();
    }

    @Test
    void testHistoryOfDeltaKernelCommits()
    {
        MaterializedResult history = computeActual("SELECT * FROM mt.\"entries$history\" ORDER BY version");
        assertThat(history.getColumnNames()).containsExactly("version", "timestamp", "user_id", "user_name", "operation", "operation_parameters",
                "cluster_id", "read_version", "isolation_level", "is_blind_append", "operation_metrics");
        assertThat(history.getTypes()).containsExactly(BIGINT, TIMESTAMP_TZ_MILLIS, VARCHAR, VARCHAR, VARCHAR, VARCHAR_MAP, VARCHAR, BIGINT, VARCHAR, BOOLEAN, VARCHAR_MAP);
        assertThat(history.getMaterializedRows()).hasSize(6);
        for (MaterializedRow row : history.getMaterializedRows()) {
            long version = (long) row.getField(0);
            // the commit file's modification time: delta-kernel's commitInfo has no in-commit timestamp here
            assertThat(((ZonedDateTime) row.getField(1)).toInstant()).isEqualTo(TestBytestreamTimeTravel.commitTime(version));
            assertThat(row.getField(4)).isEqualTo(version == 0 ? "CREATE TABLE" : "WRITE");
            assertThat(row.getField(5)).isEqualTo(version == 0 ? Map.of("partitionBy", "[\"node_id\"]") : Map.of());
            assertThat(row.getField(9)).isEqualTo(false);
            assertThat(row.getField(10)).isEqualTo(Map.of());
            // what delta-kernel does not write is NULL
            assertThat(Arrays.asList(row.getField(2), row.getField(3), row.getField(6), row.getField(7), row.getField(8))).containsOnlyNulls();
        }
    }

    @Test
    void testHistoryOfOtherWritersCommits()
    {
        MaterializedResult history = computeActual(utc(), "SELECT * FROM mt.\"ict$history\" ORDER BY version");
        assertThat(history.getMaterializedRows()).hasSize(4);
        for (MaterializedRow row : history.getMaterializedRows()) {
            // the in-commit timestamp, not the commitInfo's timestamp nor the file's modification time
            assertThat(((ZonedDateTime) row.getField(1)).toInstant()).isEqualTo(TestBytestreamTimeTravel.inCommitTime((long) row.getField(0)));
            assertThat(((ZonedDateTime) row.getField(1)).getZone()).isEqualTo(ZoneId.of("UTC"));
        }
        Map<String, String> deltaRsParameters = new LinkedHashMap<>();
        deltaRsParameters.put("mode", "Append");
        deltaRsParameters.put("partitionBy", "[\"node_id\"]");
        deltaRsParameters.put("predicate", null);
        assertThat(history.getMaterializedRows().stream().map(row -> row.getFields().subList(2, 11)).toList()).containsExactly(
                Arrays.asList(null, null, "CREATE TABLE", null, null, null, null, null, null),
                Arrays.asList(null, null, "WRITE", null, null, null, null, null, null),
                Arrays.asList("4242", "ada@example.com", "WRITE", Map.of("mode", "Append", "partitionBy", "[\"node_id\"]"), "0601-000000-abcdef", 1L, "WriteSerializable", true,
                        Map.of("numFiles", "1", "numOutputRows", "1", "numOutputBytes", "1642")),
                Arrays.asList(null, null, "WRITE", deltaRsParameters, null, 2L, null, null, Map.of("num_added_files", "1", "execution_time_ms", "12")));
        // the session's zone
        assertQuery("SELECT CAST(timestamp AT TIME ZONE 'Asia/Tokyo' AS varchar) FROM mt.\"ict$history\" WHERE version = 1", "VALUES '2025-06-01 09:10:00.000 Asia/Tokyo'");
    }

    @Test
    void testHistoryVersionFilter()
    {
        assertQuery("SELECT version FROM mt.\"entries$history\" WHERE version = 2", "VALUES 2");
        assertQuery("SELECT version FROM mt.\"entries$history\" WHERE version > 3", "VALUES 4, 5");
        assertQuery("SELECT version FROM mt.\"entries$history\" WHERE version IN (0, 5) OR version BETWEEN 2 AND 3", "VALUES 0, 2, 3, 5");
        assertQuery("SELECT count(*) FROM mt.\"entries$history\" WHERE version < 0", "VALUES 0");
        // a commit the filter leaves out is not read
        assertQuery("SELECT version, operation FROM mt.\"corrupt$history\" WHERE version >= 2", "VALUES (2, 'WRITE'), (3, 'WRITE'), (4, 'WRITE'), (5, 'WRITE')");
    }

    @Test
    void testHistoryAfterLogCleanup()
    {
        assertQuery("SELECT version FROM mt.\"cleaned$history\"", "VALUES 3, 4, 5");
        assertQuery("SELECT count(*) FROM mt.cleaned", "VALUES 13");
    }

    @Test
    void testBadCommit()
    {
        // the snapshot is read from the checkpoint of version 3: only $history reads commit 1
        assertQuery("SELECT count(*) FROM mt.corrupt", "VALUES 13");
        assertTrinoExceptionThrownBy(() -> computeActual("SELECT * FROM mt.\"corrupt$history\""))
                .hasErrorCode(BYTESTREAM_BAD_DELTA_LOG)
                .hasMessageMatching("(?s)Cannot read the history of table mt.corrupt from its Delta log at \\S+/mt/corrupt: Cannot read commit file \\S+/mt/corrupt/_delta_log/00000000000000000001.json: .*");
    }

    @Test
    void testHistoryGrowsWithCommits()
    {
        long before = (long) computeScalar("SELECT max(version) FROM mt.\"growing$history\"");
        long version = RecordTableWriter.openLocal(root.resolve("mt/growing")).append(List.of(record(NODE_A, 9, ArrowStreams.entries(1, 1, 9))));
        assertThat(version).isEqualTo(before + 1);
        assertQuery("SELECT max(version), count(*) FROM mt.\"growing$history\"", "VALUES (%s, %s)".formatted(version, version + 1));
    }

    @Test
    void testProperties()
    {
        assertQuery("SELECT * FROM mt.\"ict$properties\"",
                "VALUES ('delta.enableInCommitTimestamps', 'true'), ('delta.minReaderVersion', '1'), ('delta.minWriterVersion', '7'), ('delta.feature.inCommitTimestamp', 'supported')");
        assertQuery("SELECT * FROM mt.\"features$properties\"",
                "VALUES ('delta.logRetentionDuration', 'interval 7 days'), ('owner', 'ops'), ('delta.minReaderVersion', '3'), ('delta.minWriterVersion', '7'), " +
                        "('delta.feature.deletionVectors', 'supported'), ('delta.feature.timestampNtz', 'supported')");
        // delta-kernel's legacy protocol: no configuration, no listed features
        assertQuery("SELECT * FROM mt.\"entries$properties\"", "VALUES ('delta.minReaderVersion', '1'), ('delta.minWriterVersion', '2')");
        assertThat(computeActual("SELECT * FROM mt.\"entries$properties\"").getTypes()).containsExactly(VARCHAR, VARCHAR);
    }

    @Test
    void testMissingTable()
    {
        assertQueryFails("SELECT * FROM mt.\"nowhere$history\"", ".*Table 'pond\\.mt\\.\"nowhere\\$history\"' does not exist");
        assertQueryFails("SELECT * FROM mt.\"nowhere$properties\"", ".*Table 'pond\\.mt\\.\"nowhere\\$properties\"' does not exist");
    }

    private Session utc()
    {
        return Session.builder(getSession()).setTimeZoneKey(TimeZoneKey.UTC_KEY).build();
    }
}
