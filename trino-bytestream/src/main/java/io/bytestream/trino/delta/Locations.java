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

import io.trino.filesystem.Location;

/**
 * Converts between the path strings delta-kernel uses and Trino {@link Location}s.
 * Kernel normalises {@code file:///x} to {@code file:/x}, which {@link Location} does not accept.
 */
public final class Locations
{
    private Locations() {}

    public static Location toLocation(String path)
    {
        if (path.startsWith("file:/") && !path.startsWith("file://")) {
            return Location.of("file://" + path.substring("file:".length()));
        }
        return Location.of(path);
    }

    public static String toKernelPath(Location location)
    {
        return location.toString();
    }
}
