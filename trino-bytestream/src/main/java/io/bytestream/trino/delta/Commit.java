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

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One commit file of a table's Delta log.
 *
 * @param version the table version it commits
 * @param file the commit file's location
 * @param timestamp the commit time by the Delta protocol, in milliseconds since the epoch: the in-commit timestamp where the
 * commit has one, else the file's modification time (made later than the previous commit's where the clock went back, as
 * delta-kernel's and Spark's time travel do)
 * @param commitInfo its {@code commitInfo} action; empty where the writer wrote none
 */
public record Commit(long version, String file, long timestamp, Optional<CommitInfo> commitInfo)
{
    public Commit
    {
        requireNonNull(file, "file is null");
        requireNonNull(commitInfo, "commitInfo is null");
    }
}
