package io.bytestream.trino.delta;

import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.ValueSet;
import io.trino.spi.type.LongTimestampWithTimeZone;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.trino.spi.type.TimeZoneKey.UTC_KEY;
import static java.lang.Math.floorDiv;
import static java.lang.Math.floorMod;
import static java.time.temporal.ChronoUnit.MICROS;

/**
 * Data files, partition values, domains and timestamps for the unit tests of the connector's Delta-facing classes.
 */
public final class DeltaFixtures
{
    private DeltaFixtures() {}

    /** A data file of the given partition (its values may be null), modified at time 0. */
    public static DataFile dataFile(String path, long size, Map<String, String> partitionValues)
    {
        return new DataFile(path, size, 0, partitionValues);
    }

    /** One partition column's serialised value, which may be null (what {@code Map.of} refuses). */
    public static Map<String, String> partition(String column, String value)
    {
        Map<String, String> values = new HashMap<>();
        values.put(column, value);
        return values;
    }

    /** The domain of the values in any of the ranges, without null. */
    public static Domain ranges(Range... ranges)
    {
        return Domain.create(ValueSet.ofRanges(List.of(ranges)), false);
    }

    /** Microseconds since the epoch of an ISO-8601 instant such as {@code 2024-05-01T10:00:00.123456Z}. */
    public static long epochMicros(String instant)
    {
        return MICROS.between(Instant.EPOCH, Instant.parse(instant));
    }

    /** The native value of a {@code timestamp(6) with time zone} in UTC. */
    public static LongTimestampWithTimeZone timestampTz(long epochMicros)
    {
        return LongTimestampWithTimeZone.fromEpochMillisAndFraction(floorDiv(epochMicros, 1000), floorMod(epochMicros, 1000) * 1_000_000, UTC_KEY);
    }
}
