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

package io.bytestream.benchmarks;

import com.google.common.collect.ImmutableList;
import org.apache.arrow.vector.compression.CompressionUtil.CodecType;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static io.bytestream.benchmarks.ParquetFileLayout.Writer.DELTA_RS;
import static io.bytestream.benchmarks.ParquetFileLayout.Writer.SPARK;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.ZSTD;

/**
 * How the benchmark's record table is laid out in Parquet files and Delta commits, as one writer of record tables
 * lays it out. Every layout writes the same {@link GeneratedRecords}, so one flat Delta table compares with all.
 */
interface RecordTableLayout
{
    /** the name in {@code -Dlayouts=} */
    String name();

    /** how the files are written, for the report */
    String description();

    /** how Arrow Java compresses the record batch bodies of the contents (the IPC streams), buffer by buffer */
    default CodecType ipcBodyCompression()
    {
        return CodecType.NO_COMPRESSION;
    }

    /** part of the table's folder name: the layout's name and any setting that changes the files */
    String tableNamePart();

    /**
     * Writes every record once into a new table at {@code tableDirectory}.
     *
     * @return the Delta commits written
     */
    long write(Path tableDirectory, GeneratedRecords records);

    /**
     * @param names comma-separated layout names; "all" for every layout
     * @param commitsPerFile for the layouts that gather several records of a node in a file: the record groups per file
     */
    static List<RecordTableLayout> parse(String names, int commitsPerFile)
    {
        List<RecordTableLayout> all = ImmutableList.of(
                new WriterLayout("writer", CodecType.NO_COMPRESSION),
                new WriterLayout("writer-ipc-zstd", CodecType.ZSTD),
                new WriterLayout("writer-ipc-lz4", CodecType.LZ4_FRAME),
                new ParquetFileLayout("spark-snappy", SPARK, SNAPPY, commitsPerFile),
                new ParquetFileLayout("spark-zstd", SPARK, ZSTD, commitsPerFile),
                new ParquetFileLayout("delta-rs", DELTA_RS, SNAPPY, commitsPerFile),
                new ParquetFileLayout("delta-rs-zstd", DELTA_RS, ZSTD, commitsPerFile));
        if (names.equals("all")) {
            return all;
        }
        return Arrays.stream(names.split(","))
                .map(String::trim)
                .map(name -> all.stream()
                        .filter(layout -> layout.name().equals(name.toLowerCase(Locale.ENGLISH)))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("Unknown layout %s; known: %s".formatted(name, all.stream().map(RecordTableLayout::name).toList()))))
                .collect(toImmutableList());
    }
}
