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

import io.bytestream.trino.BytestreamColumnHandle.Kind;
import io.bytestream.trino.delta.OuterColumn;
import io.trino.spi.connector.ColumnHandle;
import io.trino.spi.connector.DynamicFilter;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.airlift.slice.Slices.utf8Slice;
import static io.bytestream.trino.delta.DeltaFixtures.dataFile;
import static io.bytestream.trino.delta.DeltaFixtures.partition;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_BAD_DELTA_LOG;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static io.trino.testing.assertions.TrinoExceptionAssert.assertTrinoExceptionThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

final class TestColumnConstraints
{
    private static final SchemaTableName TABLE = new SchemaTableName("ops", "entries");
    private static final BytestreamColumnHandle NODE_ID = new BytestreamColumnHandle("$node_id", "Node_ID", VARCHAR, Kind.PARTITION);
    private static final BytestreamColumnHandle VERSION = new BytestreamColumnHandle("$version", "version", BIGINT, Kind.OUTER);
    private static final BytestreamColumnHandle INNER = new BytestreamColumnHandle("a", "a", BIGINT, Kind.INNER);
    private static final BytestreamSplit SPLIT = new BytestreamSplit(List.of(
            dataFile("f1", 1, partition("Node_ID", "n1")),
            dataFile("f2", 1, partition("Node_ID", "n1"))));

    @Test
    void testOnOuterColumns()
    {
        TupleDomain<BytestreamColumnHandle> constraint = TupleDomain.withColumnDomains(Map.of(
                NODE_ID, Domain.singleValue(VARCHAR, utf8Slice("n1")),
                VERSION, Domain.singleValue(BIGINT, 3L)));
        assertThat(ColumnConstraints.onOuterColumns(constraint)).isEqualTo(TupleDomain.withColumnDomains(Map.of(
                new OuterColumn("Node_ID", VARCHAR, true), Domain.singleValue(VARCHAR, utf8Slice("n1")),
                new OuterColumn("version", BIGINT, false), Domain.singleValue(BIGINT, 3L))));
        assertThat(ColumnConstraints.onOuterColumns(TupleDomain.none())).isEqualTo(TupleDomain.none());
        assertThat(ColumnConstraints.onOuterColumns(TupleDomain.all())).isEqualTo(TupleDomain.all());
    }

    @Test
    void testMayMatchOnPartitionColumns()
    {
        assertThat(ColumnConstraints.mayMatch(TABLE, DynamicFilter.EMPTY, SPLIT)).isTrue();
        assertThat(ColumnConstraints.mayMatch(TABLE, dynamicFilter(Map.of(NODE_ID, Domain.singleValue(VARCHAR, utf8Slice("n1")))), SPLIT)).isTrue();
        assertThat(ColumnConstraints.mayMatch(TABLE, dynamicFilter(Map.of(NODE_ID, Domain.singleValue(VARCHAR, utf8Slice("n2")))), SPLIT)).isFalse();
        assertThat(ColumnConstraints.mayMatch(TABLE, dynamicFilter(TupleDomain.none()), SPLIT)).isFalse();
    }

    @Test
    void testMayMatchOnMalformedPartitionValue()
    {
        BytestreamColumnHandle bucket = new BytestreamColumnHandle("$bucket", "bucket", BIGINT, Kind.PARTITION);
        BytestreamSplit split = new BytestreamSplit(List.of(dataFile("local:///t/bucket=x/f1", 1, partition("bucket", "x"))));
        assertTrinoExceptionThrownBy(() -> ColumnConstraints.mayMatch(TABLE, dynamicFilter(Map.of(bucket, Domain.singleValue(BIGINT, 3L))), split))
                .hasErrorCode(BYTESTREAM_BAD_DELTA_LOG)
                .hasMessage("Table ops.entries: cannot parse partition value 'x' of column bucket (bigint) for data file local:///t/bucket=x/f1 in the Delta log: not an integer");
    }

    @Test
    void testMayMatchIgnoresOtherColumns()
    {
        // only the Delta log's partition values are known before the split is read
        Map<ColumnHandle, Domain> domains = Map.of(
                VERSION, Domain.singleValue(BIGINT, 3L),
                INNER, Domain.singleValue(BIGINT, 3L),
                NODE_ID, Domain.singleValue(VARCHAR, utf8Slice("n1")));
        assertThat(ColumnConstraints.mayMatch(TABLE, dynamicFilter(domains), SPLIT)).isTrue();
    }

    private static DynamicFilter dynamicFilter(Map<ColumnHandle, Domain> domains)
    {
        return dynamicFilter(TupleDomain.withColumnDomains(domains));
    }

    private static DynamicFilter dynamicFilter(TupleDomain<ColumnHandle> predicate)
    {
        return new DynamicFilter()
        {
            @Override
            public Set<ColumnHandle> getColumnsCovered()
            {
                return predicate.getDomains().map(Map::keySet).orElse(Set.of());
            }

            @Override
            public CompletableFuture<?> isBlocked()
            {
                return NOT_BLOCKED;
            }

            @Override
            public boolean isComplete()
            {
                return true;
            }

            @Override
            public boolean isAwaitable()
            {
                return false;
            }

            @Override
            public TupleDomain<ColumnHandle> getCurrentPredicate()
            {
                return predicate;
            }
        };
    }
}
