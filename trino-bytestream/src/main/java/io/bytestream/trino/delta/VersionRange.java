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

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The range of a data file's record versions, from the minimum and maximum of its add action's statistics.
 *
 * @param exact whether {@code max} is the version of a live record: the statistics describe exactly the file's live
 * records (no deletion vector, or statistics with {@code tightBounds}); otherwise {@code max} is only an upper bound
 */
public record VersionRange(long min, long max, boolean exact)
{
    public VersionRange
    {
        checkArgument(min <= max, "min %s above max %s", min, max);
    }
}
