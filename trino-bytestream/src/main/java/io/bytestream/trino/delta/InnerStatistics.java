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

package io.bytestream.trino.delta;

import com.google.common.collect.ImmutableMap;
import io.airlift.slice.SizeOf;

import java.util.Map;
import java.util.Optional;

import static io.airlift.slice.SizeOf.estimatedSizeOf;
import static io.airlift.slice.SizeOf.instanceSize;

/**
 * The statistics of a data file's inner columns: its inner rows, and per column (by its lower-cased name) the type the
 * writer read it as, its nulls and its bounds.
 */
public record InnerStatistics(long rows, Map<String, InnerColumnStatistics> columns)
{
    private static final int INSTANCE_SIZE = instanceSize(InnerStatistics.class);

    public InnerStatistics
    {
        columns = ImmutableMap.copyOf(columns);
    }

    public Optional<InnerColumnStatistics> column(String name)
    {
        return Optional.ofNullable(columns.get(name));
    }

    long retainedSizeInBytes()
    {
        return INSTANCE_SIZE + estimatedSizeOf(columns, SizeOf::estimatedSizeOf, InnerColumnStatistics::retainedSizeInBytes);
    }
}
