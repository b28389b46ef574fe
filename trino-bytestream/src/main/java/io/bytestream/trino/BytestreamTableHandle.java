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

import io.bytestream.trino.table.RecordTable;
import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.predicate.TupleDomain;

import static java.util.Objects.requireNonNull;

/**
 * A record table pinned to one Delta snapshot version, so every part of a query reads the same snapshot.
 *
 * @param partitionConstraint constraint on partition columns, enforced by pruning data files
 * @param outerConstraint constraint on other outer columns, used to skip files by their statistics (not enforced)
 */
public record BytestreamTableHandle(
        RecordTable table,
        TupleDomain<BytestreamColumnHandle> partitionConstraint,
        TupleDomain<BytestreamColumnHandle> outerConstraint,
        TupleDomain<BytestreamColumnHandle> innerConstraint)
        implements ConnectorTableHandle
{
    public BytestreamTableHandle
    {
        requireNonNull(table, "table is null");
        requireNonNull(partitionConstraint, "partitionConstraint is null");
        requireNonNull(outerConstraint, "outerConstraint is null");
        requireNonNull(innerConstraint, "innerConstraint is null");
    }

    /** The table with no constraint yet. */
    public BytestreamTableHandle(RecordTable table)
    {
        this(table, TupleDomain.all(), TupleDomain.all(), TupleDomain.all());
    }

    /** Whether a constraint matches no row, so no data file need be listed. */
    public boolean matchesNothing()
    {
        return partitionConstraint.isNone() || outerConstraint.isNone() || innerConstraint.isNone();
    }

    /** The inner constraint only skips files by their record statistics; the engine still filters the rows. */
    public BytestreamTableHandle withConstraints(TupleDomain<BytestreamColumnHandle> partitionConstraint, TupleDomain<BytestreamColumnHandle> outerConstraint, TupleDomain<BytestreamColumnHandle> innerConstraint)
    {
        return new BytestreamTableHandle(table, partitionConstraint, outerConstraint, innerConstraint);
    }

    @Override
    public String toString()
    {
        return table.toString();
    }
}
