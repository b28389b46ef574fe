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

import io.bytestream.trino.delta.Commit;
import io.bytestream.trino.delta.CommitInfo;
import io.bytestream.trino.table.RecordTable;
import io.bytestream.trino.table.TableSnapshots;
import io.trino.spi.PageBuilder;
import io.trino.spi.block.BlockBuilder;
import io.trino.spi.block.MapBlockBuilder;
import io.trino.spi.connector.ColumnMetadata;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.SchemaTableName;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.type.MapType;
import io.trino.spi.type.TimeZoneKey;
import io.trino.spi.type.TypeOperators;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;

import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateTimeEncoding.packDateTimeWithZone;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MILLIS;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.util.Objects.requireNonNull;

/**
 * {@code "<table>$history"}: one row per commit still in the table's Delta log, up to the version the query reads, with
 * the columns of Trino's Delta Lake connector's {@code $history}, read from the commits' {@code commitInfo} actions.
 * A filter on {@code version} is applied before any commit file is read.
 */
public final class HistoryTable
        extends InMemorySystemTable
{
    static final MapType VARCHAR_MAP = new MapType(VARCHAR, VARCHAR, new TypeOperators());
    static final List<ColumnMetadata> COLUMNS = List.of(
            new ColumnMetadata("version", BIGINT),
            new ColumnMetadata("timestamp", TIMESTAMP_TZ_MILLIS),
            new ColumnMetadata("user_id", VARCHAR),
            new ColumnMetadata("user_name", VARCHAR),
            new ColumnMetadata("operation", VARCHAR),
            new ColumnMetadata("operation_parameters", VARCHAR_MAP),
            new ColumnMetadata("cluster_id", VARCHAR),
            new ColumnMetadata("read_version", BIGINT),
            new ColumnMetadata("isolation_level", VARCHAR),
            new ColumnMetadata("is_blind_append", BOOLEAN),
            new ColumnMetadata("operation_metrics", VARCHAR_MAP));
    private static final int VERSION_COLUMN = 0;

    private final RecordTable table;
    private final TableSnapshots snapshots;

    public HistoryTable(SchemaTableName name, RecordTable table, TableSnapshots snapshots)
    {
        super(name, COLUMNS);
        this.table = requireNonNull(table, "table is null");
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
    }

    @Override
    void appendRows(PageBuilder page, ConnectorSession session, TupleDomain<Integer> constraint)
    {
        if (constraint.isNone()) {
            return;
        }
        appendRows(page, snapshots.commits(session, table, versionFilter(constraint)), session.getTimeZoneKey());
    }

    static LongPredicate versionFilter(TupleDomain<Integer> constraint)
    {
        Domain versions = constraint.getDomains()
                .map(domains -> domains.get(VERSION_COLUMN))
                .orElse(null);
        if (versions == null) {
            return _ -> true;
        }
        return version -> versions.includesNullableValue(version);
    }

    static void appendRows(PageBuilder page, List<Commit> commits, TimeZoneKey zone)
    {
        for (Commit commit : commits) {
            page.declarePosition();
            Optional<CommitInfo> info = commit.commitInfo();
            BIGINT.writeLong(page.getBlockBuilder(0), commit.version());
            TIMESTAMP_TZ_MILLIS.writeLong(page.getBlockBuilder(1), packDateTimeWithZone(commit.timestamp(), zone));
            writeVarchar(page.getBlockBuilder(2), info.flatMap(CommitInfo::userId));
            writeVarchar(page.getBlockBuilder(3), info.flatMap(CommitInfo::userName));
            writeVarchar(page.getBlockBuilder(4), info.flatMap(CommitInfo::operation));
            writeMap(page.getBlockBuilder(5), info.flatMap(CommitInfo::operationParameters));
            writeVarchar(page.getBlockBuilder(6), info.flatMap(CommitInfo::clusterId));
            writeBigint(page.getBlockBuilder(7), info.flatMap(CommitInfo::readVersion));
            writeVarchar(page.getBlockBuilder(8), info.flatMap(CommitInfo::isolationLevel));
            BlockBuilder blindAppend = page.getBlockBuilder(9);
            info.flatMap(CommitInfo::blindAppend).ifPresentOrElse(value -> BOOLEAN.writeBoolean(blindAppend, value), blindAppend::appendNull);
            writeMap(page.getBlockBuilder(10), info.flatMap(CommitInfo::operationMetrics));
        }
    }

    private static void writeVarchar(BlockBuilder block, Optional<String> value)
    {
        value.ifPresentOrElse(text -> VARCHAR.writeString(block, text), block::appendNull);
    }

    private static void writeBigint(BlockBuilder block, Optional<Long> value)
    {
        value.ifPresentOrElse(number -> BIGINT.writeLong(block, number), block::appendNull);
    }

    private static void writeMap(BlockBuilder block, Optional<Map<String, String>> value)
    {
        if (value.isEmpty()) {
            block.appendNull();
            return;
        }
        ((MapBlockBuilder) block).buildEntry((keys, values) -> value.get().forEach((key, entry) -> {
            VARCHAR.writeString(keys, key);
            writeVarchar(values, Optional.ofNullable(entry));
        }));
    }
}
