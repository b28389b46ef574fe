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

import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * The Delta log no longer holds commits that were asked for: log cleanup deleted them.
 */
public class CommitsUnavailableException
        extends RuntimeException
{
    private final long version;
    private final OptionalLong firstAvailableVersion;

    public CommitsUnavailableException(long version, OptionalLong firstAvailableVersion)
    {
        super("The Delta log has no commit of version %s".formatted(version));
        this.version = version;
        this.firstAvailableVersion = requireNonNull(firstAvailableVersion, "firstAvailableVersion is null");
    }

    /** The first version asked for whose commit is missing. */
    public long version()
    {
        return version;
    }

    /** The oldest commit the log holds after {@link #version()}, if any. */
    public OptionalLong firstAvailableVersion()
    {
        return firstAvailableVersion;
    }
}
