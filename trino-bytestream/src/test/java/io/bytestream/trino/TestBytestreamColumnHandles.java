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

import io.airlift.json.JsonCodec;
import io.airlift.json.JsonCodecFactory;
import io.airlift.json.ObjectMapperProvider;
import io.bytestream.arrow.IpcColumn;
import io.bytestream.trino.BytestreamColumnHandle.Kind;
import io.bytestream.trino.BytestreamTableHandle.View;
import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.DeletionVector;
import io.bytestream.trino.delta.FileChange;
import io.bytestream.trino.delta.OuterColumn;
import io.bytestream.trino.delta.RecordStatistics;
import io.bytestream.trino.procedure.ChangeColumn;
import io.bytestream.trino.table.RecordTable;
import io.bytestream.trino.table.RecordTableSchema;
import io.trino.block.BlockJsonSerde;
import io.trino.metadata.BlockEncodingManager;
import io.trino.metadata.InternalBlockEncodingSerde;
import io.trino.spi.block.Block;
import io.trino.spi.block.BlockEncodingSerde;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.predicate.ValueSet;
import io.trino.spi.type.ArrayType;
import io.trino.spi.type.RowType;
import io.trino.spi.type.Type;
import io.trino.type.TypeDeserializer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static io.airlift.slice.Slices.utf8Slice;
import static io.bytestream.trino.delta.DeltaFixtures.dataFile;
import static io.bytestream.trino.delta.DeltaFixtures.epochMicros;
import static io.bytestream.trino.delta.DeltaFixtures.partition;
import static io.bytestream.trino.delta.DeltaFixtures.ranges;
import static io.bytestream.trino.delta.DeltaFixtures.timestampTz;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateTimeEncoding.packDateTimeWithZone;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.TimeZoneKey.UTC_KEY;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MICROS;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MILLIS;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static io.trino.type.InternalTypeManager.TESTING_TYPE_MANAGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestBytestreamColumnHandles
{
    private static final Type ROW = RowType.rowType(RowType.field("x", BIGINT), RowType.field("tags", new ArrayType(VARCHAR)));
    private static final RecordTableSchema SCHEMA = new RecordTableSchema(
            List.of(new IpcColumn("a", BIGINT), new IpcColumn("nested", ROW), new IpcColumn("d", createDecimalType(20, 3))),
            List.of(
                    new OuterColumn("Node_ID", VARCHAR, true),
                    new OuterColumn("timestamp", TIMESTAMP_TZ_MICROS, false),
                    new OuterColumn("Version", BIGINT, false)));
    private static final List<BytestreamColumnHandle> COLUMNS = BytestreamColumnHandle.columnsOf(SCHEMA);
    private static final BytestreamColumnHandle NODE_ID = column("$node_id");
    private static final BytestreamColumnHandle TIMESTAMP = column("$timestamp");
    private static final BytestreamColumnHandle PATH = new BytestreamColumnHandle("$path", "$path", VARCHAR, Kind.PATH);
    private static final BytestreamColumnHandle FILE_SIZE = new BytestreamColumnHandle("$file_size", "$file_size", BIGINT, Kind.FILE_SIZE);
    private static final BytestreamColumnHandle FILE_MODIFIED_TIME = new BytestreamColumnHandle("$file_modified_time", "$file_modified_time", TIMESTAMP_TZ_MILLIS, Kind.FILE_MODIFIED_TIME);
    private static final BytestreamColumnHandle CONTENT_CORRUPT = new BytestreamColumnHandle("$content_corrupt", "$content_corrupt", BOOLEAN, Kind.CONTENT_CORRUPT);
    private static final BytestreamColumnHandle DECODE_ERROR = new BytestreamColumnHandle("$decode_error", "$decode_error", VARCHAR, Kind.DECODE_ERROR);

    // as the engine (de)serialises handles: types by their signature, domains' values as blocks
    private static final BlockEncodingSerde BLOCK_ENCODING_SERDE = new InternalBlockEncodingSerde(new BlockEncodingManager(), TESTING_TYPE_MANAGER);
    private static final JsonCodecFactory CODECS = new JsonCodecFactory(new ObjectMapperProvider()
            .withJsonDeserializers(Map.of(
                    Type.class, new TypeDeserializer(TESTING_TYPE_MANAGER),
                    Block.class, new BlockJsonSerde.Deserializer(BLOCK_ENCODING_SERDE)))
            .withJsonSerializers(Map.of(Block.class, new BlockJsonSerde.Serializer(BLOCK_ENCODING_SERDE))));

    @Test
    void testColumnsOf()
    {
        assertThat(COLUMNS).containsExactly(
                new BytestreamColumnHandle("a", "a", BIGINT, Kind.INNER),
                new BytestreamColumnHandle("nested", "nested", ROW, Kind.INNER),
                new BytestreamColumnHandle("d", "d", createDecimalType(20, 3), Kind.INNER),
                new BytestreamColumnHandle("$node_id", "Node_ID", VARCHAR, Kind.PARTITION),
                new BytestreamColumnHandle("$timestamp", "timestamp", TIMESTAMP_TZ_MICROS, Kind.OUTER),
                new BytestreamColumnHandle("$version", "Version", BIGINT, Kind.OUTER),
                PATH,
                FILE_SIZE,
                FILE_MODIFIED_TIME,
                CONTENT_CORRUPT,
                DECODE_ERROR);
        assertThat(COLUMNS.stream().filter(column -> !column.isHidden()).map(BytestreamColumnHandle::name))
                .containsExactly("a", "nested", "d");
    }

    @Test
    void testColumnsOfEmptySchema()
    {
        assertThat(BytestreamColumnHandle.columnsOf(new RecordTableSchema(List.of(), List.of())))
                .containsExactly(PATH, FILE_SIZE, FILE_MODIFIED_TIME, CONTENT_CORRUPT, DECODE_ERROR);
    }

    @Test
    void testOuterColumnsNamedLikeTheDataFileColumns()
    {
        List<BytestreamColumnHandle> columns = BytestreamColumnHandle.columnsOf(new RecordTableSchema(
                List.of(new IpcColumn("a", BIGINT)),
                List.of(new OuterColumn("Path", VARCHAR, true), new OuterColumn("file_size", VARCHAR, false), new OuterColumn("FILE_MODIFIED_TIME", BIGINT, false), new OuterColumn("content_corrupt", BOOLEAN, false), new OuterColumn("file", BIGINT, false))));
        // "$path", "$file_size" and "$file_modified_time" stay the data file's, as in Trino's Hive and Delta Lake connectors; "$content_corrupt" the scan's
        assertThat(columns).containsExactly(
                new BytestreamColumnHandle("a", "a", BIGINT, Kind.INNER),
                new BytestreamColumnHandle("$file", "file", BIGINT, Kind.OUTER),
                PATH,
                FILE_SIZE,
                FILE_MODIFIED_TIME,
                CONTENT_CORRUPT,
                DECODE_ERROR);
    }

    @Test
    void testRecordsColumns()
    {
        List<BytestreamColumnHandle> columns = BytestreamColumnHandle.recordsColumnsOf(SCHEMA.outerColumns());
        assertThat(columns.stream().map(BytestreamColumnHandle::name))
                .containsExactly("node_id", "timestamp", "version", "path", "content_length", "batches", "inner_rows", "compression", "schema", "error");
        assertThat(columns.subList(0, 4)).containsExactly(
                new BytestreamColumnHandle("node_id", "Node_ID", VARCHAR, Kind.PARTITION),
                new BytestreamColumnHandle("timestamp", "timestamp", TIMESTAMP_TZ_MICROS, Kind.OUTER),
                new BytestreamColumnHandle("version", "Version", BIGINT, Kind.OUTER),
                new BytestreamColumnHandle("path", "$path", VARCHAR, Kind.PATH));
        assertThat(columns.subList(4, columns.size())).allMatch(column -> column.kind() == Kind.RECORD_SUMMARY);
        assertThat(columns).noneMatch(BytestreamColumnHandle::isHidden);
        // the table's own columns win over outer columns of the same name
        assertThat(BytestreamColumnHandle.recordsColumnsOf(List.of(new OuterColumn("Error", BIGINT, false), new OuterColumn("path", BIGINT, true))))
                .isEqualTo(BytestreamColumnHandle.recordsColumnsOf(List.of()));
    }

    @Test
    void testColumnMetadata()
    {
        assertThat(column("a").toColumnMetadata()).isEqualTo(new ColumnMetadata("a", BIGINT));
        ColumnMetadata nodeId = NODE_ID.toColumnMetadata();
        assertThat(nodeId.getName()).isEqualTo("$node_id");
        assertThat(nodeId.getType()).isEqualTo(VARCHAR);
        assertThat(nodeId.isHidden()).isTrue();
        assertThat(nodeId.getComment()).isEqualTo("Partition column Node_ID of the record");
        assertThat(TIMESTAMP.toColumnMetadata().getComment()).isEqualTo("Column timestamp of the record");
        assertThat(column("$path").toColumnMetadata().getComment()).isEqualTo("Location of the data file holding the record");
        assertThat(column("$path").toColumnMetadata().isHidden()).isTrue();
        assertThat(FILE_SIZE.toColumnMetadata().getComment()).isEqualTo("Size in bytes of the data file holding the record");
        assertThat(FILE_MODIFIED_TIME.toColumnMetadata().getType()).isEqualTo(TIMESTAMP_TZ_MILLIS);
    }

    @Test
    void testOuterColumn()
    {
        assertThat(NODE_ID.outerColumn()).isEqualTo(new OuterColumn("Node_ID", VARCHAR, true));
        assertThat(TIMESTAMP.outerColumn()).isEqualTo(new OuterColumn("timestamp", TIMESTAMP_TZ_MICROS, false));
        assertThat(column("$version").outerColumn()).isEqualTo(new OuterColumn("Version", BIGINT, false));
        assertThatThrownBy(() -> column("a").outerColumn())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("not an outer column: a");
        assertThatThrownBy(() -> column("$path").outerColumn())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("not an outer column: $path");
    }

    @Test
    void testPhysicalNamesOfColumnMappedTables()
    {
        OuterColumn version = new OuterColumn("version", "col-c7d59a10-ver", BIGINT, false);
        BytestreamColumnHandle handle = BytestreamColumnHandle.columnsOf(new RecordTableSchema(List.of(), List.of(version))).getFirst();
        assertThat(handle).isEqualTo(new BytestreamColumnHandle("$version", "version", "col-c7d59a10-ver", BIGINT, Kind.OUTER));
        assertThat(handle.outerColumn()).isEqualTo(version);
    }

    @Test
    void testColumnHandleJsonRoundTrip()
    {
        JsonCodec<BytestreamColumnHandle> codec = CODECS.jsonCodec(BytestreamColumnHandle.class);
        for (BytestreamColumnHandle column : COLUMNS) {
            assertThat(codec.fromJson(codec.toJson(column))).isEqualTo(column);
        }
        // the record components only (not isHidden()), the type by its signature
        assertThat(codec.toJson(NODE_ID)).isEqualTo("{\"name\":\"$node_id\",\"sourceName\":\"Node_ID\",\"physicalName\":\"Node_ID\",\"type\":\"varchar\",\"kind\":\"PARTITION\"}");
    }

    @Test
    void testTableHandleJsonRoundTrip()
    {
        JsonCodec<BytestreamTableHandle> codec = CODECS.jsonCodec(BytestreamTableHandle.class);
        RecordTable table = new RecordTable(new SchemaTableName("ops", "entries"), "file:///srv/ponds/ops/entries", 7, "col-content", Optional.of(new OuterColumn("version", "col-version", BIGINT, false)), Map.of("col-content", 4, "col-version", 3));
        long t = epochMicros("2024-05-01T10:00:00.123456Z");
        BytestreamTableHandle handle = new BytestreamTableHandle(
                table,
                View.ROWS,
                TupleDomain.withColumnDomains(Map.of(NODE_ID, Domain.create(ValueSet.of(VARCHAR, utf8Slice("00000000000004d2"), utf8Slice("00000000000004d3")), true))),
                TupleDomain.withColumnDomains(Map.of(
                        TIMESTAMP, ranges(Range.range(TIMESTAMP_TZ_MICROS, timestampTz(t), true, timestampTz(t + 1_000_000), false)),
                        column("$version"), Domain.singleValue(BIGINT, 3L))),
                TupleDomain.withColumnDomains(Map.of(new BytestreamColumnHandle("size", "size", BIGINT, Kind.INNER), Domain.singleValue(BIGINT, 5L))),
                TupleDomain.withColumnDomains(Map.of(
                        FILE_SIZE, Domain.singleValue(BIGINT, 1234L),
                        FILE_MODIFIED_TIME, Domain.singleValue(TIMESTAMP_TZ_MILLIS, packDateTimeWithZone(1_714_557_600_000L, UTC_KEY)))));
        assertRoundTrip(codec, handle);
        assertRoundTrip(codec, new BytestreamTableHandle(new RecordTable(table.name(), table.location(), 0, "content", Optional.empty(), Map.of()), View.LATEST, TupleDomain.all(), TupleDomain.none(), TupleDomain.all(), TupleDomain.all()));
        assertRoundTrip(codec, BytestreamTableHandle.changes(table, 3));
        assertRoundTrip(codec, BytestreamTableHandle.changes(table, -1));
    }

    @Test
    void testSplitJsonRoundTrip()
    {
        JsonCodec<BytestreamSplit> codec = CODECS.jsonCodec(BytestreamSplit.class);
        BytestreamSplit split = new BytestreamSplit(List.of(
                new DataFile("file:///srv/ponds/ops/entries/node_id=1/a.parquet", 1234, 1_714_557_600_000L, partition("node_id", "1")),
                dataFile("file:///srv/ponds/ops/entries/node_id=1/b.parquet", 99, partition("node_id", "1"))));
        assertRoundTrip(codec, split);
        assertThat(codec.toJson(split)).doesNotContain("retainedSizeInBytes", "splitInfo");
        // a null partition value survives the trip (ImmutableMap would refuse it)
        BytestreamSplit nullPartition = new BytestreamSplit(List.of(dataFile("file:///t/node_id=__HIVE_DEFAULT_PARTITION__/c.parquet", 5, partition("node_id", null))));
        assertRoundTrip(codec, nullPartition);
        assertThat(codec.fromJson(codec.toJson(nullPartition)).files().getFirst().partitionValues()).containsEntry("node_id", null);
        BytestreamSplit unpartitioned = new BytestreamSplit(List.of(dataFile("file:///t/d.parquet", 5, Map.of())));
        assertRoundTrip(codec, unpartitioned);
        // a split carries the inner row counts, not the inner column statistics
        DataFile counted = new DataFile("file:///t/e.parquet", 5, 0, Map.of(), Optional.empty(), Optional.of(new RecordStatistics(new long[] {3, 0, 7}, Optional.empty())));
        assertRoundTrip(codec, new BytestreamSplit(List.of(counted)));
        assertThat(codec.toJson(new BytestreamSplit(List.of(counted)))).contains("\"innerRowCounts\":[3,0,7]");
    }

    @Test
    void testChangeColumnsFollowTheInnerColumnsAndAreVisible()
    {
        List<BytestreamColumnHandle> columns = BytestreamColumnHandle.changeColumnsOf(new RecordTableSchema(
                List.of(new IpcColumn("name", VARCHAR)),
                List.of(new OuterColumn("node_id", VARCHAR, true))));
        assertThat(columns).extracting(BytestreamColumnHandle::name).containsExactly("name", "_change_type", "_commit_version", "_commit_timestamp");
        assertThat(columns).extracting(column -> column.toColumnMetadata().isHidden()).containsOnly(false);
        assertThat(columns.get(3).changeColumn()).isEqualTo(ChangeColumn.COMMIT_TIMESTAMP);
        assertThat(columns.get(3).type()).isEqualTo(TIMESTAMP_TZ_MILLIS);
    }

    @Test
    void testChangesSplitJsonRoundTrip()
    {
        JsonCodec<TableChangesSplit> codec = CODECS.jsonCodec(TableChangesSplit.class);
        DataFile whole = dataFile("file:///t/node_id=1/a.parquet", 5, partition("node_id", "1"));
        assertRoundTrip(codec, new TableChangesSplit(new FileChange(whole, FileChange.Type.INSERT, 3, 1_714_557_600_123L, 5)));
        // the rows a deletion vector update deleted: those the new vector names, less those the old one did
        DeletionVector before = new DeletionVector("i", "wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L", Optional.empty(), 34, 1);
        DeletionVector after = new DeletionVector("u", "ab^-aqEH.-t@S}K{vb[*k^", Optional.of(1), 36, 2);
        DataFile changed = new DataFile(whole.path(), whole.size(), 0, whole.partitionValues(), Optional.of(before), Optional.empty(), OptionalLong.of(7), Optional.of(after));
        assertRoundTrip(codec, new TableChangesSplit(new FileChange(changed, FileChange.Type.DELETE, 4, 0, 4)));
    }

    private static <T> void assertRoundTrip(JsonCodec<T> codec, T value)
    {
        assertThat(codec.fromJson(codec.toJson(value))).isEqualTo(value);
    }

    private static BytestreamColumnHandle column(String name)
    {
        return COLUMNS.stream().filter(column -> column.name().equals(name)).findFirst().orElseThrow();
    }
}
