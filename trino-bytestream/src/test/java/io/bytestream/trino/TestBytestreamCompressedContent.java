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

import io.bytestream.trino.TestingColumnMappedTables.FileLayout;
import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.Record;
import io.trino.operator.OperatorStats;
import io.trino.spi.metrics.Count;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import io.trino.testing.QueryRunner.MaterializedResultWithPlan;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.google.common.collect.MoreCollectors.onlyElement;
import static io.bytestream.trino.BytestreamPageSource.FILES_COUNTED_FROM_HEADERS;
import static io.bytestream.trino.TestingColumnMappedTables.CONTENT_PHYSICAL;
import static io.bytestream.trino.TestingColumnMappedTables.NODE_ID_PHYSICAL;
import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.record;
import static io.bytestream.trino.delta.TestingDeltaCommits.commitDeletionVector;
import static io.bytestream.trino.delta.TestingDeltaCommits.inline;
import static org.apache.parquet.column.ParquetProperties.WriterVersion.PARQUET_2_0;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.GZIP;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.UNCOMPRESSED;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.ZSTD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Record tables whose content column is compressed or dictionary-encoded, as Spark (parquet-mr) lays it out:
 * {@code count(*)} and hidden-column-only queries count each record's rows from its IPC headers, read from the
 * content column's pages by the connector itself, and agree with decoding every record.
 */
final class TestBytestreamCompressedContent
        extends AbstractTestQueryFramework
{
    private static final int RECORDS_PER_NODE = 12;
    // rows 1 and 3 of node A's file are deleted in table deleted
    private static final Set<Integer> DELETED_ROWS = Set.of(1, 3);

    /** Distinct records of one or two batches. */
    private static final List<Written> DISTINCT = records(version -> new Content(1 + version % 2, 5 + version, version));
    /** Small records repeating two contents, so that a dictionary holds them. */
    private static final List<Written> REPEATED = records(version -> new Content(1, 3 + version % 2, version % 2));
    /** Two contents repeated in the first page, so that the dictionary is kept, then distinct ones overflowing it. */
    private static final List<Written> REPEATED_THEN_DISTINCT = records(version -> version <= 4 ? new Content(1, 3 + version % 2, version % 2) : new Content(2, 40 + version, version));

    private static final Map<String, Table> TABLES = Stream.of(
                    // several row groups of several pages: 6 records a row group, 2 a page
                    new Table("snappy", DISTINCT, FileLayout.spark(SNAPPY).withRecordLimits(2, 6)),
                    new Table("gzip", DISTINCT, FileLayout.spark(GZIP).withRecordLimits(2, 6)),
                    new Table("zstd", DISTINCT, FileLayout.spark(ZSTD)),
                    new Table("dictionary", REPEATED, FileLayout.spark(SNAPPY).withRecordLimits(4, 8)),
                    new Table("dictionary_v2", REPEATED, FileLayout.spark(ZSTD).withWriterVersion(PARQUET_2_0).withRecordLimits(4, 8)),
                    new Table("fallback", REPEATED_THEN_DISTINCT, FileLayout.spark(SNAPPY).withDictionary(true, 4096).withRecordLimits(4, 100)),
                    new Table("nulls", DISTINCT, FileLayout.spark(SNAPPY).withRecordLimits(2, 6).withNullContent(record -> record.version() % 4 == 1)),
                    new Table("deleted", DISTINCT, FileLayout.spark(ZSTD).withRecordLimits(2, 6)),
                    new Table("uncompressed", DISTINCT, FileLayout.spark(UNCOMPRESSED).withDictionary(false, 1024)),
                    // parquet-mr's v2 pages store distinct binary values DELTA_BYTE_ARRAY-encoded: left to Trino's reader
                    new Table("delta_byte_array", DISTINCT, FileLayout.spark(SNAPPY).withWriterVersion(PARQUET_2_0)))
            .collect(Collectors.toMap(Table::name, Function.identity()));

    private Path root;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = Files.createTempDirectory("bytestream-compressed-content");
        for (Table table : TABLES.values()) {
            TestingColumnMappedTables.write(table.location(root), table.records().stream().map(Written::record).toList(), table.layout());
        }
        Path deleted = TABLES.get("deleted").location(root);
        commitDeletionVector(deleted, deleted.relativize(dataFile(deleted, NODE_A)).toString(), inline(DELETED_ROWS.stream().mapToLong(Integer::longValue).toArray()));
        return BytestreamQueryRunner.builder(root).build();
    }

    @Test
    void testFilesAreLaidOutAsIntended()
            throws IOException
    {
        for (String name : List.of("snappy", "gzip", "nulls", "deleted")) {
            ContentChunks content = contentChunks(name);
            assertThat(content.rowGroups()).as(name).isEqualTo(2);
            assertThat(content.pages()).as(name).isEqualTo(6);
            assertThat(content.dictionaryPages()).as(name).isFalse();
        }
        assertThat(contentChunks("zstd").codec()).isEqualTo(ZSTD);
        assertThat(contentChunks("gzip").codec()).isEqualTo(GZIP);
        for (String name : List.of("dictionary", "dictionary_v2")) {
            ContentChunks content = contentChunks(name);
            assertThat(content.dictionaryPages()).as(name).isTrue();
            assertThat(content.encodings()).as(name).containsAnyOf(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY).doesNotContain(Encoding.DELTA_BYTE_ARRAY);
            assertThat(content.plainDataPages()).as(name).isFalse();
            assertThat(content.rowGroups()).as(name).isEqualTo(2);
            assertThat(content.pages()).as(name).isEqualTo(3);
        }
        ContentChunks fallback = contentChunks("fallback");
        assertThat(fallback.dictionaryPages()).isTrue();
        assertThat(fallback.plainDataPages()).isTrue();
        assertThat(fallback.pages()).isGreaterThan(2);
        assertThat(contentChunks("delta_byte_array").encodings()).contains(Encoding.DELTA_BYTE_ARRAY);
    }

    @Test
    void testCountsAgreeWithDecodingEveryRecord()
    {
        for (Table table : TABLES.values()) {
            String name = "cc." + table.name();
            long expected = table.liveRows().values().stream().mapToLong(Long::longValue).sum();
            assertQuery("SELECT count(*) FROM " + name, "VALUES " + expected);
            assertQuery("SELECT count(name) FROM " + name, "VALUES " + expected);
            String byNode = rowsBy(table, record -> "'%s'".formatted(record.nodeId()));
            assertQuery("SELECT \"$node_id\", count(*) FROM %s GROUP BY 1".formatted(name), "VALUES " + byNode);
            assertQuery("SELECT \"$node_id\", count(name) FROM %s GROUP BY 1".formatted(name), "VALUES " + byNode);
            String byVersion = rowsBy(table, record -> String.valueOf(record.version()));
            assertQuery("SELECT \"$version\", count(*) FROM %s GROUP BY 1".formatted(name), "VALUES " + byVersion);
            assertQuery("SELECT \"$version\", count(name) FROM %s GROUP BY 1".formatted(name), "VALUES " + byVersion);
        }
    }

    @Test
    void testCountsReadTheContentPagesThemselves()
    {
        for (Table table : TABLES.values()) {
            long files = table.name().equals("delta_byte_array") ? 0 : 2;
            for (String query : List.of("SELECT count(*) FROM cc.%s", "SELECT \"$node_id\", count(*) FROM cc.%s GROUP BY 1")) {
                assertThat(filesCountedFromHeaders(query.formatted(table.name()))).as(query.formatted(table.name())).isEqualTo(files);
            }
            // decoding the records' batches takes the content from Trino's Parquet reader
            assertThat(filesCountedFromHeaders("SELECT count(name) FROM cc." + table.name())).isZero();
        }
    }

    /** Rows {@code (key, inner rows)} of the table's live records, as SQL values. */
    private static String rowsBy(Table table, Function<Record, String> key)
    {
        return table.liveRows().entrySet().stream()
                .collect(Collectors.groupingBy(entry -> key.apply(entry.getKey()), TreeMap::new, Collectors.summingLong(Map.Entry::getValue)))
                .entrySet().stream()
                .map(entry -> "(%s, %s)".formatted(entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(", "));
    }

    private long filesCountedFromHeaders(String query)
    {
        MaterializedResultWithPlan result = getDistributedQueryRunner().executeWithPlan(getSession(), query);
        List<OperatorStats> operators = getDistributedQueryRunner().getCoordinator().getQueryManager().getFullQueryInfo(result.queryId()).getQueryStats().getOperatorSummaries();
        return operators.stream()
                .map(operator -> operator.getConnectorMetrics().getMetrics().get(FILES_COUNTED_FROM_HEADERS))
                .filter(metric -> metric != null)
                .mapToLong(metric -> ((Count<?>) metric).getTotal())
                .sum();
    }

    private ContentChunks contentChunks(String table)
            throws IOException
    {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(dataFile(TABLES.get(table).location(root), NODE_A)))) {
            List<ColumnChunkMetaData> chunks = new ArrayList<>();
            int pages = 0;
            for (BlockMetaData rowGroup : reader.getFooter().getBlocks()) {
                ColumnChunkMetaData chunk = rowGroup.getColumns().stream()
                        .filter(column -> column.getPath().toDotString().equals(CONTENT_PHYSICAL))
                        .findFirst()
                        .orElseThrow();
                chunks.add(chunk);
                pages += reader.readOffsetIndex(chunk).getPageCount();
            }
            return new ContentChunks(chunks, pages);
        }
    }

    private static Path dataFile(Path table, String node)
    {
        try (Stream<Path> files = Files.walk(table.resolve(NODE_ID_PHYSICAL + "=" + node))) {
            return files.filter(file -> file.toString().endsWith(".parquet")).collect(onlyElement());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Written> records(IntFunction<Content> content)
    {
        List<Written> records = new ArrayList<>();
        for (String node : List.of(NODE_A, NODE_B)) {
            for (int version = 1; version <= RECORDS_PER_NODE; version++) {
                Content spec = content.apply(version);
                records.add(new Written(record(node, version, ArrowStreams.entries(spec.batches(), spec.rowsPerBatch(), spec.seed())), (long) spec.batches() * spec.rowsPerBatch()));
            }
        }
        return records;
    }

    private record Content(int batches, int rowsPerBatch, long seed) {}

    private record Written(Record record, long rows) {}

    private record Table(String name, List<Written> records, FileLayout layout)
    {
        Path location(Path root)
        {
            return root.resolve("cc").resolve(name);
        }

        /** The inner rows of each record neither NULL nor deleted. */
        Map<Record, Long> liveRows()
        {
            Map<Record, Long> rows = new LinkedHashMap<>();
            int nodeARow = 0;
            for (Written written : records) {
                boolean deleted = name.equals("deleted") && written.record().nodeId().equals(NODE_A) && DELETED_ROWS.contains(nodeARow);
                if (written.record().nodeId().equals(NODE_A)) {
                    nodeARow++;
                }
                if (!deleted && !layout.nullContent().test(written.record())) {
                    rows.put(written.record(), written.rows());
                }
            }
            return rows;
        }
    }

    /** The content column's chunks of a data file, as parquet-mr reads its footer. */
    private record ContentChunks(List<ColumnChunkMetaData> chunks, int pages)
    {
        int rowGroups()
        {
            return chunks.size();
        }

        CompressionCodecName codec()
        {
            return chunks.getFirst().getCodec();
        }

        Set<Encoding> encodings()
        {
            return chunks.stream().flatMap(chunk -> chunk.getEncodings().stream()).collect(Collectors.toSet());
        }

        boolean dictionaryPages()
        {
            return chunks.stream().map(ColumnChunkMetaData::getEncodingStats).anyMatch(EncodingStats::hasDictionaryPages);
        }

        boolean plainDataPages()
        {
            return chunks.stream().map(ColumnChunkMetaData::getEncodingStats).anyMatch(stats -> stats.getDataEncodings().contains(Encoding.PLAIN));
        }
    }
}
