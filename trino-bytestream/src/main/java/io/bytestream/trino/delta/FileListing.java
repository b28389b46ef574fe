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

import com.google.common.collect.ImmutableList;

import java.util.List;

/**
 * The data files a constraint leaves of a snapshot's active files, and how many each kind of pruning took away.
 *
 * @param filesSkippedByStatistics files whose statistics in the log (minimum, maximum, null count of outer columns) rule out the constraint
 * @param filesSkippedByPartition files, of those the statistics kept, whose partition values rule out the constraint
 */
public record FileListing<T>(List<T> files, long filesSkippedByStatistics, long filesSkippedByPartition)
{
    public FileListing
    {
        files = ImmutableList.copyOf(files);
    }
}
