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

import io.trino.testing.TestingConnectorContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every property of {@link BytestreamConfig} with a value out of range, of the wrong unit or unparsable fails the
 * catalog load with a message naming the property.
 */
final class TestBytestreamConfigValidation
{
    private static final Map<String, List<String>> INVALID_VALUES = Map.of(
            "bytestream.root-location", List.of("srv/ponds", "file:///srv/../etc", "file:///srv/ponds with space"),
            "bytestream.content-column", List.of("", "not a name", "1content"),
            "bytestream.max-split-size", List.of("512kB", "2GB", "-1MB", "64", "64 parsecs"),
            "bytestream.max-record-size", List.of("512B", "2GB", "-1MB", "256", "large"),
            "bytestream.metadata-cache-ttl", List.of("-1s", "10", "10 fortnights", "forever"),
            "bytestream.metadata-cache-maximum-size", List.of("-1", "1.5", "1kB", "many"),
            "bytestream.metadata-parallelism", List.of("0", "-8", "257", "eight"),
            "bytestream.dynamic-filtering.wait-timeout", List.of("2h", "-1s", "1", "1 fortnight"));

    private final BytestreamConnectorFactory factory = new BytestreamConnectorFactory();

    @Test
    void testEveryPropertyIsChecked()
    {
        List<String> properties = List.of(
                "bytestream.root-location",
                "bytestream.content-column",
                "bytestream.max-split-size",
                "bytestream.max-record-size",
                "bytestream.metadata-cache-ttl",
                "bytestream.metadata-cache-maximum-size",
                "bytestream.metadata-parallelism",
                "bytestream.dynamic-filtering.wait-timeout");
        assertThat(INVALID_VALUES.keySet()).containsExactlyInAnyOrderElementsOf(properties);
    }

    @Test
    void testInvalidValueFailsTheCatalogNamingTheProperty()
    {
        INVALID_VALUES.forEach((property, values) -> {
            for (String value : values) {
                Map<String, String> config = new HashMap<>(Map.of("bytestream.root-location", "file:///srv/ponds"));
                config.put(property, value);
                assertThatThrownBy(() -> factory.create("pond", config, new TestingConnectorContext()).shutdown())
                        .as("%s=%s", property, value)
                        .hasMessageContaining(property);
            }
        });
    }
}
