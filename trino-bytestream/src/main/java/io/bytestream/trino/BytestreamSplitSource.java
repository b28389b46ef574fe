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

import com.google.common.collect.ImmutableList;
import io.airlift.units.Duration;
import io.trino.spi.connector.ConnectorSplit;
import io.trino.spi.connector.ConnectorSplitSource;
import io.trino.spi.connector.DynamicFilter;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.metrics.Metrics;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;
import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

/**
 * Hands out a table's planned splits, after waiting (up to a timeout) for the query's dynamic filters, so
 * that partitions a join's build side excludes are never scheduled. Page sources check the filter again.
 */
final class BytestreamSplitSource
        implements ConnectorSplitSource
{
    private static final ConnectorSplitBatch EMPTY_BATCH = new ConnectorSplitBatch(List.of(), false);

    private final SchemaTableName table;
    private final Queue<BytestreamSplit> splits;
    private final DynamicFilter dynamicFilter;
    private final long waitUntilNanos;
    private final Metrics metrics;

    BytestreamSplitSource(SchemaTableName table, List<BytestreamSplit> splits, DynamicFilter dynamicFilter, Duration dynamicFilteringWaitTimeout, Metrics metrics)
    {
        this.table = requireNonNull(table, "table is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.splits = new ArrayDeque<>(splits);
        this.dynamicFilter = dynamicFilter;
        this.waitUntilNanos = System.nanoTime() + dynamicFilteringWaitTimeout.roundTo(NANOSECONDS);
    }

    @Override
    public CompletableFuture<ConnectorSplitBatch> getNextBatch(int maxSize)
    {
        long remainingMillis = (waitUntilNanos - System.nanoTime()) / 1_000_000;
        if (dynamicFilter.isAwaitable() && remainingMillis > 0) {
            return dynamicFilter.isBlocked()
                    .thenApply(_ -> EMPTY_BATCH)
                    .completeOnTimeout(EMPTY_BATCH, remainingMillis, MILLISECONDS);
        }
        ImmutableList.Builder<ConnectorSplit> batch = ImmutableList.builder();
        int size = 0;
        while (size < maxSize && !splits.isEmpty()) {
            BytestreamSplit split = splits.poll();
            if (ColumnConstraints.mayMatch(table, dynamicFilter, split)) {
                batch.add(split);
                size++;
            }
        }
        return completedFuture(new ConnectorSplitBatch(batch.build(), splits.isEmpty()));
    }

    @Override
    public Metrics getMetrics()
    {
        return metrics;
    }

    @Override
    public void close()
    {
        splits.clear();
    }

    @Override
    public boolean isFinished()
    {
        return splits.isEmpty();
    }
}
