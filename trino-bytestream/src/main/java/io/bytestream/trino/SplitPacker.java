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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs data files into splits: files of one partition only, in the order given, small files together up to a
 * maximum split size; a file larger than that is a split of its own.
 */
final class SplitPacker
{
    private SplitPacker() {}

    static List<BytestreamSplit> pack(List<DataFile> files, long maxSplitSize)
    {
        ImmutableList.Builder<BytestreamSplit> splits = ImmutableList.builder();
        for (List<DataFile> partitionFiles : groupByPartition(files)) {
            splits.addAll(packPartition(partitionFiles, maxSplitSize));
        }
        return splits.build();
    }

    private static List<List<DataFile>> groupByPartition(List<DataFile> files)
    {
        Map<Map<String, String>, List<DataFile>> groups = new LinkedHashMap<>();
        for (DataFile file : files) {
            groups.computeIfAbsent(file.partitionValues(), _ -> new ArrayList<>()).add(file);
        }
        return ImmutableList.copyOf(groups.values());
    }

    private static List<BytestreamSplit> packPartition(List<DataFile> partitionFiles, long maxSplitSize)
    {
        List<BytestreamSplit> splits = new ArrayList<>();
        List<DataFile> current = new ArrayList<>();
        long currentSize = 0;
        for (DataFile file : partitionFiles) {
            if (!current.isEmpty() && currentSize + file.size() > maxSplitSize) {
                splits.add(new BytestreamSplit(current));
                current = new ArrayList<>();
                currentSize = 0;
            }
            current.add(file);
            currentSize += file.size();
        }
        if (!current.isEmpty()) {
            splits.add(new BytestreamSplit(current));
        }
        return splits;
    }
}
