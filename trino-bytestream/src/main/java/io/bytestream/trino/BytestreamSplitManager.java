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
import io.airlift.units.Duration;
import io.bytestream.trino.BytestreamTableHandle.View;
import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.table.TableSnapshots;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplitManager;
import io.trino.spi.connector.ConnectorSplitSource;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.connector.Constraint;
import io.trino.spi.connector.DynamicFilter;
import io.trino.spi.connector.FixedSplitSource;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Plans a record table's pinned snapshot into splits: the active data files, pruned by partition values
 * (and by file statistics for other outer columns), small files of one partition grouped together;
 * partitions excluded by a join's dynamic filter are dropped before they are scheduled.
 */
public class BytestreamSplitManager
        implements ConnectorSplitManager
{
    private final TableSnapshots snapshots;
    private final long maxSplitSize;
    private final Duration dynamicFilteringWaitTimeout;

    @Inject
    public BytestreamSplitManager(TableSnapshots snapshots, BytestreamConfig config)
    {
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
        this.maxSplitSize = config.getMaxSplitSize().toBytes();
        this.dynamicFilteringWaitTimeout = config.getDynamicFilteringWaitTimeout();
    }

    @Override
    public ConnectorSplitSource getSplits(ConnectorTransactionHandle transaction, ConnectorSession session, ConnectorTableHandle tableHandle, DynamicFilter dynamicFilter, Constraint constraint)
    {
        BytestreamTableHandle table = (BytestreamTableHandle) tableHandle;
        if (table.view() == View.CHANGES) {
            // a split per changed file: its change type and commit are constants of its rows
            return new FixedSplitSource(snapshots.changes(session, table.table(), table.changesSinceVersion().getAsLong()).stream()
                    .map(TableChangesSplit::new)
                    .toList());
        }
        if (table.matchesNothing()) {
            return new FixedSplitSource(List.of());
        }
        List<DataFile> splitFiles = InnerColumnSkipping.filesThatMayMatch(snapshots, session, table).stream()
                .map(DataFile::withoutInnerStatistics)
                .toList();
        return new BytestreamSplitSource(SplitPacker.pack(splitFiles, maxSplitSize), dynamicFilter, dynamicFilteringWaitTimeout);
    }
}
