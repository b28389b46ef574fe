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
import io.trino.spi.Page;
import io.trino.spi.PageBuilder;
import io.trino.spi.block.SqlMap;
import io.trino.spi.predicate.Domain;
import io.trino.spi.predicate.Range;
import io.trino.spi.predicate.TupleDomain;
import io.trino.spi.predicate.ValueSet;
import io.trino.spi.type.TimeZoneKey;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;

import static io.airlift.slice.Slices.utf8Slice;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.BooleanType.BOOLEAN;
import static io.trino.spi.type.DateTimeEncoding.unpackMillisUtc;
import static io.trino.spi.type.DateTimeEncoding.unpackZoneKey;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MILLIS;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

final class TestHistoryTable
{
    private static final TimeZoneKey ZONE = TimeZoneKey.getTimeZoneKey("Europe/Vienna");

    @Test
    void testRowOfACommitWithEveryField()
    {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("mode", "Append");
        parameters.put("predicate", null);
        CommitInfo info = new CommitInfo(Optional.of(5L), Optional.of("4242"), Optional.of("ada"), Optional.of("WRITE"), Optional.of(parameters),
                Optional.of("cluster"), Optional.of(6L), Optional.of("Serializable"), Optional.of(true), Optional.of(Map.of("numFiles", "2")));
        Page page = page(new Commit(7, "file:///t/_delta_log/00000000000000000007.json", 1_717_200_000_123L, Optional.of(info)));

        assertThat(page.getPositionCount()).isEqualTo(1);
        assertThat(page.getChannelCount()).isEqualTo(HistoryTable.COLUMNS.size());
        assertThat(BIGINT.getLong(page.getBlock(0), 0)).isEqualTo(7);
        long packed = TIMESTAMP_TZ_MILLIS.getLong(page.getBlock(1), 0);
        assertThat(unpackMillisUtc(packed)).isEqualTo(1_717_200_000_123L);
        assertThat(unpackZoneKey(packed)).isEqualTo(ZONE);
        assertThat(VARCHAR.getSlice(page.getBlock(2), 0).toStringUtf8()).isEqualTo("4242");
        assertThat(VARCHAR.getSlice(page.getBlock(3), 0).toStringUtf8()).isEqualTo("ada");
        assertThat(VARCHAR.getSlice(page.getBlock(4), 0).toStringUtf8()).isEqualTo("WRITE");
        assertThat(map(page, 5)).isEqualTo(parameters);
        assertThat(VARCHAR.getSlice(page.getBlock(6), 0).toStringUtf8()).isEqualTo("cluster");
        assertThat(BIGINT.getLong(page.getBlock(7), 0)).isEqualTo(6);
        assertThat(VARCHAR.getSlice(page.getBlock(8), 0).toStringUtf8()).isEqualTo("Serializable");
        assertThat(BOOLEAN.getBoolean(page.getBlock(9), 0)).isTrue();
        assertThat(map(page, 10)).isEqualTo(Map.of("numFiles", "2"));
    }

    @Test
    void testCommitWithoutCommitInfo()
    {
        Page page = page(new Commit(3, "file:///t/_delta_log/00000000000000000003.json", 1000, Optional.empty()));
        assertThat(BIGINT.getLong(page.getBlock(0), 0)).isEqualTo(3);
        assertThat(unpackMillisUtc(TIMESTAMP_TZ_MILLIS.getLong(page.getBlock(1), 0))).isEqualTo(1000);
        for (int channel = 2; channel < page.getChannelCount(); channel++) {
            assertThat(page.getBlock(channel).isNull(0)).as("column %s", HistoryTable.COLUMNS.get(channel).getName()).isTrue();
        }
    }

    @Test
    void testVersionFilter()
    {
        assertThat(accepted(TupleDomain.all())).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(accepted(TupleDomain.withColumnDomains(Map.of(0, Domain.singleValue(BIGINT, 4L))))).containsExactly(4L);
        assertThat(accepted(TupleDomain.withColumnDomains(Map.of(0, Domain.create(ValueSet.ofRanges(Range.lessThan(BIGINT, 2L), Range.greaterThanOrEqual(BIGINT, 8L)), false)))))
                .containsExactly(0L, 1L, 8L, 9L);
        // a constraint on another column leaves the versions alone
        assertThat(accepted(TupleDomain.withColumnDomains(Map.of(4, Domain.singleValue(VARCHAR, utf8Slice("WRITE")))))).hasSize(10);
    }

    private static List<Long> accepted(TupleDomain<Integer> constraint)
    {
        LongPredicate filter = HistoryTable.versionFilter(constraint);
        return LongStream.range(0, 10).filter(filter).boxed().toList();
    }

    private static Page page(Commit commit)
    {
        PageBuilder page = InMemorySystemTable.pageBuilder(HistoryTable.COLUMNS);
        HistoryTable.appendRows(page, List.of(commit), ZONE);
        return page.build();
    }

    private static Map<String, String> map(Page page, int channel)
    {
        SqlMap map = HistoryTable.VARCHAR_MAP.getObject(page.getBlock(channel), 0);
        Map<String, String> values = new HashMap<>();
        for (int entry = 0; entry < map.getSize(); entry++) {
            String key = VARCHAR.getSlice(map.getRawKeyBlock(), map.getRawOffset() + entry).toStringUtf8();
            boolean isNull = map.getRawValueBlock().isNull(map.getRawOffset() + entry);
            values.put(key, isNull ? null : VARCHAR.getSlice(map.getRawValueBlock(), map.getRawOffset() + entry).toStringUtf8());
        }
        return values;
    }
}
