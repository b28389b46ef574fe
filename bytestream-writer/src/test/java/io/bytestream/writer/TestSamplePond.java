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

import io.bytestream.writer.KernelTableReader.StoredRecord;
import io.bytestream.writer.SamplePond.TableSummary;
import io.delta.kernel.defaults.engine.DefaultEngine;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static io.bytestream.writer.KernelTableReader.readRecords;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.summingLong;
import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestSamplePond
{
    @TempDir
    static Path root;

    private static TableSummary summary;
    private static List<StoredRecord> records;

    @BeforeAll
    static void writePond()
    {
        summary = SamplePond.write(root).table("ops", "entries");
        records = readRecords(summary.directory());
    }

    @Test
    void testSummaryMatchesTable()
    {
        assertThat(summary.directory()).isEqualTo(root.resolve("ops/entries"));
        assertThat(summary.recordsPerNode().keySet()).containsExactlyInAnyOrderElementsOf(SamplePond.NODE_IDS).contains("00000000000004d2");
        assertThat(records).hasSize(summary.records());
        assertThat(records.stream().collect(groupingBy(StoredRecord::nodeId, counting())))
                .isEqualTo(toLongs(summary.recordsPerNode()));
        assertThat(records.stream().collect(groupingBy(StoredRecord::nodeId, summingLong(stored -> ArrowStreamContents.read(stored.content()).rowCount()))))
                .isEqualTo(summary.innerRowsPerNode());
        assertThat(summary.innerRows()).isEqualTo(summary.innerRowsPerNode().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void testShape()
    {
        assertThat(summary.latestVersion()).isEqualTo(6);
        assertThat(summary.checkpointVersion()).isBetween(1L, summary.latestVersion() - 1);
        assertThat(summary.directory().resolve("_delta_log/%020d.checkpoint.parquet".formatted(summary.checkpointVersion()))).isRegularFile();
        assertThat(summary.recordsPerNode().get("00000000000004d2")).isEqualTo(6);
        assertThat(records).anySatisfy(stored -> assertThat(ArrowStreamContents.read(stored.content()).batches()).hasSizeGreaterThan(1));
        assertThat(records).anySatisfy(stored -> assertThat(ArrowStreamContents.read(stored.content()).batches()).isEmpty());
        assertThat(records).allSatisfy(stored -> assertThat(ArrowStreamContents.read(stored.content()).schema()).isEqualTo(ArrowStreams.ENTRY_SCHEMA));
        // versions count up per node from 1
        records.stream().collect(groupingBy(StoredRecord::nodeId)).forEach((nodeId, ofNode) ->
                assertThat(ofNode.stream().map(StoredRecord::version).sorted(Comparator.naturalOrder()).toList())
                        .isEqualTo(LongStream.rangeClosed(1, ofNode.size()).boxed().toList()));
    }

    @Test
    void testContentIsDeterministic(@TempDir Path otherRoot)
    {
        // written through an engine to a location URI, as to an object store
        TableSummary other = SamplePond.write(DefaultEngine.create(new Configuration()), otherRoot.toUri().toString()).entries();

        assertThat(other.directory()).isEqualTo(otherRoot.resolve("ops/entries"));
        assertThat(contents(readRecords(otherRoot.resolve("ops/entries")))).isEqualTo(contents(records));
        assertThatThrownBy(() -> SamplePond.write(DefaultEngine.create(new Configuration()), otherRoot.toUri().toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exists already");
    }

    @Test
    void testRefusesExistingTable()
    {
        assertThatThrownBy(() -> SamplePond.write(root))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exists already");
    }

    private static List<String> contents(List<StoredRecord> records)
    {
        return records.stream()
                .map(stored -> stored.nodeId() + "/" + stored.version() + "/" + stored.timestamp() + "/" + HexFormat.of().formatHex(stored.content()))
                .sorted()
                .toList();
    }

    private static Map<String, Long> toLongs(Map<String, Integer> counts)
    {
        return counts.entrySet().stream().collect(toMap(Map.Entry::getKey, entry -> (long) entry.getValue()));
    }
}
