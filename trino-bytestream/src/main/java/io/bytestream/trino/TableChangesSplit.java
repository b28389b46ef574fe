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

import io.bytestream.trino.delta.FileChange;
import io.trino.spi.connector.ConnectorSplit;

import java.util.Map;

import static io.airlift.slice.SizeOf.instanceSize;
import static java.util.Objects.requireNonNull;

/**
 * The rows of one data file that one commit inserted or deleted, read by one worker for {@code table_changes}.
 */
public record TableChangesSplit(FileChange change)
        implements ConnectorSplit
{
    private static final int INSTANCE_SIZE = instanceSize(TableChangesSplit.class);

    public TableChangesSplit
    {
        requireNonNull(change, "change is null");
    }

    @Override
    public Map<String, String> getSplitInfo()
    {
        return Map.of("path", change.file().path(), "change", change.type().label(), "commitVersion", String.valueOf(change.commitVersion()));
    }

    @Override
    public long getRetainedSizeInBytes()
    {
        return INSTANCE_SIZE + change.retainedSizeInBytes();
    }
}
