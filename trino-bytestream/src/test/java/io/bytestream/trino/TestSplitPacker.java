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

import io.bytestream.trino.delta.DataFile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.bytestream.trino.delta.DeltaFixtures.dataFile;
import static io.bytestream.trino.delta.DeltaFixtures.partition;
import static org.assertj.core.api.Assertions.assertThat;

final class TestSplitPacker
{
    private static final Map<String, String> NODE_A = partition("node_id", "a");
    private static final Map<String, String> NODE_B = partition("node_id", "b");
    private static final Map<String, String> NODE_NULL = partition("node_id", null);

    @Test
    void testNoFilesNoSplits()
    {
        assertThat(SplitPacker.pack(List.of(), 100)).isEmpty();
    }

    @Test
    void testOneSplitPerPartitionInOrderOfFirstAppearance()
    {
        assertThat(packed(100, dataFile("b1", 1, NODE_B), dataFile("a1", 1, NODE_A), dataFile("b2", 1, NODE_B), dataFile("a2", 1, NODE_A), dataFile("b3", 1, NODE_B)))
                .containsExactly(List.of("b1", "b2", "b3"), List.of("a1", "a2"));
    }

    @Test
    void testFilesUpToTheMaxSizeStayTogether()
    {
        assertThat(packed(10, file("f1", 4), file("f2", 6), file("f3", 10)))
                .containsExactly(List.of("f1", "f2"), List.of("f3"));
    }

    @Test
    void testOneByteOverTheMaxSizeStartsANewSplit()
    {
        assertThat(packed(10, file("f1", 4), file("f2", 7), file("f3", 3), file("f4", 1)))
                .containsExactly(List.of("f1"), List.of("f2", "f3"), List.of("f4"));
    }

    @Test
    void testFileLargerThanTheMaxSizeIsAlone()
    {
        assertThat(packed(10, file("big1", 25), file("small1", 2), file("big2", 11), file("small2", 2), file("small3", 2)))
                .containsExactly(List.of("big1"), List.of("small1"), List.of("big2"), List.of("small2", "small3"));
    }

    @Test
    void testSizeIsCountedPerPartition()
    {
        // a file of another partition in between neither adds to the size nor closes the split
        assertThat(packed(10, dataFile("a1", 6, NODE_A), dataFile("b1", 9, NODE_B), dataFile("a2", 4, NODE_A), dataFile("b2", 2, NODE_B)))
                .containsExactly(List.of("a1", "a2"), List.of("b1"), List.of("b2"));
    }

    @Test
    void testNullPartitionValueIsAPartitionOfItsOwn()
    {
        List<BytestreamSplit> splits = SplitPacker.pack(
                List.of(dataFile("null1", 1, NODE_NULL), dataFile("a1", 1, NODE_A), dataFile("null2", 1, NODE_NULL), dataFile("empty1", 1, partition("node_id", ""))),
                100);
        assertThat(paths(splits)).containsExactly(List.of("null1", "null2"), List.of("a1"), List.of("empty1"));
        assertThat(splits.getFirst().files().getFirst().partitionValues()).containsEntry("node_id", null);
    }

    @Test
    void testUnpartitionedFiles()
    {
        List<BytestreamSplit> splits = SplitPacker.pack(List.of(dataFile("f1", 5, Map.of()), dataFile("f2", 5, Map.of()), dataFile("f3", 5, Map.of())), 10);
        assertThat(paths(splits)).containsExactly(List.of("f1", "f2"), List.of("f3"));
        assertThat(splits.getFirst().getSplitInfo()).isEqualTo(Map.of("path", "f1", "files", "2"));
    }

    /** A file of partition {@code node_id=a}. */
    private static DataFile file(String path, long size)
    {
        return dataFile(path, size, NODE_A);
    }

    private static List<List<String>> packed(long maxSplitSize, DataFile... files)
    {
        return paths(SplitPacker.pack(List.of(files), maxSplitSize));
    }

    private static List<List<String>> paths(List<BytestreamSplit> splits)
    {
        return splits.stream()
                .map(split -> split.files().stream().map(DataFile::path).toList())
                .toList();
    }
}
