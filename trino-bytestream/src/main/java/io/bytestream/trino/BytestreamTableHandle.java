package io.bytestream.trino;

import io.trino.spi.connector.ConnectorTableHandle;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.predicate.TupleDomain;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A record table pinned to one Delta snapshot version, so every part of a query reads the same snapshot.
 *
 * @param partitionConstraint constraint on partition columns, enforced by pruning data files
 * @param outerConstraint constraint on other outer columns, used to skip files by their statistics (not enforced)
 * @param versionColumn the outer {@code version} column (a long), read to name records in error messages
 */
public record BytestreamTableHandle(
        SchemaTableName schemaTableName,
        String location,
        long snapshotVersion,
        Optional<String> versionColumn,
        TupleDomain<BytestreamColumnHandle> partitionConstraint,
        TupleDomain<BytestreamColumnHandle> outerConstraint)
        implements ConnectorTableHandle
{
    public BytestreamTableHandle
    {
        requireNonNull(schemaTableName, "schemaTableName is null");
        requireNonNull(location, "location is null");
        requireNonNull(versionColumn, "versionColumn is null");
        requireNonNull(partitionConstraint, "partitionConstraint is null");
        requireNonNull(outerConstraint, "outerConstraint is null");
    }

    public BytestreamTableHandle withConstraints(TupleDomain<BytestreamColumnHandle> partitionConstraint, TupleDomain<BytestreamColumnHandle> outerConstraint)
    {
        return new BytestreamTableHandle(schemaTableName, location, snapshotVersion, versionColumn, partitionConstraint, outerConstraint);
    }

    @Override
    public String toString()
    {
        return schemaTableName + "@v" + snapshotVersion;
    }
}
