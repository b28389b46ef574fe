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
