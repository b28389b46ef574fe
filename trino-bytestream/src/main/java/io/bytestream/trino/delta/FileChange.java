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

import static io.airlift.slice.SizeOf.instanceSize;
import static java.util.Locale.ROOT;
import static java.util.Objects.requireNonNull;

/**
 * Rows of a data file that one commit inserted or deleted, as {@code table_changes} reads them.
 *
 * @param commitTimestamp the commit's time in milliseconds since the epoch: its in-commit timestamp where it has one,
 * else its commit file's modification time, as the Delta protocol defines it
 * @param lastChangeOfFile the last commit of the changes read that adds or removes the file: changes read from that
 * version on need the file no more
 */
public record FileChange(DataFile file, Type type, long commitVersion, long commitTimestamp, long lastChangeOfFile)
{
    private static final int INSTANCE_SIZE = instanceSize(FileChange.class);

    public enum Type
    {
        INSERT, DELETE;

        /** The value of {@code _change_type}, as Delta's change data feed names it. */
        public String label()
        {
            return name().toLowerCase(ROOT);
        }
    }

    public FileChange
    {
        requireNonNull(file, "file is null");
        requireNonNull(type, "type is null");
    }

    FileChange withLastChangeOfFile(long version)
    {
        return new FileChange(file, type, commitVersion, commitTimestamp, version);
    }

    public long retainedSizeInBytes()
    {
        return INSTANCE_SIZE + file.retainedSizeInBytes();
    }
}
