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

package io.bytestream.writer;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One row of a record table: the outer columns and the Arrow IPC stream held in {@code content}.
 * The timestamp is stored with microsecond precision; finer digits are dropped on write.
 */
public record Record(String nodeId, Instant timestamp, long version, byte[] content)
{
    public Record
    {
        requireNonNull(nodeId, "nodeId is null");
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(content, "content is null");
        if (nodeId.isEmpty()) {
            // Delta stores an empty partition value as null, which would not read back as written
            throw new IllegalArgumentException("nodeId is empty");
        }
    }
}
