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

package io.bytestream.trino.reader;

import io.bytestream.arrow.DecodedBatch;
import io.bytestream.trino.delta.DataFile;
import io.trino.spi.Page;
import io.trino.spi.block.Block;
import io.trino.spi.block.RunLengthEncodedBlock;
import io.trino.spi.connector.SchemaTableName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.airlift.slice.Slices.utf8Slice;
import static io.bytestream.trino.error.BytestreamErrorCode.BYTESTREAM_BAD_DELTA_LOG;
import static io.bytestream.trino.reader.TestingRecordFiles.VERSION;
import static io.trino.spi.predicate.Utils.nativeValueToBlock;
import static io.trino.spi.type.BigintType.BIGINT;
import static io.trino.spi.type.DateType.DATE;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static io.trino.spi.type.Decimals.readBigDecimal;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static io.trino.testing.assertions.TrinoExceptionAssert.assertTrinoExceptionThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

class TestPageAssembler
{
    private static final SchemaTableName TABLE = new SchemaTableName("ops", "entries");
    private static final DataFile FILE = new DataFile("local:///t/day=2024-05-01/part-0.parquet", 100, 0, partitionValues());

    // $path, name, $version, $day, $node_id
    private final RecordColumns columns = RecordColumns.builder("content", Optional.of(VERSION))
            .path(VARCHAR)
            .inner("name", VARCHAR)
            .outer("version", BIGINT)
            .partition("day", DATE)
            .partition("node_id", VARCHAR)
            .build();
    private final PageAssembler assembler = new PageAssembler(TABLE, columns);

    @Test
    void testFileValues()
    {
        Block[] values = assembler.fileValues(FILE);
        assertThat(VARCHAR.getSlice(values[0], 0).toStringUtf8()).isEqualTo(FILE.path());
        assertThat(values[1]).isNull();
        assertThat(values[2]).isNull();
        assertThat(DATE.getLong(values[3], 0)).isEqualTo(19844);
        // a null partition value
        assertThat(values[4].isNull(0)).isTrue();
    }

    @Test
    void testRecordValuesTakeOuterColumnsFromTheFile()
    {
        Block[] fileValues = assembler.fileValues(FILE);
        List<Integer> asked = new ArrayList<>();
        Block[] values = assembler.recordValues(fileValues, fileChannel -> {
            asked.add(fileChannel);
            return nativeValueToBlock(BIGINT, 7L);
        });
        // the content is file column 0, the outer version column 1
        assertThat(asked).containsExactly(1);
        assertThat(BIGINT.getLong(values[2], 0)).isEqualTo(7);
        assertThat(values[0]).isSameAs(fileValues[0]);
        assertThat(fileValues[2]).isNull();
    }

    @Test
    void testPageRepeatsTheRecordsValues()
    {
        Block[] values = assembler.recordValues(assembler.fileValues(FILE), _ -> nativeValueToBlock(BIGINT, 7L));
        Block threeNames = VARCHAR.createBlockBuilder(null, 3)
                .writeEntry(utf8Slice("a"))
                .writeEntry(utf8Slice("b"))
                .writeEntry(utf8Slice("c"))
                .build();
        Page page = assembler.page(new DecodedBatch(3, new Block[] {threeNames}), values);
        assertThat(page.getPositionCount()).isEqualTo(3);
        assertThat(page.getChannelCount()).isEqualTo(5);
        assertThat(page.getBlock(1)).isSameAs(threeNames);
        for (int channel : new int[] {0, 2, 3, 4}) {
            assertThat(page.getBlock(channel)).isInstanceOf(RunLengthEncodedBlock.class);
            assertThat(page.getBlock(channel).getPositionCount()).isEqualTo(3);
        }
        assertThat(BIGINT.getLong(page.getBlock(2), 2)).isEqualTo(7);
    }

    @Test
    void testDecimalPartitionValues()
    {
        DataFile file = new DataFile("local:///t/part-0.parquet", 100, 0, Map.of("amount", "-0.10", "total", "12345678901234567890.5"));
        PageAssembler decimals = new PageAssembler(TABLE, RecordColumns.builder("content", Optional.empty())
                .partition("amount", createDecimalType(5, 2))
                .partition("total", createDecimalType(25, 3))
                .build());
        Block[] values = decimals.fileValues(file);
        assertThat(readBigDecimal(createDecimalType(5, 2), values[0], 0)).isEqualTo(new BigDecimal("-0.10"));
        assertThat(readBigDecimal(createDecimalType(25, 3), values[1], 0)).isEqualTo(new BigDecimal("12345678901234567890.500"));
    }

    @Test
    void testMalformedPartitionValue()
    {
        DataFile file = new DataFile("local:///t/day=2024-13-01/part-0.parquet", 100, 0, Map.of("day", "2024-13-01"));
        assertTrinoExceptionThrownBy(() -> assembler.fileValues(file))
                .hasErrorCode(BYTESTREAM_BAD_DELTA_LOG)
                .hasMessage("Table ops.entries: cannot parse partition value '2024-13-01' of column day (date) for data file local:///t/day=2024-13-01/part-0.parquet in the Delta log: not a date (yyyy-MM-dd)");
    }

    @Test
    void testBatchWithoutRowsHasNoPage()
    {
        assertThat(assembler.page(new DecodedBatch(0, new Block[] {VARCHAR.createBlockBuilder(null, 0).build()}), new Block[5])).isNull();
    }

    @Test
    void testCountPagesSplitLargeCounts()
    {
        PageAssembler countOnly = new PageAssembler(TABLE, RecordColumns.builder("content", Optional.empty()).partition("node_id", VARCHAR).build());
        Block[] values = countOnly.fileValues(FILE);
        List<Page> pages = new ArrayList<>();
        countOnly.countPages(2L * PageAssembler.MAX_ROWS_PER_COUNT_PAGE + 5, values, pages::add);
        assertThat(pages).extracting(Page::getPositionCount).containsExactly(PageAssembler.MAX_ROWS_PER_COUNT_PAGE, PageAssembler.MAX_ROWS_PER_COUNT_PAGE, 5);
        pages.clear();
        countOnly.countPages(0, values, pages::add);
        assertThat(pages).isEmpty();
    }

    @Test
    void testConstantColumnsHaveTheirValueInEveryRow()
    {
        PageAssembler withConstants = new PageAssembler(TABLE, RecordColumns.builder("content", Optional.empty())
                .constant(VARCHAR, utf8Slice("insert"))
                .inner("name", VARCHAR)
                .constant(BIGINT, 7L)
                .constant(BIGINT, null)
                .build());
        Block[] values = withConstants.recordValues(withConstants.fileValues(FILE), _ -> {
            throw new AssertionError("no column of the data file is read");
        });
        Block twoNames = VARCHAR.createBlockBuilder(null, 2).writeEntry(utf8Slice("a")).writeEntry(utf8Slice("b")).build();
        Page page = withConstants.page(new DecodedBatch(2, new Block[] {twoNames}), values);
        assertThat(VARCHAR.getSlice(page.getBlock(0), 1).toStringUtf8()).isEqualTo("insert");
        assertThat(page.getBlock(1)).isSameAs(twoNames);
        assertThat(BIGINT.getLong(page.getBlock(2), 1)).isEqualTo(7);
        assertThat(page.getBlock(3).isNull(1)).isTrue();
        // rows counted without decoding them still carry the constants
        List<Page> pages = new ArrayList<>();
        new PageAssembler(TABLE, RecordColumns.builder("content", Optional.empty()).constant(BIGINT, 7L).build()).countPages(3, new Block[] {nativeValueToBlock(BIGINT, 7L)}, pages::add);
        assertThat(pages).extracting(Page::getPositionCount).containsExactly(3);
        assertThat(BIGINT.getLong(pages.getFirst().getBlock(0), 2)).isEqualTo(7);
    }

    private static Map<String, String> partitionValues()
    {
        Map<String, String> values = new HashMap<>();
        values.put("day", "2024-05-01");
        values.put("node_id", null);
        return values;
    }
}
