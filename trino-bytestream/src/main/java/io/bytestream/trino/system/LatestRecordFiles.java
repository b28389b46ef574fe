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

import com.google.common.collect.ImmutableList;
import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.VersionRange;
import io.bytestream.trino.delta.VersionedDataFile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Chooses the data files of {@code "<table>$latest"} from the Delta log: for each node (value of the partition column
 * {@code node_id}), the files that can hold its record with the highest version, and that version. A file's version
 * statistics in the log decide; only where a file's statistics are missing, or give only an upper bound above the
 * highest version known (a file with a deletion vector), is its version column read, never its content.
 */
public final class LatestRecordFiles
{
    /** The partition column that names a record's node. */
    public static final String NODE_COLUMN = "node_id";

    /** A chosen file: only its records of {@code version} are read. */
    public record LatestFile(DataFile file, long version)
    {
        public LatestFile
        {
            requireNonNull(file, "file is null");
        }
    }

    /**
     * @param files chosen files, in the order they were listed
     * @param filesSkipped files left out: none of their records is the newest of its node
     * @param filesVersionRead files whose version column was read because their statistics did not decide
     */
    public record Choice(List<LatestFile> files, long filesSkipped, long filesVersionRead)
    {
        public Choice
        {
            files = ImmutableList.copyOf(files);
        }
    }

    private LatestRecordFiles() {}

    /**
     * @param readMaxVersion the highest version of a file's live records, read from its version column; empty where none has one
     */
    public static Choice choose(List<VersionedDataFile> files, Function<DataFile, OptionalLong> readMaxVersion)
    {
        Map<String, List<VersionedDataFile>> byNode = new LinkedHashMap<>();
        for (VersionedDataFile file : files) {
            byNode.computeIfAbsent(file.file().partitionValues().get(NODE_COLUMN), _ -> new ArrayList<>()).add(file);
        }
        List<LatestFile> chosen = new ArrayList<>();
        long versionRead = 0;
        for (List<VersionedDataFile> nodeFiles : byNode.values()) {
            NodeChoice node = new NodeChoice(nodeFiles, readMaxVersion);
            chosen.addAll(node.chosen());
            versionRead += node.filesVersionRead;
        }
        // keep the listing's order
        Map<DataFile, LatestFile> chosenByFile = new HashMap<>();
        chosen.forEach(file -> chosenByFile.put(file.file(), file));
        List<LatestFile> ordered = files.stream()
                .map(file -> chosenByFile.get(file.file()))
                .filter(file -> file != null)
                .toList();
        return new Choice(ordered, files.size() - ordered.size(), versionRead);
    }

    /** The files of one node and what is known of their highest versions. */
    private static final class NodeChoice
    {
        private final Map<VersionedDataFile, OptionalLong> exactMax = new HashMap<>();
        private final Set<VersionedDataFile> upperBoundOnly = new HashSet<>();
        private final List<VersionedDataFile> files;
        private long filesVersionRead;

        NodeChoice(List<VersionedDataFile> files, Function<DataFile, OptionalLong> readMaxVersion)
        {
            this.files = files;
            List<VersionedDataFile> undecided = new ArrayList<>();
            for (VersionedDataFile file : files) {
                Optional<VersionRange> versions = file.versions();
                if (versions.isPresent() && versions.get().exact()) {
                    exactMax.put(file, OptionalLong.of(versions.get().max()));
                }
                else {
                    undecided.add(file);
                }
            }
            // files without statistics first, then by upper bound, highest first: each read can make the rest unnecessary
            undecided.sort(Comparator.comparingLong(file -> file.versions().map(VersionRange::max).orElse(Long.MAX_VALUE)));
            for (VersionedDataFile file : undecided.reversed()) {
                OptionalLong best = best();
                if (file.versions().isEmpty() || best.isEmpty() || file.versions().get().max() > best.getAsLong()) {
                    exactMax.put(file, readMaxVersion.apply(file.file()));
                    filesVersionRead++;
                }
                else {
                    upperBoundOnly.add(file);
                }
            }
        }

        private OptionalLong best()
        {
            return exactMax.values().stream()
                    .filter(OptionalLong::isPresent)
                    .mapToLong(OptionalLong::getAsLong)
                    .max();
        }

        /** The files that hold, or may hold, a record of the node's highest version: several where versions tie. */
        List<LatestFile> chosen()
        {
            OptionalLong best = best();
            if (best.isEmpty()) {
                // no record of the node has a version
                return List.of();
            }
            long version = best.getAsLong();
            return files.stream()
                    .filter(file -> exactMax.containsKey(file)
                            ? exactMax.get(file).equals(best)
                            : upperBoundOnly.contains(file) && file.versions().orElseThrow().max() >= version)
                    .map(file -> new LatestFile(file.file(), version))
                    .toList();
        }
    }
}
