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

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TestVersionStatistics
{
    @Test
    void testRange()
    {
        assertThat(parse("{\"numRecords\":3,\"minValues\":{\"col-v\":2},\"maxValues\":{\"col-v\":9}}", false))
                .contains(new VersionRange(2, 9, true));
    }

    @Test
    void testDeletionVectorMakesTheRangeABound()
    {
        String stats = "{\"numRecords\":3,\"minValues\":{\"col-v\":2},\"maxValues\":{\"col-v\":9}}";
        assertThat(parse(stats, true)).contains(new VersionRange(2, 9, false));
        assertThat(parse(stats.replace("}}", "},\"tightBounds\":true}"), true)).contains(new VersionRange(2, 9, true));
        assertThat(parse(stats.replace("}}", "},\"tightBounds\":false}"), false)).contains(new VersionRange(2, 9, false));
    }

    @Test
    void testNoUsableRange()
    {
        assertThat(VersionStatistics.parse(Optional.empty(), "col-v", false)).isEmpty();
        assertThat(parse("not json", false)).isEmpty();
        assertThat(parse("{\"numRecords\":3}", false)).isEmpty();
        assertThat(parse("{\"minValues\":{\"col-v\":2},\"maxValues\":{\"other\":9}}", false)).isEmpty();
        assertThat(parse("{\"minValues\":{\"col-v\":\"2\"},\"maxValues\":{\"col-v\":9}}", false)).isEmpty();
        assertThat(parse("{\"minValues\":{\"col-v\":2.5},\"maxValues\":{\"col-v\":9}}", false)).isEmpty();
        assertThat(parse("{\"minValues\":{\"col-v\":10},\"maxValues\":{\"col-v\":9}}", false)).isEmpty();
        assertThat(parse("{\"minValues\":{\"col-v\":1},\"maxValues\":{\"col-v\":99999999999999999999}}", false)).isEmpty();
        assertThat(parse("null", false)).isEmpty();
    }

    private static Optional<VersionRange> parse(String stats, boolean deletionVector)
    {
        return VersionStatistics.parse(Optional.of(stats), "col-v", deletionVector);
    }
}
