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

package io.bytestream.arrow.body;

import java.util.Optional;

/**
 * A field node as the column readers see it, consumed with its validity buffer, if its type has one, by
 * {@link RecordBatchBody#nextField} or {@link RecordBatchBody#nextFieldWithoutValidity}.
 *
 * @param positionCount the node's length
 * @param isNull the null flags of its positions, those of the enclosing struct included; null when no position is null
 */
public record FieldNode(int positionCount, boolean[] isNull)
{
    public boolean isNull(int position)
    {
        return isNull != null && isNull[position];
    }

    /**
     * The null flags as a Trino block takes them.
     */
    public Optional<boolean[]> nulls()
    {
        return Optional.ofNullable(isNull);
    }
}
