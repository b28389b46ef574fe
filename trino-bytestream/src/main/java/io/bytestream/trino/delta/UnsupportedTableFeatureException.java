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

import java.util.List;

/**
 * The table's protocol uses a Delta feature that changes what a reader must do, and that bytestream does not do:
 * reading the table anyway could give wrong answers.
 */
public final class UnsupportedTableFeatureException
        extends RuntimeException
{
    private final List<String> features;

    UnsupportedTableFeatureException(List<String> features)
    {
        super("unsupported Delta reader features: " + String.join(", ", features));
        this.features = List.copyOf(features);
    }

    public List<String> features()
    {
        return features;
    }
}
