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

package io.bytestream.trino.system;

import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.VersionRange;
import io.bytestream.trino.delta.VersionedDataFile;
import io.bytestream.trino.system.LatestRecordFiles.Choice;
import io.bytestream.trino.system.LatestRecordFiles.LatestFile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class TestLatestRecordFiles
{
    @Test
    void testExactStatisticsDecideWithoutReading()
    {
        VersionedDataFile a1 = file("a1", "a", exact(1, 3));
        VersionedDataFile a2 = file("a2", "a", exact(4, 4));
        VersionedDataFile b1 = file("b1", "b", exact(7, 9));
        VersionedDataFile b2 = file("b2", "b", exact(2, 8));
        Choice choice = LatestRecordFiles.choose(List.of(a1, a2, b1, b2), neverRead());
        assertThat(choice.files()).containsExactly(new LatestFile(a2.file(), 4), new LatestFile(b1.file(), 9));
        assertThat(choice.filesSkipped()).isEqualTo(2);
        assertThat(choice.filesVersionRead()).isZero();
    }

    @Test
    void testTiesKeepEveryFile()
    {
        VersionedDataFile a1 = file("a1", "a", exact(1, 5));
        VersionedDataFile a2 = file("a2", "a", exact(5, 5));
        VersionedDataFile a3 = file("a3", "a", exact(2, 4));
        Choice choice = LatestRecordFiles.choose(List.of(a1, a2, a3), neverRead());
        assertThat(choice.files()).containsExactly(new LatestFile(a1.file(), 5), new LatestFile(a2.file(), 5));
    }

    @Test
    void testFilesWithoutStatisticsAreRead()
    {
        VersionedDataFile a1 = file("a1", "a", Optional.empty());
        VersionedDataFile a2 = file("a2", "a", Optional.empty());
        VersionedDataFile a3 = file("a3", "a", exact(1, 2));
        List<String> read = new ArrayList<>();
        Choice choice = LatestRecordFiles.choose(List.of(a1, a2, a3), reading(Map.of("a1", 7L, "a2", 3L), read));
        assertThat(choice.files()).containsExactly(new LatestFile(a1.file(), 7));
        assertThat(read).containsExactlyInAnyOrder("a1", "a2");
        assertThat(choice.filesVersionRead()).isEqualTo(2);
    }

    @Test
    void testUpperBoundsReadOnlyAboveTheBestKnownVersion()
    {
        // a file with deleted rows: its maximum only bounds its live versions
        VersionedDataFile belowBest = file("a1", "a", inexact(1, 3));
        VersionedDataFile atBest = file("a2", "a", inexact(1, 5));
        VersionedDataFile best = file("a3", "a", exact(5, 5));
        VersionedDataFile above = file("a4", "a", inexact(2, 9));
        List<String> read = new ArrayList<>();
        Choice choice = LatestRecordFiles.choose(List.of(belowBest, atBest, best, above), reading(Map.of("a4", 4L), read));
        // a4's live versions stop at 4: version 5 wins, a2 may hold a record of it and is read with the filter
        assertThat(read).containsExactly("a4");
        assertThat(choice.files()).containsExactly(new LatestFile(atBest.file(), 5), new LatestFile(best.file(), 5));
        assertThat(choice.filesSkipped()).isEqualTo(2);
    }

    @Test
    void testNodeWithoutAnyVersion()
    {
        VersionedDataFile a1 = file("a1", "a", Optional.empty());
        VersionedDataFile b1 = file("b1", "b", exact(1, 1));
        Choice choice = LatestRecordFiles.choose(List.of(a1, b1), reading(Map.of(), new ArrayList<>()));
        assertThat(choice.files()).containsExactly(new LatestFile(b1.file(), 1));
    }

    private static Optional<VersionRange> exact(long min, long max)
    {
        return Optional.of(new VersionRange(min, max, true));
    }

    private static Optional<VersionRange> inexact(long min, long max)
    {
        return Optional.of(new VersionRange(min, max, false));
    }

    private static VersionedDataFile file(String name, String node, Optional<VersionRange> versions)
    {
        return new VersionedDataFile(new DataFile(name, 100, 0, Map.of(LatestRecordFiles.NODE_COLUMN, node)), versions);
    }

    private static Function<DataFile, OptionalLong> neverRead()
    {
        return file -> {
            throw new AssertionError("read " + file.path());
        };
    }

    private static Function<DataFile, OptionalLong> reading(Map<String, Long> maxVersions, List<String> read)
    {
        return file -> {
            read.add(file.path());
            Long max = maxVersions.get(file.path());
            return max == null ? OptionalLong.empty() : OptionalLong.of(max);
        };
    }
}
