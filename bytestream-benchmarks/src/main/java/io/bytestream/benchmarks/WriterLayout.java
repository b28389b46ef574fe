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

import io.airlift.log.Logger;
import io.bytestream.writer.Record;
import io.bytestream.writer.RecordTableWriter;
import org.apache.arrow.vector.compression.CompressionUtil.CodecType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The project's own {@link RecordTableWriter}: one commit per group of one record of every node, one data file per
 * record, content stored uncompressed and PLAIN. The IPC streams in the content have uncompressed bodies, or bodies
 * compressed buffer by buffer by Arrow Java, so the plugin still reads each record where it lies in the file.
 */
final class WriterLayout
        implements RecordTableLayout
{
    private static final Logger log = Logger.get(WriterLayout.class);

    private final String name;
    private final CodecType ipcBodyCompression;

    WriterLayout(String name, CodecType ipcBodyCompression)
    {
        this.name = requireNonNull(name, "name is null");
        this.ipcBodyCompression = requireNonNull(ipcBodyCompression, "ipcBodyCompression is null");
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public String description()
    {
        String bodies = ipcBodyCompression == CodecType.NO_COMPRESSION ? "uncompressed" : ipcBodyCompression + "-compressed (per buffer, by Arrow Java's ArrowStreamWriter)";
        return "RecordTableWriter (delta-kernel): one file per record, one commit per record of every node, uncompressed PLAIN content, " + bodies + " IPC bodies";
    }

    @Override
    public CodecType ipcBodyCompression()
    {
        return ipcBodyCompression;
    }

    @Override
    public String tableNamePart()
    {
        return name.replace('-', '_');
    }

    @Override
    public long write(Path tableDirectory, GeneratedRecords records)
    {
        RecordTableWriter writer = RecordTableGenerator.openWriter(tableDirectory);
        for (long group = 0; group < records.groupCount(); group++) {
            List<Record> commit = new ArrayList<>(records.nodes());
            for (int node = 0; node < records.nodes(); node++) {
                Record record = records.recordOf(group, node);
                if (record != null) {
                    commit.add(record);
                }
            }
            writer.append(commit);
            log.info("%s: %,d of %,d commits written", tableDirectory.getFileName(), group + 1, records.groupCount());
        }
        return records.groupCount();
    }
}
