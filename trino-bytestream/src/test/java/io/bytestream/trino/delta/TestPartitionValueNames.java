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

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

final class TestPartitionValueNames
{
    @Test
    void testRenamesPhysicalNamesInPartitionColumnOrder()
    {
        PartitionValueNames names = new PartitionValueNames(Map.of("col-5f1c", "part_id"), List.of("pond_id", "part_id", "day"));
        Map<String, String> physical = new HashMap<>();
        physical.put("day", "2024-05-01");
        physical.put("col-5f1c", "b001");
        physical.put("pond_id", null);

        assertThat(names.logical(physical).entrySet()).extracting(Map.Entry::getKey, Map.Entry::getValue)
                .containsExactly(
                        tuple("pond_id", null),
                        tuple("part_id", "b001"),
                        tuple("day", "2024-05-01"));
    }

    @Test
    void testValuesOfOtherColumnsFollowInNameOrder()
    {
        PartitionValueNames names = new PartitionValueNames(Map.of(), List.of("node_id"));

        assertThat(names.logical(Map.of("zeta", "1", "node_id", "n", "alpha", "2")).keySet()).containsExactly("node_id", "alpha", "zeta");
    }
}
