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
 * An active data file with the range of its records' versions, where its add action's statistics give one.
 */
public record VersionedDataFile(DataFile file, Optional<VersionRange> versions)
{
    public VersionedDataFile
    {
        requireNonNull(file, "file is null");
        requireNonNull(versions, "versions is null");
    }
}
