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

import static com.google.common.base.Preconditions.checkArgument;
import static io.airlift.slice.SizeOf.estimatedSizeOf;
import static io.airlift.slice.SizeOf.instanceSize;

/**
 * Data files of one partition, read by one worker.
 */
public record BytestreamSplit(List<DataFile> files)
        implements ConnectorSplit
{
    private static final int INSTANCE_SIZE = instanceSize(BytestreamSplit.class);

    public BytestreamSplit
    {
        files = ImmutableList.copyOf(files);
        checkArgument(!files.isEmpty(), "a split needs at least one file");
    }

    @Override
    public Map<String, String> getSplitInfo()
    {
        return Map.of("path", files.getFirst().path(), "files", String.valueOf(files.size()));
    }

    @Override
    public long getRetainedSizeInBytes()
    {
        return INSTANCE_SIZE + estimatedSizeOf(files, DataFile::retainedSizeInBytes);
    }
}
