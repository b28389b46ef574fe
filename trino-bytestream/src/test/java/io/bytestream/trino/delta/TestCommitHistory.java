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

package io.bytestream.trino.delta;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bytestream.trino.filesystem.LocalFileSchemeFileSystemFactory;
import io.trino.filesystem.Location;
import io.trino.spi.security.ConnectorIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestCommitHistory
{
    private static final long T = 1_740_830_400_000L;

    private final CommitHistory history = new CommitHistory(new LocalFileSchemeFileSystemFactory().create(ConnectorIdentity.ofUser("test")));

    @Test
    void testCommitsInVersionOrderUpToTheLastVersion(@TempDir Path table)
            throws IOException
    {
        for (long version = 0; version < 12; version++) {
            writeCommit(table, version, "{\"commitInfo\":{\"operation\":\"WRITE\",\"readVersion\":%s}}\n{\"add\":{\"path\":\"f\"}}".formatted(version - 1), T + version * 1000);
        }
        Files.writeString(table.resolve("_delta_log/00000000000000000010.checkpoint.parquet"), "not read");
        Files.writeString(table.resolve("_delta_log/00000000000000000003.crc"), "not read");
        // a commit in a folder below the log is not one of the log's
        Files.createDirectories(table.resolve("_delta_log/_staged_commits"));
        Files.writeString(table.resolve("_delta_log/_staged_commits/00000000000000000012.json"), "{\"commitInfo\":{}}");

        List<Commit> commits = history.commits(location(table), 10, _ -> true);
        assertThat(commits).extracting(Commit::version).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(commits).extracting(Commit::timestamp).containsExactly(T, T + 1000, T + 2000, T + 3000, T + 4000, T + 5000, T + 6000, T + 7000, T + 8000, T + 9000, T + 10000);
        assertThat(commits.get(4).commitInfo().flatMap(CommitInfo::readVersion)).contains(3L);
        assertThat(commits.get(4).file()).isEqualTo(location(table).appendPath("_delta_log/00000000000000000004.json").toString());
    }

    @Test
    void testOnlyTheAcceptedVersionsAreRead(@TempDir Path table)
            throws IOException
    {
        writeCommit(table, 0, "{\"commitInfo\":{\"operation\":\"CREATE TABLE\"}}", T);
        writeCommit(table, 1, "{\"commitInfo\":{\"operation\":", T + 1000);
        writeCommit(table, 2, "{\"commitInfo\":{\"operation\":\"WRITE\"}}", T + 2000);
        assertThat(history.commits(location(table), 2, version -> version != 1)).extracting(Commit::version).containsExactly(0L, 2L);
        assertThatThrownBy(() -> history.commits(location(table), 2, _ -> true))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("Cannot read commit file %s: ".formatted(location(table).appendPath("_delta_log/00000000000000000001.json")));
    }

    @Test
    void testCommitTimes(@TempDir Path table)
            throws IOException
    {
        writeCommit(table, 0, "{\"commitInfo\":{\"timestamp\":1}}", T);
        // the clock went back: made later than the previous commit's, as delta-kernel's time travel does
        writeCommit(table, 1, "{\"commitInfo\":{\"timestamp\":2}}", T - 5000);
        writeCommit(table, 2, "{\"add\":{\"path\":\"f\"}}", T - 4000);
        // in-commit timestamps from here on; a commitInfo not on the first line is found too
        writeCommit(table, 3, "{\"protocol\":{}}\n{\"commitInfo\":{\"inCommitTimestamp\":%s}}".formatted(T + 60_000), T - 3000);
        writeCommit(table, 4, "{\"commitInfo\":{\"inCommitTimestamp\":%s}}".formatted(T + 70_000), T);

        List<Commit> commits = history.commits(location(table), 4, _ -> true);
        assertThat(commits).extracting(Commit::timestamp).containsExactly(T, T + 1, T + 2, T + 60_000, T + 70_000);
        // a commit without commitInfo is still a commit
        assertThat(commits.get(2).commitInfo()).isEmpty();
        // a filter does not change the times
        assertThat(history.commits(location(table), 4, version -> version == 2)).extracting(Commit::timestamp).containsExactly(T + 2);
    }

    @Test
    void testActionsBeforeCommitInfoAreSkipped(@TempDir Path table)
            throws IOException
    {
        String stats = "{\\\"numRecords\\\":1,\\\"minValues\\\":{\\\"name\\\":\\\"%s\\\"}}".formatted("x".repeat(1 << 20));
        writeCommit(table, 0, """
                {"add":{"path":"a","partitionValues":{"commitInfo":"not this one"},"stats":"%s","tags":{"a":[1,{"b":null}]}}}
                {"remove":{"path":"b"}}  {"commitInfo":{"operation":"OPTIMIZE","readVersion":3}}
                {"add":{"path":"c"}}""".formatted(stats), T);
        List<Commit> commits = history.commits(location(table), 0, _ -> true);
        assertThat(commits.getFirst().commitInfo().flatMap(CommitInfo::operation)).contains("OPTIMIZE");
        assertThat(commits.getFirst().commitInfo().flatMap(CommitInfo::readVersion)).contains(3L);
    }

    @Test
    void testActionThatIsNotAnObject(@TempDir Path table)
            throws IOException
    {
        writeCommit(table, 0, "[\"commitInfo\"]", T);
        assertThatThrownBy(() -> history.commits(location(table), 0, _ -> true))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("00000000000000000000.json: A Delta action must be a JSON object, found START_ARRAY");
    }

    @Test
    void testLogCleanedUp(@TempDir Path table)
            throws IOException
    {
        for (long version = 5; version < 8; version++) {
            writeCommit(table, version, "{\"commitInfo\":{}}", T + version);
        }
        assertThat(history.commits(location(table), 7, _ -> true)).extracting(Commit::version).containsExactly(5L, 6L, 7L);
        assertThat(history.commits(location(table), 7, _ -> true).getFirst().commitInfo()).contains(CommitInfo.of(new ObjectMapper().createObjectNode()));
        assertThat(history.commits(location(table), 4, _ -> true)).isEmpty();
    }

    @Test
    void testMissingLog(@TempDir Path table)
    {
        assertThat(history.commits(location(table), 3, _ -> true)).isEmpty();
    }

    private static void writeCommit(Path table, long version, String actions, long modificationTime)
            throws IOException
    {
        Path file = table.resolve("_delta_log/%020d.json".formatted(version));
        Files.createDirectories(file.getParent());
        Files.writeString(file, actions + "\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(modificationTime));
    }

    private static Location location(Path table)
    {
        return Location.of("file://" + table.toAbsolutePath());
    }
}
