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

/**
 * The Arrow type of a field as read from the schema message. The buffers one node of each type occupies
 * in a record batch are listed by {@link BufferLayout}.
 */
public sealed interface ArrowType
{
    record Bool()
            implements ArrowType
    {
        @Override
        public String toString()
        {
            return "bool";
        }
    }

    record Int(int bitWidth, boolean signed)
            implements ArrowType
    {
        public int byteWidth()
        {
            return bitWidth / 8;
        }

        @Override
        public String toString()
        {
            return (signed ? "int" : "uint") + bitWidth;
        }
    }

    record FloatingPoint(int bitWidth)
            implements ArrowType
    {
        @Override
        public String toString()
        {
            return "float" + bitWidth;
        }
    }

    record Decimal(int precision, int scale, int bitWidth)
            implements ArrowType
    {
        @Override
        public String toString()
        {
            return "decimal%s(%s, %s)".formatted(bitWidth, precision, scale);
        }
    }

    /**
     * utf8, large_utf8, binary and large_binary.
     */
    record VariableWidth(boolean utf8, boolean largeOffsets)
            implements ArrowType
    {
        @Override
        public String toString()
        {
            return (largeOffsets ? "large_" : "") + (utf8 ? "utf8" : "binary");
        }
    }

    record FixedSizeBinary(int byteWidth)
            implements ArrowType
    {
        @Override
        public String toString()
        {
            return "fixed_size_binary(%s)".formatted(byteWidth);
        }
    }

    record Date(boolean milliseconds)
            implements ArrowType
    {
        @Override
        public String toString()
        {
            return milliseconds ? "date64" : "date32";
        }
    }

    record Time(TimeUnit unit)
            implements ArrowType
    {
        public int byteWidth()
        {
            return unit.ordinal() <= TimeUnit.MILLISECOND.ordinal() ? 4 : 8;
        }

        @Override
        public String toString()
        {
            return "time%s[%s]".formatted(byteWidth() * 8, unit.abbreviation());
        }
    }

    /**
     * @param timezone the zone name, or null for a timestamp without time zone
     */
    record Timestamp(TimeUnit unit, String timezone)
            implements ArrowType
    {
        @Override
        public String toString()
        {
            if (timezone == null) {
                return "timestamp[%s]".formatted(unit.abbreviation());
            }
            return "timestamp[%s, tz=%s]".formatted(unit.abbreviation(), timezone);
        }
    }

    record List(boolean largeOffsets)
            implements ArrowType
    {
        @Override
        public String toString()
        {
            return largeOffsets ? "large_list" : "list";
        }
    }

    record FixedSizeList(int listSize)
            implements ArrowType
    {
        @Override
        public String toString()
        {
            return "fixed_size_list(%s)".formatted(listSize);
        }
    }

    record Struct()
            implements ArrowType
    {
        @Override
        public String toString()
        {
            return "struct";
        }
    }

    record Map(boolean keysSorted)
            implements ArrowType
    {
        @Override
        public String toString()
        {
            return "map";
        }
    }

    record Null()
            implements ArrowType
    {
        @Override
        public String toString()
        {
            return "null";
        }
    }

    record Interval(IntervalUnit unit)
            implements ArrowType
    {
        @Override
        public String toString()
        {
            return "interval[%s]".formatted(unit.abbreviation());
        }
    }

    record Duration(TimeUnit unit)
            implements ArrowType
    {
        @Override
        public String toString()
        {
            return "duration[%s]".formatted(unit.abbreviation());
        }
    }

    /**
     * A sparse or dense union: type ids (and for dense unions offsets) select a child per position.
     *
     * @param typeIds the type id of each child, in child order
     * @param validityBuffer whether the node also has a validity buffer (streams before metadata V5)
     */
    record Union(boolean dense, java.util.List<Integer> typeIds, boolean validityBuffer)
            implements ArrowType
    {
        public Union
        {
            typeIds = java.util.List.copyOf(typeIds);
        }

        @Override
        public String toString()
        {
            return dense ? "dense_union" : "sparse_union";
        }
    }

    /**
     * Two children, run ends (int16/32/64) and values.
     */
    record RunEndEncoded()
            implements ArrowType
    {
        @Override
        public String toString()
        {
            return "run_end_encoded";
        }
    }

    /**
     * utf8_view and binary_view.
     */
    record View(boolean utf8)
            implements ArrowType
    {
        @Override
        public String toString()
        {
            return utf8 ? "utf8_view" : "binary_view";
        }
    }

    /**
     * list_view and large_list_view.
     */
    record ListView(boolean largeOffsets)
            implements ArrowType
    {
        @Override
        public String toString()
        {
            return largeOffsets ? "large_list_view" : "list_view";
        }
    }

    enum IntervalUnit
    {
        YEAR_MONTH("year_month"),
        DAY_TIME("day_time"),
        MONTH_DAY_NANO("month_day_nano");

        private final String abbreviation;

        IntervalUnit(String abbreviation)
        {
            this.abbreviation = abbreviation;
        }

        String abbreviation()
        {
            return abbreviation;
        }
    }

    enum TimeUnit
    {
        SECOND("s", 0),
        MILLISECOND("ms", 3),
        MICROSECOND("us", 6),
        NANOSECOND("ns", 9);

        private final String abbreviation;
        private final int precision;

        TimeUnit(String abbreviation, int precision)
        {
            this.abbreviation = abbreviation;
            this.precision = precision;
        }

        String abbreviation()
        {
            return abbreviation;
        }

        /**
         * Number of fractional second digits, i.e. the Trino precision of this unit.
         */
        int precision()
        {
            return precision;
        }
    }
}
