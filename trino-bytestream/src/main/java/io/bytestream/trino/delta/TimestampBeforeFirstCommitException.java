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

import java.time.Instant;

/**
 * An instant asked for by time travel is before the earliest commit still in the table's log: the table did not exist
 * yet, or the commits of that time were removed by log cleanup.
 */
public final class TimestampBeforeFirstCommitException
        extends RuntimeException
{
    private final long earliestVersion;
    private final long earliestTimestamp;

    TimestampBeforeFirstCommitException(long earliestVersion, long earliestTimestamp)
    {
        super("The earliest commit in the log is version %s at %s".formatted(earliestVersion, Instant.ofEpochMilli(earliestTimestamp)));
        this.earliestVersion = earliestVersion;
        this.earliestTimestamp = earliestTimestamp;
    }

    public long earliestVersion()
    {
        return earliestVersion;
    }

    /** The earliest commit's time, in milliseconds since the epoch. */
    public long earliestTimestamp()
    {
        return earliestTimestamp;
    }
}
