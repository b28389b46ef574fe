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

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code commitInfo} action of a commit, as far as its writer filled it in. The Delta protocol leaves its shape to
 * each writer: Spark, delta-rs and delta-kernel write different fields, and sometimes a number as a string, so every
 * field is optional and read leniently. Map values that are not strings (delta-rs writes some as JSON values) are
 * kept as their JSON text.
 */
public record CommitInfo(
        Optional<Long> inCommitTimestamp,
        Optional<String> userId,
        Optional<String> userName,
        Optional<String> operation,
        Optional<Map<String, String>> operationParameters,
        Optional<String> clusterId,
        Optional<Long> readVersion,
        Optional<String> isolationLevel,
        Optional<Boolean> blindAppend,
        Optional<Map<String, String>> operationMetrics)
{
    public static final String ACTION = "commitInfo";

    /** The fields of a {@code commitInfo} action's object. */
    public static CommitInfo of(JsonNode commitInfo)
    {
        return new CommitInfo(
                longField(commitInfo, "inCommitTimestamp"),
                text(commitInfo.get("userId")),
                text(commitInfo.get("userName")),
                text(commitInfo.get("operation")),
                map(commitInfo.get("operationParameters")),
                text(commitInfo.get("clusterId")),
                longField(commitInfo, "readVersion"),
                text(commitInfo.get("isolationLevel")),
                booleanField(commitInfo.get("isBlindAppend")),
                map(commitInfo.get("operationMetrics")));
    }

    private static Optional<String> text(JsonNode node)
    {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(node.isValueNode() ? node.asText() : node.toString());
    }

    private static Optional<Long> longField(JsonNode commitInfo, String name)
    {
        JsonNode node = commitInfo.get(name);
        if (node == null) {
            return Optional.empty();
        }
        if (node.canConvertToExactIntegral() && node.canConvertToLong()) {
            return Optional.of(node.asLong());
        }
        if (node.isTextual()) {
            try {
                return Optional.of(Long.parseLong(node.asText().trim()));
            }
            catch (NumberFormatException _) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<Boolean> booleanField(JsonNode node)
    {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return Optional.of(node.asBoolean());
        }
        if (node.isTextual() && (node.asText().equalsIgnoreCase("true") || node.asText().equalsIgnoreCase("false"))) {
            return Optional.of(Boolean.parseBoolean(node.asText()));
        }
        return Optional.empty();
    }

    private static Optional<Map<String, String>> map(JsonNode node)
    {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        // a LinkedHashMap: the writer's order, and room for null values
        Map<String, String> values = new LinkedHashMap<>();
        node.properties().forEach(entry -> values.put(entry.getKey(), text(entry.getValue()).orElse(null)));
        return Optional.of(Collections.unmodifiableMap(values));
    }
}
