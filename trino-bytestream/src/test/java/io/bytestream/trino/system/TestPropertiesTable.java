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

import io.bytestream.trino.system.PropertiesTable.Property;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

final class TestPropertiesTable
{
    @Test
    void testConfigurationThenVersionsThenFeatures()
    {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("delta.enableDeletionVectors", "true");
        configuration.put("owner", null);
        assertThat(PropertiesTable.properties(configuration, 3, 7, List.of("deletionVectors", "appendOnly"))).containsExactly(
                new Property("delta.enableDeletionVectors", "true"),
                new Property("owner", null),
                new Property("delta.minReaderVersion", "3"),
                new Property("delta.minWriterVersion", "7"),
                new Property("delta.feature.deletionVectors", "supported"),
                new Property("delta.feature.appendOnly", "supported"));
    }

    @Test
    void testLegacyProtocol()
    {
        assertThat(PropertiesTable.properties(Map.of(), 1, 2, List.of())).containsExactly(
                new Property("delta.minReaderVersion", "1"),
                new Property("delta.minWriterVersion", "2"));
    }
}
