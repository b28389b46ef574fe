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

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A field of an Arrow schema. For a dictionary-encoded field, {@code type} and {@code children} describe
 * the dictionary values; the record batches hold only indices of {@code dictionary}'s index type.
 *
 * @param extensionName the {@code ARROW:extension:name} of the field's custom metadata, or null; {@code type}
 * is then the extension's storage type
 */
public record ArrowField(String name, boolean nullable, ArrowType type, List<ArrowField> children, DictionaryEncoding dictionary, String extensionName)
{
    public ArrowField
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        children = List.copyOf(children);
    }

    static final String UUID_EXTENSION = "arrow.uuid";

    public boolean isUuid()
    {
        return UUID_EXTENSION.equals(extensionName) && type instanceof ArrowType.FixedSizeBinary(int byteWidth) && byteWidth == 16;
    }

    public boolean isDictionaryEncoded()
    {
        return dictionary != null;
    }

    /**
     * This field without its dictionary encoding: the field of the dictionary values.
     */
    public ArrowField dictionaryValueField()
    {
        return new ArrowField(name, nullable, type, children, null, extensionName);
    }

    /**
     * The type as written in error messages, e.g. {@code list<struct<a: int32>>} or {@code dictionary<values=utf8, indices=int8>}.
     */
    public String describeType()
    {
        StringBuilder description = new StringBuilder(type.toString());
        if (!children.isEmpty()) {
            description.append('<');
            for (int i = 0; i < children.size(); i++) {
                if (i > 0) {
                    description.append(", ");
                }
                ArrowField child = children.get(i);
                if (type instanceof ArrowType.Struct) {
                    description.append(child.name()).append(": ");
                }
                description.append(child.describeType());
            }
            description.append('>');
        }
        if (dictionary != null) {
            return "dictionary<values=%s, indices=%s>".formatted(description, dictionary.indexType());
        }
        return description.toString();
    }

    /**
     * @param indexType an integer type of width 8, 16, 32 or 64
     */
    public record DictionaryEncoding(long id, ArrowType.Int indexType)
    {
        public DictionaryEncoding
        {
            requireNonNull(indexType, "indexType is null");
        }
    }
}
