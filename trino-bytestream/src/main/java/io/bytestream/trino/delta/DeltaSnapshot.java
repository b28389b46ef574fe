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

import com.google.common.collect.ImmutableList;
import io.delta.kernel.Snapshot;
import io.delta.kernel.types.StructField;
import io.trino.spi.type.Type;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One version of a Delta table: its version number and its columns as Trino types. Its data files are listed by
 * {@link DeltaTableLog#activeFiles}.
 */
public final class DeltaSnapshot
{
    private final Snapshot snapshot;
    private final List<OuterColumn> columns;

    DeltaSnapshot(Snapshot snapshot)
    {
        this.snapshot = requireNonNull(snapshot, "snapshot is null");
        Set<String> partitionColumns = new HashSet<>(snapshot.getPartitionColumnNames());
        ImmutableList.Builder<OuterColumn> columns = ImmutableList.builder();
        for (StructField field : snapshot.getSchema().fields()) {
            Optional<Type> type = DeltaColumnTypes.trinoType(field.getDataType());
            type.ifPresent(trinoType -> columns.add(new OuterColumn(field.getName(), trinoType, partitionColumns.contains(field.getName()))));
        }
        this.columns = columns.build();
    }

    public long version()
    {
        return snapshot.getVersion();
    }

    /** The columns of the table's schema whose Delta type Trino can read, in schema order. */
    public List<OuterColumn> columns()
    {
        return columns;
    }

    public Optional<OuterColumn> column(String name)
    {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    Snapshot kernelSnapshot()
    {
        return snapshot;
    }
}
