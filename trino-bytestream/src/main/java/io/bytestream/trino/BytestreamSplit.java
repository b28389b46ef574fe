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

import com.google.common.collect.ImmutableList;
import io.bytestream.trino.delta.DataFile;
import io.trino.spi.connector.ConnectorSplit;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static com.google.common.base.Preconditions.checkArgument;
import static io.airlift.slice.SizeOf.estimatedSizeOf;
import static io.airlift.slice.SizeOf.instanceSize;
import static java.util.Objects.requireNonNull;

/**
 * Data files of one partition, read by one worker.
 *
 * @param recordVersion where present, only the files' records of this version are read ({@code $latest}: all files of a
 * split are of one partition, so of one node); the others are passed over before their content is decoded
 */
public record BytestreamSplit(List<DataFile> files, OptionalLong recordVersion)
        implements ConnectorSplit
{
    private static final int INSTANCE_SIZE = instanceSize(BytestreamSplit.class);

    public BytestreamSplit
    {
        files = ImmutableList.copyOf(files);
        checkArgument(!files.isEmpty(), "a split needs at least one file");
        requireNonNull(recordVersion, "recordVersion is null");
    }

    /** A split reading every record of its files. */
    public BytestreamSplit(List<DataFile> files)
    {
        this(files, OptionalLong.empty());
    }

    @Override
    public Map<String, String> getSplitInfo()
    {
        if (recordVersion.isPresent()) {
            return Map.of("path", files.getFirst().path(), "files", String.valueOf(files.size()), "recordVersion", String.valueOf(recordVersion.getAsLong()));
        }
        return Map.of("path", files.getFirst().path(), "files", String.valueOf(files.size()));
    }

    @Override
    public long getRetainedSizeInBytes()
    {
        return INSTANCE_SIZE + estimatedSizeOf(files, DataFile::retainedSizeInBytes);
    }
}
