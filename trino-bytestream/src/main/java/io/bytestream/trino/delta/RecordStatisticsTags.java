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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableMap;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the record statistics bytestream's writer puts in an add action's {@code tags} (see "Record statistics" in
 * docs/bytestream.md). Tags that are missing, malformed or that disagree with each other or with the action's own
 * {@code numRecords} are ignored: the file is then read as one without them, never counted or skipped wrongly.
 */
final class RecordStatisticsTags
{
    static final String INNER_ROW_COUNTS = "bytestream.innerRowCounts";
    static final String INNER_STATS = "bytestream.innerStats";

    // decimal bounds keep every digit
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private RecordStatisticsTags() {}

    /**
     * @param tags the add action's tags
     * @param numRecords the number of records the add action's statistics give, where they do
     */
    static Optional<RecordStatistics> parse(Map<String, String> tags, Optional<Long> numRecords)
    {
        Optional<long[]> counts = Optional.ofNullable(tags.get(INNER_ROW_COUNTS)).flatMap(RecordStatisticsTags::innerRowCounts);
        if (counts.isEmpty() || numRecords.isPresent() && numRecords.get() != counts.get().length) {
            return Optional.empty();
        }
        long innerRows = 0;
        for (long count : counts.get()) {
            innerRows += count;
            if (innerRows < 0) {
                return Optional.empty();
            }
        }
        long rows = innerRows;
        Optional<InnerStatistics> innerStatistics = Optional.ofNullable(tags.get(INNER_STATS))
                .flatMap(RecordStatisticsTags::innerStatistics)
                .filter(statistics -> statistics.rows() == rows);
        return Optional.of(new RecordStatistics(counts.get(), innerStatistics));
    }

    private static Optional<long[]> innerRowCounts(String value)
    {
        if (value.isEmpty()) {
            return Optional.of(new long[0]);
        }
        String[] parts = value.split(",", -1);
        long[] counts = new long[parts.length];
        for (int record = 0; record < parts.length; record++) {
            try {
                counts[record] = Long.parseLong(parts[record]);
            }
            catch (NumberFormatException _) {
                return Optional.empty();
            }
            if (counts[record] < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(counts);
    }

    private static Optional<InnerStatistics> innerStatistics(String json)
    {
        JsonNode stats;
        try {
            stats = JSON.readTree(json);
        }
        catch (JsonProcessingException _) {
            return Optional.empty();
        }
        JsonNode rows = stats.path("numRecords");
        if (!rows.isIntegralNumber() || !rows.canConvertToLong() || rows.longValue() < 0) {
            return Optional.empty();
        }
        ImmutableMap.Builder<String, InnerColumnStatistics> columns = ImmutableMap.builder();
        JsonNode types = stats.path("types");
        for (Iterator<Map.Entry<String, JsonNode>> fields = types.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode nullCount = stats.path("nullCount").path(name);
            // a column without a sound null count is left out: its bounds alone could not rule out a null
            if (!field.getValue().isTextual() || !nullCount.isIntegralNumber() || !nullCount.canConvertToLong()
                    || nullCount.longValue() < 0 || nullCount.longValue() > rows.longValue()) {
                continue;
            }
            columns.put(name, new InnerColumnStatistics(field.getValue().textValue(), nullCount.longValue(), bound(stats.path("minValues").path(name)), bound(stats.path("maxValues").path(name))));
        }
        return Optional.of(new InnerStatistics(rows.longValue(), columns.buildKeepingLast()));
    }

    private static Optional<String> bound(JsonNode value)
    {
        return value.isValueNode() && !value.isNull() ? Optional.of(value.toString()) : Optional.empty();
    }
}
