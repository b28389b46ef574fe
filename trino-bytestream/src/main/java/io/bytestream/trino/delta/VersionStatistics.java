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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;

/**
 * The range of a data file's record versions from its add action's {@code stats}. Statistics that are missing,
 * malformed or not integral give no range: the file's versions are then read from the file itself.
 */
final class VersionStatistics
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private VersionStatistics() {}

    /**
     * @param statsJson the add action's {@code stats}
     * @param physicalName the version column's name in the statistics
     * @param deletionVector whether the file has a deletion vector: its statistics then still count the deleted records
     * unless they say {@code tightBounds}
     */
    static Optional<VersionRange> parse(Optional<String> statsJson, String physicalName, boolean deletionVector)
    {
        if (statsJson.isEmpty()) {
            return Optional.empty();
        }
        JsonNode stats;
        try {
            stats = JSON.readTree(statsJson.get());
        }
        catch (JsonProcessingException _) {
            return Optional.empty();
        }
        if (stats == null) {
            return Optional.empty();
        }
        JsonNode min = stats.path("minValues").path(physicalName);
        JsonNode max = stats.path("maxValues").path(physicalName);
        if (!min.isIntegralNumber() || !min.canConvertToLong() || !max.isIntegralNumber() || !max.canConvertToLong() || min.longValue() > max.longValue()) {
            return Optional.empty();
        }
        JsonNode tightBounds = stats.path("tightBounds");
        boolean exact = tightBounds.isBoolean() ? tightBounds.booleanValue() : !deletionVector;
        return Optional.of(new VersionRange(min.longValue(), max.longValue(), exact));
    }
}
