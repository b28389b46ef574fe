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
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.TypeChange;
import io.trino.spi.type.Type;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One version of a Delta table: its version number and its columns as Trino types. Its data files are listed by
 * {@link DeltaTableLog#activeFiles}.
 */
public final class DeltaSnapshot
{
    private static final int MAX_READER_VERSION = 3;
    private static final String COLUMN_MAPPING_MODE = "delta.columnMapping.mode";
    private static final String PHYSICAL_NAME = "delta.columnMapping.physicalName";
    private static final String FIELD_ID = "delta.columnMapping.id";
    // features a reader must honour that bytestream does: deletion vectors are applied to every read, columns are read
    // by their physical names (mode name) or Parquet field ids (mode id); the others are kernel's to handle
    // (checkpoints) or change nothing for reads (timestampNtz maps to TIMESTAMP)
    private static final Set<String> READABLE_FEATURES = Set.of("deletionVectors", "timestampNtz", "v2Checkpoint", "vacuumProtocolCheck", "columnMapping", "typeWidening", "typeWidening-preview");
    // widenings Trino's Parquet reader applies to values written as the narrower type
    private static final List<Class<? extends DataType>> INTEGER_WIDTHS = List.of(ByteType.class, ShortType.class, IntegerType.class, LongType.class);

    private final Snapshot snapshot;
    private final List<OuterColumn> columns;
    private final Map<String, Integer> fieldIds;

    DeltaSnapshot(Snapshot snapshot)
    {
        this.snapshot = requireNonNull(snapshot, "snapshot is null");
        checkReadable(snapshot);
        Set<String> partitionColumns = new HashSet<>(snapshot.getPartitionColumnNames());
        ImmutableList.Builder<OuterColumn> columns = ImmutableList.builder();
        String mode = columnMappingMode(snapshot);
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

    /** Refuses a table whose protocol asks readers for what bytestream does not do. */
    private static void checkReadable(Snapshot snapshot)
    {
        List<String> unsupported = new ArrayList<>();
        String columnMapping = columnMappingMode(snapshot);
        if (!Set.of("none", "name", "id").contains(columnMapping)) {
            unsupported.add("columnMapping (mode %s)".formatted(columnMapping));
        }
        Protocol protocol = ((SnapshotImpl) snapshot).getProtocol();
        if (protocol.getMinReaderVersion() > MAX_READER_VERSION) {
            unsupported.add("reader version " + protocol.getMinReaderVersion());
        }
        if (protocol.supportsReaderFeatures()) {
            protocol.getReaderFeatures().stream()
                    .filter(feature -> !READABLE_FEATURES.contains(feature))
                    .sorted()
                    .forEach(unsupported::add);
        }
        for (StructField field : snapshot.getSchema().fields()) {
            for (TypeChange change : field.getTypeChanges()) {
                if (!isReadableWidening(change)) {
                    unsupported.add("typeWidening (column %s from %s to %s)".formatted(field.getName(), change.getFrom(), change.getTo()));
                }
            }
        }
        if (!unsupported.isEmpty()) {
            throw new UnsupportedTableFeatureException(unsupported);
        }
    }

    private static boolean isReadableWidening(TypeChange change)
    {
        int from = INTEGER_WIDTHS.indexOf(change.getFrom().getClass());
        int to = INTEGER_WIDTHS.indexOf(change.getTo().getClass());
        if (from >= 0 && to > from) {
            return true;
        }
        return change.getFrom() instanceof FloatType && change.getTo() instanceof DoubleType;
    }

    private static String columnMappingMode(Snapshot snapshot)
    {
        return snapshot.getTableProperties().getOrDefault(COLUMN_MAPPING_MODE, "none").toLowerCase(Locale.ROOT);
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

    public Optional<OuterColumn> column(String name)
    {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    Snapshot kernelSnapshot()
    {
        return snapshot;
    }
}
