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
