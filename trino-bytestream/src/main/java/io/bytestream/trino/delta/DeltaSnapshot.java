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
import com.google.common.collect.ImmutableMap;
import io.delta.kernel.Snapshot;
import io.delta.kernel.types.StructField;
import io.trino.spi.type.Type;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static com.google.common.collect.ImmutableMap.toImmutableMap;
import static java.util.Objects.requireNonNull;

/**
 * One version of a Delta table: its version number and its columns as Trino types. Its data files are listed by
 * {@link DeltaTableLog#activeFiles}.
 */
public final class DeltaSnapshot
{
    private static final String PHYSICAL_NAME = "delta.columnMapping.physicalName";
    private static final String FIELD_ID = "delta.columnMapping.id";

    private final Snapshot snapshot;
    private final List<OuterColumn> columns;
    private final Map<String, Integer> fieldIds;

    DeltaSnapshot(Snapshot snapshot)
    {
        this.snapshot = requireNonNull(snapshot, "snapshot is null");
        ReaderFeatures.checkReadable(snapshot);
        Set<String> partitionColumns = new HashSet<>(snapshot.getPartitionColumnNames());
        ImmutableList.Builder<OuterColumn> columns = ImmutableList.builder();
        String mode = ReaderFeatures.columnMappingMode(snapshot);
        ImmutableMap.Builder<String, Integer> fieldIds = ImmutableMap.builder();
        for (StructField field : snapshot.getSchema().fields()) {
            Optional<Type> type = DeltaColumnTypes.trinoType(field.getDataType());
            String physicalName = mode.equals("none") ? field.getName() : physicalName(field);
            type.ifPresent(trinoType -> columns.add(new OuterColumn(field.getName(), physicalName, trinoType, partitionColumns.contains(field.getName()))));
            if (mode.equals("id")) {
                fieldIds.put(physicalName, fieldId(field));
            }
        }
        this.columns = columns.build();
        this.fieldIds = fieldIds.buildOrThrow();
    }

    private static String physicalName(StructField field)
    {
        String physicalName = field.getMetadata().getString(PHYSICAL_NAME);
        if (physicalName == null) {
            throw new IllegalStateException("Column %s has no %s, which column mapping requires".formatted(field.getName(), PHYSICAL_NAME));
        }
        return physicalName;
    }

    private static int fieldId(StructField field)
    {
        Long fieldId = field.getMetadata().getLong(FIELD_ID);
        if (fieldId == null) {
            throw new IllegalStateException("Column %s has no %s, which column mapping by id requires".formatted(field.getName(), FIELD_ID));
        }
        return Math.toIntExact(fieldId);
    }

    /** Under column mapping mode id, each column's Parquet field id by its physical name; empty otherwise. */
    public Map<String, Integer> fieldIds()
    {
        return fieldIds;
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

    /** The schema's names of the columns whose physical name differs, by physical name: the log keys partition values by physical name. */
    Map<String, String> logicalNames()
    {
        return columns.stream()
                .filter(column -> !column.physicalName().equals(column.name()))
                .collect(toImmutableMap(OuterColumn::physicalName, OuterColumn::name));
    }

    /** The partition columns whose Delta type Trino can read, in the order the table is partitioned by. */
    public List<OuterColumn> partitionColumns()
    {
        return snapshot.getPartitionColumnNames().stream()
                .flatMap(name -> column(name).stream())
                .collect(toImmutableList());
    }

    public Optional<OuterColumn> column(String name)
    {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    /** The table's configuration ({@code metaData.configuration}), by key. */
    public Map<String, String> configuration()
    {
        // a TreeMap, as a configuration value may be null
        return Collections.unmodifiableMap(new TreeMap<>(snapshot.getMetadata().getConfiguration()));
    }

    public int minReaderVersion()
    {
        return snapshot.getProtocol().getMinReaderVersion();
    }

    public int minWriterVersion()
    {
        return snapshot.getProtocol().getMinWriterVersion();
    }

    /** The table features the protocol lists: its reader features, then the writer features that are not also reader features. */
    public Set<String> features()
    {
        Set<String> features = new LinkedHashSet<>(snapshot.getProtocol().getReaderFeatures());
        features.addAll(snapshot.getProtocol().getWriterFeatures());
        return features;
    }

    Snapshot kernelSnapshot()
    {
        return snapshot;
    }
}
