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

package io.bytestream.trino.parquet;

import io.airlift.units.DataSize;
import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.Record;
import io.bytestream.writer.RecordTableWriter;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoInputFile;
import io.trino.filesystem.local.LocalFileSystem;
import io.trino.memory.context.AggregatedMemoryContext;
import io.trino.parquet.ParquetReaderOptions;
import io.trino.spi.block.Block;
import io.trino.spi.type.LongTimestampWithTimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.trino.memory.context.AggregatedMemoryContext.newSimpleAggregatedMemoryContext;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.TimestampWithTimeZoneType.TIMESTAMP_TZ_MICROS;
import static io.trino.spi.type.VarbinaryType.VARBINARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestParquetDataFile
{
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456Z");
    private static final List<FileColumn> COLUMNS = List.of(
            new FileColumn("content", VARBINARY),
            new FileColumn("TIMESTAMP", TIMESTAMP_TZ_MICROS),
            new FileColumn("version", BIGINT),
            new FileColumn("not_in_the_file", BIGINT));

    @TempDir
    Path directory;

    @Test
    void testSmallFileIsReadWholeInOneRequest()
            throws IOException
    {
        List<Record> records = records(20);
        Path file = writeOneDataFile(records);
        ReadResult read = readAll(file, ParquetReaderOptions.defaultOptions());
        assertRecords(read, records);
        assertThat(read.readBytes()).isEqualTo(Files.size(file));
    }

    @Test
    void testLargeFileIsReadByRanges()
            throws IOException
    {
        List<Record> records = IntStream.range(0, 40)
                .mapToObj(i -> new Record("00000000000004d2", T0.plusSeconds(i), i, ArrowStreams.entries(2, 5_000 + i, i)))
                .toList();
        Path file = writeOneDataFile(records);
        assertThat(Files.size(file)).isGreaterThan(ParquetReaderOptions.defaultOptions().getSmallFileThreshold().toBytes());
        ReadResult read = readAll(file, ParquetReaderOptions.defaultOptions());
        assertRecords(read, records);
        // the footer (one read of the file's tail), then the column chunks, ranges closer than 1 MB merged into one read
        assertThat(read.readBytes()).isBetween(Files.size(file) / 2, Files.size(file) + 256 * 1024);
    }

    @Test
    void testTruncatedFileFails()
            throws IOException
    {
        Path file = writeOneDataFile(records(3));
        long size = Files.size(file);
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), (int) (size / 2)));
        for (ParquetReaderOptions options : List.of(ParquetReaderOptions.defaultOptions(), ParquetReaderOptions.builder().withSmallFileThreshold(DataSize.ofBytes(0)).build())) {
            // the Delta log still records the original size
            assertThatThrownBy(() -> readAll(file, size, options)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void testPlainContentIsAddressedInPlace()
            throws IOException
    {
        List<Record> records = new ArrayList<>(records(30));
        records.set(7, new Record("00000000000004d2", T0, 7, new byte[0]));
        Path file = writeOneDataFile(records);
        TrinoInputFile inputFile = new LocalFileSystem(Path.of("/")).newInputFile(Location.of("local://" + file));
        for (ParquetReaderOptions options : List.of(ParquetReaderOptions.defaultOptions(), ParquetReaderOptions.builder().withSmallFileThreshold(DataSize.ofBytes(0)).build())) {
            try (ParquetDataFile dataFile = ParquetDataFile.open(inputFile, Files.size(file), options, newSimpleAggregatedMemoryContext())) {
                ContentColumnChunks content = dataFile.contentColumn("CONTENT").orElseThrow();
                List<byte[]> contents = new ArrayList<>();
                content.visit((row, stream) -> {
                    assertThat(row).isEqualTo(contents.size());
                    contents.add(stream.map(bytes -> bytes.read(0, (int) bytes.length()).getBytes()).orElse(null));
                });
                assertThat(contents).hasSize(records.size());
                for (int i = 0; i < records.size(); i++) {
                    assertThat(contents.get(i)).isEqualTo(records.get(i).content());
                }
                assertThat(dataFile.contentColumn("version")).isEmpty();
                assertThat(dataFile.contentColumn("no_such_column")).isEmpty();
            }
        }
    }

    private static List<Record> records(int count)
    {
        return IntStream.range(0, count)
                .mapToObj(i -> new Record("00000000000004d2", T0.plusSeconds(i), i, ArrowStreams.entries(1 + i % 3, 10 + i, i)))
                .toList();
    }

    private Path writeOneDataFile(List<Record> records)
            throws IOException
    {
        Path table = directory.resolve("table");
        RecordTableWriter.openLocal(table).append(records);
        try (Stream<Path> files = Files.walk(table)) {
            return files.filter(path -> path.toString().endsWith(".parquet") && !path.toString().contains("_delta_log")).findFirst().orElseThrow();
        }
    }

    private static ReadResult readAll(Path file, ParquetReaderOptions options)
            throws IOException
    {
        return readAll(file, Files.size(file), options);
    }

    private static ReadResult readAll(Path file, long length, ParquetReaderOptions options)
            throws IOException
    {
        TrinoInputFile inputFile = new LocalFileSystem(Path.of("/")).newInputFile(Location.of("local://" + file), length);
        AggregatedMemoryContext memory = newSimpleAggregatedMemoryContext();
        List<Object[]> rows = new ArrayList<>();
        long readBytes;
        long peakMemory = 0;
        try (ParquetDataFile dataFile = ParquetDataFile.open(inputFile, length, options, memory)) {
            ParquetDataFile.DataFilePages pages = dataFile.read(COLUMNS);
            for (ParquetDataFile.DataFilePages.Page page = pages.next(); page != null; page = pages.next()) {
                Block content = page.block(0);
                Block timestamp = page.block(1);
                Block version = page.block(2);
                Block missing = page.block(3);
                peakMemory = Math.max(peakMemory, memory.getBytes());
                for (int position = 0; position < page.positionCount(); position++) {
                    rows.add(new Object[] {
                            VARBINARY.getSlice(content, position).getBytes(),
                            TIMESTAMP_TZ_MICROS.getObject(timestamp, position),
                            BIGINT.getLong(version, position),
                            missing.isNull(position)});
                }
            }
            // the file's buffers are accounted while pages are read, and released on close
            assertThat(peakMemory).isPositive();
            readBytes = dataFile.readBytes();
        }
        assertThat(memory.getBytes()).isZero();
        return new ReadResult(rows, readBytes);
    }

    private static void assertRecords(ReadResult read, List<Record> records)
    {
        assertThat(read.rows()).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            Object[] row = read.rows().get(i);
            Record record = records.get(i);
            assertThat((byte[]) row[0]).isEqualTo(record.content());
            LongTimestampWithTimeZone timestamp = (LongTimestampWithTimeZone) row[1];
            long epochMicros = timestamp.getEpochMillis() * 1000 + timestamp.getPicosOfMilli() / 1_000_000;
            assertThat(epochMicros).isEqualTo(record.timestamp().getEpochSecond() * 1_000_000 + record.timestamp().getNano() / 1000);
            assertThat(row[2]).isEqualTo(record.version());
            assertThat(row[3]).isEqualTo(true);
        }
    }

    private record ReadResult(List<Object[]> rows, long readBytes) {}
}
