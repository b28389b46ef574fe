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
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.predicate.TupleDomain;

import java.util.OptionalLong;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Locale.ROOT;
import static java.util.Objects.requireNonNull;

/**
 * A record table pinned to one Delta snapshot version, so every part of a query reads the same snapshot.
 *
 * @param view what the scan returns: the table's inner rows, one of its metadata tables read from data files, or its changes
 * @param changesSinceVersion for {@link View#CHANGES}, the version after which commits are read (-1 for every commit)
 * @param partitionConstraint constraint on partition columns, enforced by pruning data files
 * @param outerConstraint constraint on other outer columns, used to skip files by their statistics and records by their
 * values before their content is decoded (not enforced: the engine still filters the rows)
 * @param fileConstraint constraint on the data file's path, size and modification time, enforced by pruning data files
 */
public record BytestreamTableHandle(
        RecordTable table,
        View view,
        OptionalLong changesSinceVersion,
        TupleDomain<BytestreamColumnHandle> partitionConstraint,
        TupleDomain<BytestreamColumnHandle> outerConstraint,
        TupleDomain<BytestreamColumnHandle> innerConstraint,
        TupleDomain<BytestreamColumnHandle> fileConstraint)
        implements ConnectorTableHandle
{
    public enum View
    {
        /** The inner rows of every live record: the table itself. */
        ROWS,
        /** {@code "<table>$records"}: one row per live record, from its IPC message headers. */
        RECORDS,
        /** {@code "<table>$latest"}: the inner rows of each node's record with the highest version. */
        LATEST,
        /** {@code table_changes}: the inner rows of the records inserted and deleted by the commits after a version. */
        CHANGES,
    }

    public BytestreamTableHandle
    {
        requireNonNull(table, "table is null");
        requireNonNull(view, "view is null");
        checkArgument(changesSinceVersion.isPresent() == (view == View.CHANGES), "changesSinceVersion is for the changes view only");
        requireNonNull(partitionConstraint, "partitionConstraint is null");
        requireNonNull(outerConstraint, "outerConstraint is null");
        requireNonNull(innerConstraint, "innerConstraint is null");
        requireNonNull(fileConstraint, "fileConstraint is null");
    }

    /** A view other than {@link View#CHANGES}. */
    public BytestreamTableHandle(
            RecordTable table,
            View view,
            TupleDomain<BytestreamColumnHandle> partitionConstraint,
            TupleDomain<BytestreamColumnHandle> outerConstraint,
            TupleDomain<BytestreamColumnHandle> innerConstraint,
            TupleDomain<BytestreamColumnHandle> fileConstraint)
    {
        this(table, view, OptionalLong.empty(), partitionConstraint, outerConstraint, innerConstraint, fileConstraint);
    }

    /** The table's view with no constraint yet. */
    public BytestreamTableHandle(RecordTable table, View view)
    {
        this(table, view, TupleDomain.all(), TupleDomain.all(), TupleDomain.all(), TupleDomain.all());
    }

    /** The changes of the table's commits after {@code sinceVersion} up to its pinned version. */
    public static BytestreamTableHandle changes(RecordTable table, long sinceVersion)
    {
        return new BytestreamTableHandle(table, View.CHANGES, OptionalLong.of(sinceVersion), TupleDomain.all(), TupleDomain.all(), TupleDomain.all(), TupleDomain.all());
    }

    /** Whether a constraint matches no row, so no data file need be listed. */
    public boolean matchesNothing()
    {
        return partitionConstraint.isNone() || outerConstraint.isNone() || innerConstraint.isNone() || fileConstraint.isNone();
    }

    /** The inner constraint only skips files by their record statistics; the engine still filters the rows. */
    public BytestreamTableHandle withConstraints(TupleDomain<BytestreamColumnHandle> partitionConstraint, TupleDomain<BytestreamColumnHandle> outerConstraint, TupleDomain<BytestreamColumnHandle> innerConstraint)
    {
        return new BytestreamTableHandle(table, view, changesSinceVersion, partitionConstraint, outerConstraint, innerConstraint, fileConstraint);
    }

    public BytestreamTableHandle withFileConstraint(TupleDomain<BytestreamColumnHandle> fileConstraint)
    {
        return new BytestreamTableHandle(table, view, changesSinceVersion, partitionConstraint, outerConstraint, innerConstraint, fileConstraint);
    }

    /** The name the query gave: the table's, or for a metadata table {@code "<table>$<view>"}. */
    public SchemaTableName name()
    {
        if (view == View.ROWS) {
            return table.name();
        }
        return new SchemaTableName(table.name().getSchemaName(), table.name().getTableName() + "$" + view.name().toLowerCase(ROOT));
    }

    @Override
    public String toString()
    {
        if (view == View.CHANGES) {
            return "table_changes(%s, since_version => %s)".formatted(table, changesSinceVersion.getAsLong());
        }
        return view == View.ROWS ? table.toString() : table + "$" + view.name().toLowerCase(ROOT);
    }
}
