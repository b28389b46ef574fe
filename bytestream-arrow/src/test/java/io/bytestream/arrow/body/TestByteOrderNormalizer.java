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

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.bytestream.arrow.schema.BufferLayout.Element;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conversion of a big-endian buffer's elements to little-endian.
 */
class TestByteOrderNormalizer
{
    @Test
    void testSwapIntegers()
    {
        assertThat(swap("0102 0304 05", Element.INT16)).isEqualTo("0201 0403 05");
        assertThat(swap("01020304 05060708", Element.INT32)).isEqualTo("04030201 08070605");
        assertThat(swap("0102030405060708 0909", Element.INT64)).isEqualTo("0807060504030201 0909");
        assertThat(swap("000102030405060708090a0b0c0d0e0f", Element.INT128)).isEqualTo("0f0e0d0c0b0a09080706050403020100");
        assertThat(swap("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", Element.INT256))
                .isEqualTo("1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100");
        assertThat(swap("0102", Element.BYTES)).isEqualTo("0102");
    }

    @Test
    void testSwapMonthDayNano()
    {
        // months 1, days -2, nanoseconds 3
        assertThat(swap("00000001 fffffffe 0000000000000003", Element.MONTH_DAY_NANO)).isEqualTo("01000000 feffffff 0300000000000000");
    }

    @Test
    void testSwapViews()
    {
        // inline: length 5 then "hello" and padding, all raw
        assertThat(swap("00000005 68656c6c6f00000000000000", Element.VIEW)).isEqualTo("05000000 68656c6c6f00000000000000");
        // length 12 is still inline
        assertThat(swap("0000000c 68656c6c6f2c20776f726c64", Element.VIEW)).isEqualTo("0c000000 68656c6c6f2c20776f726c64");
        // out of line: length 20, prefix "abcd" raw, buffer index 1, offset 258
        assertThat(swap("00000014 61626364 00000001 00000102", Element.VIEW)).isEqualTo("14000000 61626364 01000000 02010000");
    }

    /**
     * Swaps {@code hex} (spaces ignored) as one buffer at an offset of a larger slice, and returns the result
     * with the input's spacing.
     */
    private static String swap(String hex, Element element)
    {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        Slice data = Slices.allocate(bytes.length + 6);
        data.setBytes(3, bytes);
        ByteOrderNormalizer.swap(data, 3, bytes.length, element);
        assertThat(data.getByte(0)).isZero();
        assertThat(data.getByte(bytes.length + 5)).isZero();
        String swapped = HexFormat.of().formatHex(data.getBytes(3, bytes.length));
        StringBuilder spaced = new StringBuilder();
        int next = 0;
        for (char c : hex.toCharArray()) {
            spaced.append(c == ' ' ? ' ' : swapped.charAt(next++));
        }
        return spaced.toString();
    }
}
