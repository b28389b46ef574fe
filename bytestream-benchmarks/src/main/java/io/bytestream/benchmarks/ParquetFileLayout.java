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

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airlift.log.Logger;
import io.bytestream.benchmarks.DeltaCommitFiles.FileStatistics;
import io.bytestream.writer.Record;
import io.bytestream.writer.RecordTableSchema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static java.util.Locale.ENGLISH;
import static java.util.Objects.requireNonNull;

/**
 * A record table as Spark 4 with delta-spark or delta-rs writes it: compressed pages, dictionary encoding on
 * (parquet-mr falls back to PLAIN once a column's dictionary exceeds 1 MB, as the content's does at its first value),
 * 128 MB row groups, 1 MB pages, v1 pages, and several records per file: each commit holds one file per node with
 * that node's records of {@code commitsPerFile} groups of {@link GeneratedRecords}, as one task of a Spark job writes
 * one file per partition. Written with parquet-mr, which Spark uses (its defaults are Spark's); arrow-rs, which delta-rs
 * uses, makes the same choices of codec, encodings and page version, but cuts pages and row groups at other points.
 */
final class ParquetFileLayout
        implements RecordTableLayout
{
    private static final Logger log = Logger.get(ParquetFileLayout.class);
    private static final int ROW_GROUP_BYTES = 128 * 1024 * 1024;
    private static final int PAGE_BYTES = 1024 * 1024;
    private static final int DICTIONARY_PAGE_BYTES = 1024 * 1024;

    /** what the two writers do differently */
    enum Writer
    {
        SPARK("Spark 4 + delta-spark (parquet-mr)", "Apache-Spark/4.0.0 Delta-Lake/4.0.0", TimestampEncoding.INT96, "spark_schema", "part-%05d-%s.c000.%s.parquet"),
        DELTA_RS("delta-rs (arrow-rs' choices, written with parquet-mr)", "delta-rs.0.25.0", TimestampEncoding.INT64_MICROS, "arrow_schema", "part-%05d-%s-c000.%s.parquet");

        private final String description;
        private final String engineInfo;
        private final TimestampEncoding timestampEncoding;
        private final String messageName;
        // partition index, UUID, codec
        private final String fileNamePattern;

        Writer(String description, String engineInfo, TimestampEncoding timestampEncoding, String messageName, String fileNamePattern)
        {
            this.description = description;
            this.engineInfo = engineInfo;
            this.timestampEncoding = timestampEncoding;
            this.messageName = messageName;
            this.fileNamePattern = fileNamePattern;
        }
    }

    enum TimestampEncoding
    {
        /** Spark's default ({@code spark.sql.parquet.outputTimestampType=INT96}) */
        INT96,
        /** arrow-rs: INT64 with the logical type TIMESTAMP(MICROS, isAdjustedToUTC) */
        INT64_MICROS,
    }

    private final String name;
    private final Writer writer;
    private final CompressionCodecName codec;
    private final int commitsPerFile;

    ParquetFileLayout(String name, Writer writer, CompressionCodecName codec, int commitsPerFile)
    {
        this.name = requireNonNull(name, "name is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.codec = requireNonNull(codec, "codec is null");
        if (commitsPerFile < 1) {
            throw new IllegalArgumentException("commitsPerFile must be at least 1: " + commitsPerFile);
        }
        this.commitsPerFile = commitsPerFile;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public String description()
    {
        return "%s: %s, dictionary with fallback to PLAIN, %s timestamp, v1 pages, 128 MB row groups, 1 MB pages, one file per node per commit holding its records of %d record groups"
                .formatted(writer.description, codec, writer.timestampEncoding, commitsPerFile);
    }

    @Override
    public String tableNamePart()
    {
        return "%s_x%d".formatted(name.replace('-', '_'), commitsPerFile);
    }

    @Override
    public long write(Path tableDirectory, GeneratedRecords records)
    {
        long commits = Math.ceilDiv(records.groupCount(), commitsPerFile);
        for (long commit = 0; commit < commits; commit++) {
            List<ObjectNode> actions = new ArrayList<>();
            actions.add(DeltaCommitFiles.commitInfo(writer.engineInfo));
            if (commit == 0) {
                actions.addAll(DeltaCommitFiles.tableCreation());
            }
            long firstGroup = commit * commitsPerFile;
            long endGroup = Math.min(firstGroup + commitsPerFile, records.groupCount());
            for (int node = 0; node < records.nodes(); node++) {
                String nodeId = GeneratedRecords.nodeId(node);
                String fileName = writer.fileNamePattern.formatted(node, UUID.randomUUID(), codec.name().toLowerCase(ENGLISH));
                String relativePath = "%s=%s/%s".formatted(RecordTableSchema.NODE_ID, nodeId, fileName);
                FileStatistics statistics = writeFile(tableDirectory.resolve(relativePath), records, node, firstGroup, endGroup);
                if (statistics.count() > 0) {
                    actions.add(DeltaCommitFiles.add(tableDirectory, relativePath, nodeId, statistics));
                }
            }
            DeltaCommitFiles.commit(tableDirectory, commit, actions);
            log.info("%s: %,d of %,d commits written", tableDirectory.getFileName(), commit + 1, commits);
        }
        return commits;
    }

    private FileStatistics writeFile(Path file, GeneratedRecords records, int node, long firstGroup, long endGroup)
    {
        FileStatistics statistics = new FileStatistics();
        RecordWriteSupport writeSupport = new RecordWriteSupport(writer.timestampEncoding, writer.messageName);
        try {
            Files.createDirectories(file.getParent());
            try (ParquetWriter<Record> parquet = new Builder(new LocalOutputFile(file), writeSupport)
                    .withConf(new Configuration(false))
                    .withCompressionCodec(codec)
                    .withRowGroupSize(ROW_GROUP_BYTES)
                    .withPageSize(PAGE_BYTES)
                    .withDictionaryPageSize(DICTIONARY_PAGE_BYTES)
                    .withDictionaryEncoding(true)
                    .withWriterVersion(WriterVersion.PARQUET_1_0)
                    .build()) {
                for (long group = firstGroup; group < endGroup; group++) {
                    Record record = records.recordOf(group, node);
                    if (record != null) {
                        parquet.write(record);
                        statistics.add(record);
                    }
                }
            }
            if (statistics.count() == 0) {
                Files.delete(file);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return statistics;
    }

    private static final class Builder
            extends ParquetWriter.Builder<Record, Builder>
    {
        private final RecordWriteSupport writeSupport;

        private Builder(OutputFile file, RecordWriteSupport writeSupport)
        {
            super(file);
            this.writeSupport = requireNonNull(writeSupport, "writeSupport is null");
        }

        @Override
        protected Builder self()
        {
            return this;
        }

        @Override
        protected WriteSupport<Record> getWriteSupport(Configuration configuration)
        {
            return writeSupport;
        }
    }
}
