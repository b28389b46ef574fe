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

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import io.trino.filesystem.FileEntry;
import io.trino.filesystem.FileIterator;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The commits still in a table's Delta log, each with its commit time and {@code commitInfo} action, read from the
 * commit files themselves: log cleanup deletes the commits before the oldest checkpoint it keeps, and only the commit
 * files hold the {@code commitInfo} actions (checkpoints leave them out).
 */
public final class CommitHistory
{
    private static final Pattern COMMIT_FILE = Pattern.compile("(\\d{20})\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrinoFileSystem fileSystem;

    public CommitHistory(TrinoFileSystem fileSystem)
    {
        this.fileSystem = requireNonNull(fileSystem, "fileSystem is null");
    }

    /**
     * The commits of versions up to {@code lastVersion} that {@code versions} accepts, oldest first. Only the commit
     * files of accepted versions are read; a commit deleted by log cleanup after the listing is left out.
     *
     * @throws UncheckedIOException naming the commit file that cannot be listed, read or parsed
     */
    public List<Commit> commits(Location table, long lastVersion, LongPredicate versions)
    {
        List<CommitFile> files = listCommitFiles(table.appendPath("_delta_log"), lastVersion);
        ImmutableList.Builder<Commit> commits = ImmutableList.builder();
        long previousTimestamp = Long.MIN_VALUE;
        for (CommitFile file : files) {
            // the adjusted time of every listed commit counts, read or not, so that a filter does not change the times shown
            long modificationTime = previousTimestamp == Long.MIN_VALUE ? file.modificationTime() : Math.max(file.modificationTime(), previousTimestamp + 1);
            previousTimestamp = modificationTime;
            if (!versions.test(file.version())) {
                continue;
            }
            Optional<Optional<CommitInfo>> commitInfo = readCommitInfo(file.location());
            if (commitInfo.isEmpty()) {
                continue;
            }
            long timestamp = commitInfo.get().flatMap(CommitInfo::inCommitTimestamp).orElse(modificationTime);
            commits.add(new Commit(file.version(), file.location().toString(), timestamp, commitInfo.get()));
        }
        return commits.build();
    }

    private List<CommitFile> listCommitFiles(Location log, long lastVersion)
    {
        List<CommitFile> files = new ArrayList<>();
        try {
            FileIterator iterator = fileSystem.listFiles(log);
            while (iterator.hasNext()) {
                FileEntry entry = iterator.next();
                Matcher name = COMMIT_FILE.matcher(entry.location().fileName());
                // listFiles is recursive: commits of other folders (_staged_commits) are not the log's
                if (!name.matches() || !entry.location().equals(log.appendPath(entry.location().fileName()))) {
                    continue;
                }
                long version = Long.parseLong(name.group(1));
                if (version <= lastVersion) {
                    files.add(new CommitFile(version, entry.location(), entry.lastModified().toEpochMilli()));
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list the Delta log at %s: %s".formatted(log, e.getMessage()), e);
        }
        files.sort(Comparator.comparingLong(CommitFile::version));
        return files;
    }

    /**
     * The commit's commitInfo action, if it has one; empty where the file no longer exists. The actions before it are
     * skipped token by token, never held whole: memory stays bounded however long a line of the file is.
     */
    private Optional<Optional<CommitInfo>> readCommitInfo(Location file)
    {
        try (InputStream input = fileSystem.newInputFile(file).newStream();
                JsonParser parser = JSON.createParser(input)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token != JsonToken.START_OBJECT) {
                    throw new JsonParseException(parser, "A Delta action must be a JSON object, found " + token);
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String action = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (action.equals(CommitInfo.ACTION) && value == JsonToken.START_OBJECT) {
                        JsonNode commitInfo = JSON.readTree(parser);
                        return Optional.of(Optional.of(CommitInfo.of(commitInfo)));
                    }
                    parser.skipChildren();
                }
            }
            return Optional.of(Optional.empty());
        }
        catch (FileNotFoundException e) {
            return Optional.empty();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read commit file %s: %s".formatted(file, e.getMessage()), e);
        }
    }

    private record CommitFile(long version, Location location, long modificationTime) {}
}
