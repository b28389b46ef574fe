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

package io.bytestream.trino.table;

import com.google.common.cache.Cache;
import com.google.common.collect.ImmutableList;
import com.google.common.util.concurrent.UncheckedExecutionException;
import io.airlift.units.Duration;
import io.bytestream.trino.delta.DeltaSnapshot;
import io.trino.cache.CacheStatsMBean;
import io.trino.cache.EvictableCacheBuilder;
import io.trino.spi.statistics.TableStatistics;
import org.weakref.jmx.Managed;
import org.weakref.jmx.Nested;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static com.google.common.base.Throwables.throwIfUnchecked;
import static java.util.concurrent.TimeUnit.MILLISECONDS;

/**
 * Delta snapshots and table schemas, shared by all queries of the catalog. A snapshot of a given version
 * never changes, so entries only expire to bound memory and to drop tables deleted in place; whether a
 * table has a newer version is checked by every query ({@link TableSnapshots#resolve}).
 */
public class MetadataCache
{
    private final Cache<TableVersion, DeltaSnapshot> snapshots;
    private final Cache<String, DeltaSnapshot> latestSnapshots;
    private final Cache<TableVersion, RecordTableSchema> schemas;
    private final Cache<ConstrainedTableVersion, TableStatistics> statistics;
    private final Cache<TableVersion, InnerRowSample> innerRowSamples;
    private final CacheStatsMBean snapshotStats;
    private final CacheStatsMBean latestSnapshotStats;
    private final CacheStatsMBean schemaStats;

    public MetadataCache(Duration ttl, long maximumSize)
    {
        snapshots = newCache(ttl, maximumSize);
        latestSnapshots = newCache(ttl, maximumSize);
        schemas = newCache(ttl, maximumSize);
        statistics = newCache(ttl, maximumSize);
        innerRowSamples = newCache(ttl, maximumSize);
        snapshotStats = new CacheStatsMBean(snapshots);
        latestSnapshotStats = new CacheStatsMBean(latestSnapshots);
        schemaStats = new CacheStatsMBean(schemas);
    }

    private static <K, V> Cache<K, V> newCache(Duration ttl, long maximumSize)
    {
        long ttlMillis = ttl.toMillis();
        return EvictableCacheBuilder.newBuilder()
                .expireAfterWrite(ttlMillis, MILLISECONDS)
                .maximumSize(ttlMillis == 0 ? 0 : maximumSize)
                .shareNothingWhenDisabled()
                .recordStats()
                .build();
    }

    DeltaSnapshot snapshot(String location, long version, Supplier<DeltaSnapshot> loader)
    {
        return get(snapshots, new TableVersion(location, version), loader);
    }

    /** The newest snapshot seen of the table at {@code location}; the caller checks whether it is still the newest. */
    Optional<DeltaSnapshot> latestSnapshot(String location)
    {
        return Optional.ofNullable(latestSnapshots.getIfPresent(location));
    }

    /** Replaces the cached newest snapshot by a freshly loaded one; empty when the table does not exist. */
    Optional<DeltaSnapshot> reloadLatestSnapshot(String location, Supplier<Optional<DeltaSnapshot>> loader)
    {
        latestSnapshots.invalidate(location);
        Optional<DeltaSnapshot> latest = loader.get();
        latest.ifPresent(snapshot -> {
            get(latestSnapshots, location, () -> snapshot);
            get(snapshots, new TableVersion(location, snapshot.version()), () -> snapshot);
        });
        return latest;
    }

    RecordTableSchema schema(String location, long version, Supplier<RecordTableSchema> loader)
    {
        return get(schemas, new TableVersion(location, version), loader);
    }

    /**
     * The statistics of the table's snapshot at {@code version} under {@code constraints} (any value with equality):
     * the optimizer asks for them in every query's planning, and computing them lists every active file.
     */
    TableStatistics statistics(String location, long version, Object constraints, Supplier<TableStatistics> loader)
    {
        return get(statistics, new ConstrainedTableVersion(location, version, constraints), loader);
    }

    /** The inner row sample of the table's snapshot at {@code version}: read from data files, once. */
    InnerRowSample innerRowSample(String location, long version, Supplier<InnerRowSample> loader)
    {
        return get(innerRowSamples, new TableVersion(location, version), loader);
    }

    public void flush()
    {
        snapshots.invalidateAll();
        latestSnapshots.invalidateAll();
        schemas.invalidateAll();
        statistics.invalidateAll();
        innerRowSamples.invalidateAll();
    }

    /** Forgets every table whose location satisfies {@code tableLocations}. */
    public void flush(Predicate<String> tableLocations)
    {
        invalidateMatching(snapshots, key -> tableLocations.test(key.location()));
        invalidateMatching(latestSnapshots, tableLocations);
        invalidateMatching(schemas, key -> tableLocations.test(key.location()));
        invalidateMatching(statistics, key -> tableLocations.test(key.location()));
        invalidateMatching(innerRowSamples, key -> tableLocations.test(key.location()));
    }

    @Managed
    @Nested
    public CacheStatsMBean getSnapshotCacheStats()
    {
        return snapshotStats;
    }

    @Managed
    @Nested
    public CacheStatsMBean getLatestSnapshotCacheStats()
    {
        return latestSnapshotStats;
    }

    @Managed
    @Nested
    public CacheStatsMBean getSchemaCacheStats()
    {
        return schemaStats;
    }

    private static <K> void invalidateMatching(Cache<K, ?> cache, Predicate<K> keys)
    {
        cache.invalidateAll(cache.asMap().keySet().stream().filter(keys).collect(ImmutableList.toImmutableList()));
    }

    private static <K, V> V get(Cache<K, V> cache, K key, Supplier<V> loader)
    {
        try {
            return cache.get(key, loader::get);
        }
        catch (ExecutionException | UncheckedExecutionException e) {
            throwIfUnchecked(e.getCause());
            throw new IllegalStateException(e.getCause());
        }
    }

    private record TableVersion(String location, long version) {}

    private record ConstrainedTableVersion(String location, long version, Object constraints) {}
}
