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

import io.bytestream.arrow.schema.ArrowField.DictionaryEncoding;
import io.bytestream.arrow.schema.ArrowType.IntervalUnit;
import io.bytestream.arrow.schema.ArrowType.TimeUnit;
import io.bytestream.arrow.schema.BufferLayout.Element;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.bytestream.arrow.schema.BufferLayout.Element.INT128;
import static io.bytestream.arrow.schema.BufferLayout.Element.INT16;
import static io.bytestream.arrow.schema.BufferLayout.Element.INT256;
import static io.bytestream.arrow.schema.BufferLayout.Element.INT32;
import static io.bytestream.arrow.schema.BufferLayout.Element.INT64;
import static io.bytestream.arrow.schema.BufferLayout.Element.MONTH_DAY_NANO;
import static io.bytestream.arrow.schema.BufferLayout.Element.VIEW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buffer layouts against the buffer listing of the Arrow columnar format
 * (https://arrow.apache.org/docs/format/Columnar.html#buffer-listing-for-each-layout).
 */
class TestBufferLayout
{
    // the names of the format's listing for the buffers of bits or bytes
    private static final Element VALIDITY = Element.BYTES;
    private static final Element DATA = Element.BYTES;
    private static final Element TYPE_IDS = Element.BYTES;
    private static final Element OFFSETS = INT32;
    private static final Element LARGE_OFFSETS = INT64;

    @Test
    void testPrimitiveLayouts()
    {
        // validity, data
        assertThat(BufferLayout.of(new ArrowType.Bool())).containsExactly(VALIDITY, DATA);
        assertThat(BufferLayout.of(new ArrowType.Int(8, false))).containsExactly(VALIDITY, DATA);
        assertThat(BufferLayout.of(new ArrowType.Int(16, true))).containsExactly(VALIDITY, INT16);
        assertThat(BufferLayout.of(new ArrowType.FloatingPoint(32))).containsExactly(VALIDITY, INT32);
        assertThat(BufferLayout.of(new ArrowType.Date(false))).containsExactly(VALIDITY, INT32);
        assertThat(BufferLayout.of(new ArrowType.Date(true))).containsExactly(VALIDITY, INT64);
        assertThat(BufferLayout.of(new ArrowType.Time(TimeUnit.SECOND))).containsExactly(VALIDITY, INT32);
        assertThat(BufferLayout.of(new ArrowType.Time(TimeUnit.NANOSECOND))).containsExactly(VALIDITY, INT64);
        assertThat(BufferLayout.of(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"))).containsExactly(VALIDITY, INT64);
        assertThat(BufferLayout.of(new ArrowType.Duration(TimeUnit.MILLISECOND))).containsExactly(VALIDITY, INT64);
        assertThat(BufferLayout.of(new ArrowType.Interval(IntervalUnit.DAY_TIME))).containsExactly(VALIDITY, INT32);
        assertThat(BufferLayout.of(new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO))).containsExactly(VALIDITY, MONTH_DAY_NANO);
        assertThat(BufferLayout.of(new ArrowType.Decimal(5, 2, 32))).containsExactly(VALIDITY, INT32);
        assertThat(BufferLayout.of(new ArrowType.Decimal(20, 2, 128))).containsExactly(VALIDITY, INT128);
        assertThat(BufferLayout.of(new ArrowType.Decimal(40, 2, 256))).containsExactly(VALIDITY, INT256);
        assertThat(BufferLayout.of(new ArrowType.FixedSizeBinary(3))).containsExactly(VALIDITY, DATA);
    }

    @Test
    void testVariableWidthLayouts()
    {
        // validity, offsets, data
        assertThat(BufferLayout.of(new ArrowType.VariableWidth(true, false))).containsExactly(VALIDITY, OFFSETS, DATA);
        assertThat(BufferLayout.of(new ArrowType.VariableWidth(false, true))).containsExactly(VALIDITY, LARGE_OFFSETS, DATA);
        // validity, views; the variadic data buffers are counted by each batch
        assertThat(BufferLayout.of(new ArrowType.View(true))).containsExactly(VALIDITY, VIEW);
    }

    @Test
    void testNestedLayouts()
    {
        // validity, offsets
        assertThat(BufferLayout.of(new ArrowType.List(false))).containsExactly(VALIDITY, OFFSETS);
        assertThat(BufferLayout.of(new ArrowType.List(true))).containsExactly(VALIDITY, LARGE_OFFSETS);
        assertThat(BufferLayout.of(new ArrowType.Map(false))).containsExactly(VALIDITY, OFFSETS);
        // validity, offsets, sizes
        assertThat(BufferLayout.of(new ArrowType.ListView(false))).containsExactly(VALIDITY, OFFSETS, OFFSETS);
        assertThat(BufferLayout.of(new ArrowType.ListView(true))).containsExactly(VALIDITY, LARGE_OFFSETS, LARGE_OFFSETS);
        // validity only
        assertThat(BufferLayout.of(new ArrowType.FixedSizeList(2))).containsExactly(VALIDITY);
        assertThat(BufferLayout.of(new ArrowType.Struct())).containsExactly(VALIDITY);
        // no buffers: the nodes of the children hold everything
        assertThat(BufferLayout.of(new ArrowType.Null())).isEmpty();
        assertThat(BufferLayout.of(new ArrowType.RunEndEncoded())).isEmpty();
    }

    @Test
    void testUnionLayouts()
    {
        // since metadata V5: type ids, and for a dense union offsets
        assertThat(BufferLayout.of(new ArrowType.Union(false, List.of(0, 1), false))).containsExactly(TYPE_IDS);
        assertThat(BufferLayout.of(new ArrowType.Union(true, List.of(0, 1), false))).containsExactly(TYPE_IDS, OFFSETS);
        // before V5 a validity buffer came first
        assertThat(BufferLayout.of(new ArrowType.Union(false, List.of(0, 1), true))).containsExactly(VALIDITY, TYPE_IDS);
        assertThat(BufferLayout.of(new ArrowType.Union(true, List.of(0, 1), true))).containsExactly(VALIDITY, TYPE_IDS, OFFSETS);
    }

    @Test
    void testDictionaryEncodedLayouts()
    {
        // validity, indices of the index type; the values come in dictionary batches
        ArrowType utf8 = new ArrowType.VariableWidth(true, false);
        assertThat(BufferLayout.of(dictionaryEncoded(utf8, new ArrowType.Int(8, true)))).containsExactly(VALIDITY, DATA);
        assertThat(BufferLayout.of(dictionaryEncoded(utf8, new ArrowType.Int(32, true)))).containsExactly(VALIDITY, INT32);
        assertThat(BufferLayout.of(dictionaryEncoded(new ArrowType.Struct(), new ArrowType.Int(64, false)))).containsExactly(VALIDITY, INT64);
    }

    private static ArrowField dictionaryEncoded(ArrowType valueType, ArrowType.Int indexType)
    {
        return new ArrowField("field", true, valueType, List.of(), new DictionaryEncoding(0, indexType), null);
    }
}
