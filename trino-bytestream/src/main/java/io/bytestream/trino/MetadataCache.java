package io.bytestream.trino;

import com.google.common.cache.Cache;
import com.google.common.collect.ImmutableList;
import com.google.common.util.concurrent.UncheckedExecutionException;
import com.google.inject.Inject;
import io.delta.kernel.Snapshot;
import io.trino.cache.CacheStatsMBean;
import io.trino.cache.EvictableCacheBuilder;
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
 * table has a newer version is checked by every query ({@link RecordTables#loadSnapshot}).
 */
public class MetadataCache
{
    private final Cache<TableVersion, Snapshot> snapshots;
    private final Cache<String, Snapshot> latestSnapshots;
    private final Cache<TableVersion, RecordTableSchema> schemas;
    private final CacheStatsMBean snapshotStats;
    private final CacheStatsMBean latestSnapshotStats;
    private final CacheStatsMBean schemaStats;

    @Inject
    public MetadataCache(BytestreamConfig config)
    {
        snapshots = newCache(config);
        latestSnapshots = newCache(config);
        schemas = newCache(config);
        snapshotStats = new CacheStatsMBean(snapshots);
        latestSnapshotStats = new CacheStatsMBean(latestSnapshots);
        schemaStats = new CacheStatsMBean(schemas);
    }

    private static <K, V> Cache<K, V> newCache(BytestreamConfig config)
    {
        long ttlMillis = config.getMetadataCacheTtl().toMillis();
        return EvictableCacheBuilder.newBuilder()
                .expireAfterWrite(ttlMillis, MILLISECONDS)
                .maximumSize(ttlMillis == 0 ? 0 : config.getMetadataCacheMaximumSize())
                .shareNothingWhenDisabled()
                .recordStats()
                .build();
    }

    Snapshot snapshot(String location, long version, Supplier<Snapshot> loader)
    {
        return get(snapshots, new TableVersion(location, version), loader);
    }

    /** The newest snapshot seen of the table at {@code location}; the caller checks whether it is still the newest. */
    Optional<Snapshot> latestSnapshot(String location)
    {
        return Optional.ofNullable(latestSnapshots.getIfPresent(location));
    }

    /** Replaces the cached newest snapshot by a freshly loaded one; empty when the table does not exist. */
    Optional<Snapshot> reloadLatestSnapshot(String location, Supplier<Optional<Snapshot>> loader)
    {
        latestSnapshots.invalidate(location);
        Optional<Snapshot> latest = loader.get();
        latest.ifPresent(snapshot -> {
            get(latestSnapshots, location, () -> snapshot);
            get(snapshots, new TableVersion(location, snapshot.getVersion()), () -> snapshot);
        });
        return latest;
    }

    RecordTableSchema schema(String location, long version, Supplier<RecordTableSchema> loader)
    {
        return get(schemas, new TableVersion(location, version), loader);
    }

    public void flush()
    {
        snapshots.invalidateAll();
        latestSnapshots.invalidateAll();
        schemas.invalidateAll();
    }

    /** Forgets every table whose location satisfies {@code tableLocations}. */
    public void flush(Predicate<String> tableLocations)
    {
        invalidateMatching(snapshots, key -> tableLocations.test(key.location()));
        invalidateMatching(latestSnapshots, tableLocations);
        invalidateMatching(schemas, key -> tableLocations.test(key.location()));
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
}
