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

package io.bytestream.arrow.schema;

import java.nio.ByteOrder;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The top-level fields of a stream's schema message.
 *
 * @param metadataVersion the {@code MetadataVersion} of the schema message
 * @param byteOrder the byte order of the buffers of the stream's batches (the metadata is always little-endian)
 */
public record ArrowSchema(List<ArrowField> fields, short metadataVersion, ByteOrder byteOrder)
{
    public ArrowSchema
    {
        fields = List.copyOf(fields);
        requireNonNull(byteOrder, "byteOrder is null");
    }
}
