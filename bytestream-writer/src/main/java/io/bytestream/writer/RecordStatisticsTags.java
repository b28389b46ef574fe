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

package io.bytestream.writer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.bytestream.arrow.IpcColumn;
import io.bytestream.arrow.IpcFormatException;
import io.bytestream.arrow.IpcSchemaReader;
import io.bytestream.arrow.IpcStreamDecoder;
import io.bytestream.arrow.UnsupportedArrowTypeException;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code tags} bytestream puts on the add action of a data file it writes, so that readers can count and skip
 * inner rows without reading the file (see "Record statistics" in docs/bytestream.md):
 * {@value #INNER_ROW_COUNTS}, each record's inner row count in file order, comma-separated, and
 * {@value #INNER_STATS}, Delta-style statistics of the inner columns.
 */
final class RecordStatisticsTags
{
    static final String INNER_ROW_COUNTS = "bytestream.innerRowCounts";
    static final String INNER_STATS = "bytestream.innerStats";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordStatisticsTags() {}

    /** The tags of a data file holding {@code records} in this order; none when a record's stream cannot be read. */
    static Map<String, String> of(List<Record> records)
    {
        try {
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put(INNER_ROW_COUNTS, records.stream()
                    .map(record -> String.valueOf(IpcStreamDecoder.countRows(Slices.wrappedBuffer(record.content()))))
                    .collect(Collectors.joining(",")));
            innerStats(records).ifPresent(stats -> tags.put(INNER_STATS, stats));
            return tags;
        }
        catch (IpcFormatException _) {
            // the reader reports the malformed record; the writer only leaves the file without statistics
            return Map.of();
        }
    }

    /** Statistics of the inner columns whose type every record that has them agrees on; none if a record has a type Trino cannot read. */
    private static Optional<String> innerStats(List<Record> records)
    {
        Map<String, InnerColumnStatistics> columns = new LinkedHashMap<>();
        Set<String> disagreeing = new HashSet<>();
        long rows = 0;
        for (Record record : records) {
            Slice content = Slices.wrappedBuffer(record.content());
            List<IpcColumn> recordColumns;
            try {
                recordColumns = IpcSchemaReader.readColumns(content);
                long earlierRows = rows;
                for (IpcColumn column : recordColumns) {
                    // a column the earlier records lack reads as null in each of their rows
                    InnerColumnStatistics statistics = columns.computeIfAbsent(column.name(), _ -> new InnerColumnStatistics(column.type(), earlierRows));
                    if (!statistics.type().equals(column.type())) {
                        disagreeing.add(column.name());
                    }
                }
                rows += decode(content, recordColumns, columns);
            }
            catch (UnsupportedArrowTypeException _) {
                return Optional.empty();
            }
        }
        ObjectNode stats = JSON.createObjectNode();
        stats.put("numRecords", rows);
        ObjectNode minValues = stats.putObject("minValues");
        ObjectNode maxValues = stats.putObject("maxValues");
        ObjectNode nullCounts = stats.putObject("nullCount");
        ObjectNode types = stats.putObject("types");
        columns.forEach((name, statistics) -> {
            if (!disagreeing.contains(name)) {
                statistics.writeTo(name, minValues, maxValues, nullCounts);
                types.put(name, statistics.type().getDisplayName());
            }
        });
        return Optional.of(stats.toString());
    }

    /** Adds the record's rows to the statistics of every column; returns the record's row count. */
    private static long decode(Slice content, List<IpcColumn> recordColumns, Map<String, InnerColumnStatistics> columns)
    {
        List<IpcColumn> decoded = recordColumns.stream()
                .filter(column -> columns.get(column.name()).type().equals(column.type()))
                .toList();
        long[] rows = new long[1];
        new IpcStreamDecoder(decoded).decode(content, batch -> {
            for (int channel = 0; channel < decoded.size(); channel++) {
                columns.get(decoded.get(channel).name()).add(batch.blocks()[channel], batch.positionCount());
            }
            rows[0] += batch.positionCount();
        });
        Set<String> present = decoded.stream().map(IpcColumn::name).collect(Collectors.toSet());
        columns.forEach((name, statistics) -> {
            if (!present.contains(name)) {
                statistics.addNulls(rows[0]);
            }
        });
        return rows[0];
    }
}
