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

package io.bytestream.trino;

import com.google.inject.Inject;
import io.trino.spi.classloader.ThreadContextClassLoader;
import jakarta.annotation.PreDestroy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

import static com.google.common.base.Throwables.throwIfUnchecked;
import static io.airlift.concurrent.Threads.daemonThreadsNamed;
import static java.util.concurrent.Executors.newFixedThreadPool;

/**
 * Describes the tables of a listing (information_schema, JDBC metadata) several at a time: each needs a few
 * round trips to storage (the Delta log, the newest record), which on an object store are mostly waiting.
 */
public class MetadataListingExecutor
{
    private final ExecutorService executor;

    @Inject
    public MetadataListingExecutor(BytestreamConfig config)
    {
        this.executor = newFixedThreadPool(config.getMetadataParallelism(), daemonThreadsNamed("bytestream-metadata-listing-%s"));
    }

    /** Applies {@code function} to every item concurrently; the results keep the items' order. */
    public <T, R> List<R> map(List<T> items, Function<T, R> function)
    {
        ClassLoader classLoader = getClass().getClassLoader();
        List<CompletableFuture<R>> futures = items.stream()
                .map(item -> CompletableFuture.supplyAsync(() -> {
                    // delta-kernel and its Parquet reader load classes through the context class loader
                    try (ThreadContextClassLoader _ = new ThreadContextClassLoader(classLoader)) {
                        return function.apply(item);
                    }
                }, executor))
                .toList();
        try {
            return futures.stream().map(CompletableFuture::join).toList();
        }
        catch (CompletionException e) {
            futures.forEach(future -> future.cancel(true));
            throwIfUnchecked(e.getCause());
            throw e;
        }
    }

    @PreDestroy
    public void shutdown()
    {
        executor.shutdownNow();
    }
}
