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

/**
 * The buffers one node of each Arrow type occupies in a record batch, in order, and how each buffer's
 * elements are made of multi-byte numbers: what a big-endian body needs converted, and how many buffers
 * a field the query does not read takes up. The only description of the layouts: the exhaustive switch over
 * {@link ArrowType} makes a new type a compile error here until its layout is written down.
 * The variadic data buffers of views (raw bytes) follow a view node's two buffers and are not listed;
 * their number comes with each batch.
 */
public final class BufferLayout
{
    private BufferLayout() {}

    /**
     * How the elements of one buffer are laid out.
     */
    public enum Element
    {
        /** Bytes or bits: validity and boolean bitmaps, int8, utf8/binary data, fixed_size_binary, union type ids. */
        BYTES(1),
        INT16(2),
        INT32(4),
        INT64(8),
        /** decimal128: one 16-byte two's complement number. */
        INT128(16),
        /** decimal256: one 32-byte two's complement number. */
        INT256(32),
        /** interval[month_day_nano]: int32 months, int32 days, int64 nanoseconds. */
        MONTH_DAY_NANO(16),
        /**
         * utf8_view and binary_view: an int32 length, then up to 12 inline bytes, or for a longer value a
         * 4-byte prefix (raw bytes), an int32 buffer index and an int32 offset.
         */
        VIEW(16);

        private final int byteWidth;

        Element(int byteWidth)
        {
            this.byteWidth = byteWidth;
        }

        public int byteWidth()
        {
            return byteWidth;
        }

        static Element integer(int byteWidth)
        {
            return switch (byteWidth) {
                case 1 -> BYTES;
                case 2 -> INT16;
                case 4 -> INT32;
                case 8 -> INT64;
                case 16 -> INT128;
                case 32 -> INT256;
                default -> throw new IllegalArgumentException("no integer of %s bytes".formatted(byteWidth));
            };
        }
    }

    /**
     * The buffers of one node of the field: for a dictionary-encoded field validity and indices.
     */
    public static List<Element> of(ArrowField field)
    {
        if (field.isDictionaryEncoded()) {
            return List.of(Element.BYTES, Element.integer(field.dictionary().indexType().byteWidth()));
        }
        return of(field.type());
    }

    static List<Element> of(ArrowType type)
    {
        return switch (type) {
            case ArrowType.Bool _ -> List.of(Element.BYTES, Element.BYTES);
            case ArrowType.Int(int bitWidth, boolean _) -> List.of(Element.BYTES, Element.integer(bitWidth / 8));
            case ArrowType.FloatingPoint(int bitWidth) -> List.of(Element.BYTES, Element.integer(bitWidth / 8));
            // a decimal is one integer of its full width, not a sequence of 64-bit words
            case ArrowType.Decimal(int _, int _, int bitWidth) -> List.of(Element.BYTES, Element.integer(bitWidth / 8));
            case ArrowType.VariableWidth(boolean _, boolean largeOffsets) -> List.of(Element.BYTES, offsets(largeOffsets), Element.BYTES);
            case ArrowType.FixedSizeBinary _ -> List.of(Element.BYTES, Element.BYTES);
            case ArrowType.Date(boolean milliseconds) -> List.of(Element.BYTES, milliseconds ? Element.INT64 : Element.INT32);
            case ArrowType.Time time -> List.of(Element.BYTES, Element.integer(time.byteWidth()));
            case ArrowType.Timestamp _, ArrowType.Duration _ -> List.of(Element.BYTES, Element.INT64);
            case ArrowType.Interval(ArrowType.IntervalUnit unit) -> List.of(Element.BYTES, switch (unit) {
                case YEAR_MONTH -> Element.INT32;
                // two int32: days and milliseconds
                case DAY_TIME -> Element.INT32;
                case MONTH_DAY_NANO -> Element.MONTH_DAY_NANO;
            });
            case ArrowType.List(boolean largeOffsets) -> List.of(Element.BYTES, offsets(largeOffsets));
            case ArrowType.FixedSizeList _, ArrowType.Struct _ -> List.of(Element.BYTES);
            case ArrowType.Map _ -> List.of(Element.BYTES, Element.INT32);
            case ArrowType.Null _, ArrowType.RunEndEncoded _ -> List.of();
            case ArrowType.Union union -> union(union);
            case ArrowType.View _ -> List.of(Element.BYTES, Element.VIEW);
            case ArrowType.ListView(boolean largeOffsets) -> List.of(Element.BYTES, offsets(largeOffsets), offsets(largeOffsets));
        };
    }

    private static List<Element> union(ArrowType.Union union)
    {
        // [validity (before V5)], type ids, [offsets (dense)]
        if (union.validityBuffer()) {
            return union.dense() ? List.of(Element.BYTES, Element.BYTES, Element.INT32) : List.of(Element.BYTES, Element.BYTES);
        }
        return union.dense() ? List.of(Element.BYTES, Element.INT32) : List.of(Element.BYTES);
    }

    private static Element offsets(boolean large)
    {
        return large ? Element.INT64 : Element.INT32;
    }
}
