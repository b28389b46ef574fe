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

import io.delta.kernel.Snapshot;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.TypeChange;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a table's protocol asks of readers, checked against what bytestream does: a table asking for more is refused
 * rather than read wrongly.
 */
final class ReaderFeatures
{
    private static final int MAX_READER_VERSION = 3;
    private static final String COLUMN_MAPPING_MODE = "delta.columnMapping.mode";
    private static final Set<String> COLUMN_MAPPING_MODES = Set.of("none", "name", "id");
    // deletion vectors are applied to every read, columns are read by their physical names (mode name) or Parquet
    // field ids (mode id), integer and float widenings are read; the others are kernel's to handle (checkpoints) or
    // change nothing for reads (timestampNtz maps to TIMESTAMP)
    private static final Set<String> READABLE_FEATURES = Set.of("deletionVectors", "timestampNtz", "v2Checkpoint", "vacuumProtocolCheck", "columnMapping", "typeWidening", "typeWidening-preview");
    // widenings Trino's Parquet reader applies to values written as the narrower type (and decimals, which it rescales)
    private static final List<Class<? extends DataType>> INTEGER_WIDTHS = List.of(ByteType.class, ShortType.class, IntegerType.class, LongType.class);

    private ReaderFeatures() {}

    /** Refuses a table whose protocol asks readers for what bytestream does not do. */
    static void checkReadable(Snapshot snapshot)
    {
        List<String> unsupported = new ArrayList<>();
        String columnMapping = columnMappingMode(snapshot);
        if (!COLUMN_MAPPING_MODES.contains(columnMapping)) {
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
            // columns without a Trino type are not read, so their type changes do not matter
            if (DeltaColumnTypes.trinoType(field.getDataType()).isEmpty()) {
                continue;
            }
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

    static String columnMappingMode(Snapshot snapshot)
    {
        return snapshot.getTableProperties().getOrDefault(COLUMN_MAPPING_MODE, "none").toLowerCase(Locale.ROOT);
    }

    private static boolean isReadableWidening(TypeChange change)
    {
        int from = INTEGER_WIDTHS.indexOf(change.getFrom().getClass());
        int to = INTEGER_WIDTHS.indexOf(change.getTo().getClass());
        if (from >= 0 && to > from) {
            return true;
        }
        if (change.getFrom() instanceof DecimalType narrow && change.getTo() instanceof DecimalType wide) {
            // Delta's rule: decimal(p, s) to decimal(p + k1, s + k2) with k1 >= k2 >= 0, so no value loses a digit
            int addedScale = wide.getScale() - narrow.getScale();
            return addedScale >= 0 && wide.getPrecision() - narrow.getPrecision() >= addedScale;
        }
        return change.getFrom() instanceof FloatType && change.getTo() instanceof DoubleType;
    }
}
