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

package io.bytestream.trino.system;

import com.google.common.collect.ImmutableList;
import io.bytestream.trino.delta.DeltaSnapshot;
import io.bytestream.trino.table.RecordTable;
import io.bytestream.trino.table.TableSnapshots;
import io.trino.spi.PageBuilder;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.predicate.TupleDomain;

import java.util.List;
import java.util.Map;

import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * {@code "<table>$properties"}: the key/value rows of Trino's Delta Lake connector's {@code $properties} for the snapshot
 * the query reads: the table's configuration, its protocol's reader and writer versions, and each table feature the
 * protocol lists as {@code delta.feature.<name>} = {@code supported}.
 */
public final class PropertiesTable
        extends InMemorySystemTable
{
    static final List<ColumnMetadata> COLUMNS = List.of(new ColumnMetadata("key", VARCHAR), new ColumnMetadata("value", VARCHAR));
    private static final String FEATURE_PREFIX = "delta.feature.";

    private final RecordTable table;
    private final TableSnapshots snapshots;

    public PropertiesTable(SchemaTableName name, RecordTable table, TableSnapshots snapshots)
    {
        super(name, COLUMNS);
        this.table = requireNonNull(table, "table is null");
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
    }

    @Override
    void appendRows(PageBuilder page, ConnectorSession session, TupleDomain<Integer> constraint)
    {
        DeltaSnapshot snapshot = snapshots.snapshot(session, table);
        List<Property> properties = properties(snapshot.configuration(), snapshot.minReaderVersion(), snapshot.minWriterVersion(), snapshot.features());
        for (Property property : properties) {
            page.declarePosition();
            VARCHAR.writeString(page.getBlockBuilder(0), property.key());
            if (property.value() == null) {
                page.getBlockBuilder(1).appendNull();
            }
            else {
                VARCHAR.writeString(page.getBlockBuilder(1), property.value());
            }
        }
    }

    static List<Property> properties(Map<String, String> configuration, int minReaderVersion, int minWriterVersion, Iterable<String> features)
    {
        ImmutableList.Builder<Property> properties = ImmutableList.builder();
        configuration.forEach((key, value) -> properties.add(new Property(key, value)));
        properties.add(new Property("delta.minReaderVersion", String.valueOf(minReaderVersion)));
        properties.add(new Property("delta.minWriterVersion", String.valueOf(minWriterVersion)));
        features.forEach(feature -> properties.add(new Property(FEATURE_PREFIX + feature, "supported")));
        return properties.build();
    }

    /** @param value null where the log has a configuration key with a null value */
    record Property(String key, String value)
    {
        Property
        {
            requireNonNull(key, "key is null");
        }
    }
}
