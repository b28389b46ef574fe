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

package io.bytestream.trino;

import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.RecordTableWriter;
import io.trino.Session;
import io.trino.execution.QueryStats;
import io.trino.operator.OperatorStats;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import io.trino.testing.QueryRunner.MaterializedResultWithPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static com.google.common.collect.MoreCollectors.onlyElement;
import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.NODE_B;
import static io.bytestream.trino.TestingPond.record;
import static io.trino.spi.StandardErrorCode.EXCEEDED_LOCAL_MEMORY_LIMIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory a big record's batches take while they are read is accounted to the query: it shows in the query's peak
 * memory, and a query over the memory limit fails with Trino's memory limit error instead of running the worker out of heap.
 */
final class TestBytestreamMemory
        extends AbstractTestQueryFramework
{
    private static final int BIG_BATCHES = 2;
    private static final int BIG_ROWS_PER_BATCH = 100_000;
    private static final long BIG_SEED = 71;

    private Path root;
    private int bigRecordSize;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = Files.createTempDirectory("bytestream-memory");
        byte[] big = ArrowStreams.entries(BIG_BATCHES, BIG_ROWS_PER_BATCH, BIG_SEED);
        bigRecordSize = big.length;
        RecordTableWriter.openLocal(root.resolve("mem/big")).append(List.of(
                record(NODE_A, 1, big),
                record(NODE_B, 1, ArrowStreams.entries(1, 3, 72))));
        return BytestreamQueryRunner.builder(root).setWorkerCount(1).build();
    }

    @AfterAll
    void deletePond()
            throws IOException
    {
        deleteRecursively(root, ALLOW_INSECURE);
    }

    @Test
    void testBigRecordShowsInPeakMemory()
    {
        long rows = (long) BIG_BATCHES * BIG_ROWS_PER_BATCH;
        long nameLength = IntStream.range(0, (int) rows).mapToLong(row -> ArrowStreams.entryName(BIG_SEED, row).length()).sum();
        MaterializedResultWithPlan result = getDistributedQueryRunner().executeWithPlan(getSession(), "SELECT count(*), sum(length(name)) FROM mem.big WHERE \"$node_id\" = '%s'".formatted(NODE_A));
        assertThat(result.result().getMaterializedRows().getFirst().getFields()).containsExactly(rows, nameLength);

        // the query's peak is sampled from the workers' status reports and may miss a short scan; the operator's is exact
        QueryStats queryStats = getDistributedQueryRunner().getCoordinator().getQueryManager().getFullQueryInfo(result.queryId()).getQueryStats();
        OperatorStats scan = queryStats.getOperatorSummaries().stream()
                .filter(operator -> operator.getOperatorType().equals("TableScanOperator") || operator.getOperatorType().equals("ScanFilterAndProjectOperator"))
                .collect(onlyElement());
        long dataFileSize = TestingPond.dataFiles(root.resolve("mem/big"), NODE_A).stream().mapToLong(TestingPond::size).sum();
        System.out.println("Memory: record of %s bytes in a data file of %s bytes; %s peak user memory %s, query peak user memory %s".formatted(
                bigRecordSize, dataFileSize, scan.getOperatorType(), scan.getPeakUserMemoryReservation(), queryStats.getPeakUserMemoryReservation()));
        // the record is read by range: of its batches, one at a time, only the buffers of the column asked for are held,
        // and the decoded page holds at least that batch's names
        assertThat(scan.getPeakUserMemoryReservation().toBytes())
                .isGreaterThanOrEqualTo(nameLength / BIG_BATCHES)
                .isLessThan(bigRecordSize);
    }

    @Test
    void testQueryOverTheMemoryLimitFailsWithTheLimitError()
    {
        Session lowLimit = Session.builder(getSession())
                .setSystemProperty("query_max_memory_per_node", "1MB")
                .build();
        assertThat(query(lowLimit, "SELECT count(*), sum(length(name)) FROM mem.big"))
                .failure()
                .hasErrorCode(EXCEEDED_LOCAL_MEMORY_LIMIT)
                .hasMessageStartingWith("Query exceeded per-node memory limit of 1MB");
        // the small record fits
        assertThat(query(lowLimit, "SELECT count(*) FROM mem.big WHERE \"$node_id\" = '%s' AND name IS NOT NULL".formatted(NODE_B))).matches("VALUES BIGINT '3'");
    }
}
