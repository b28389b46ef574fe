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

package io.bytestream.benchmarks;

import io.trino.execution.QueryInfo;
import io.trino.execution.QueryStats;
import io.trino.spi.QueryId;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;
import io.trino.testing.QueryRunner.MaterializedResultWithPlan;

import static java.util.Objects.requireNonNull;

/**
 * Runs queries on the coordinator and reads their statistics once the query info is final.
 */
final class QueryTimer
{
    private static final long FINAL_INFO_TIMEOUT_NANOS = 10_000_000_000L;

    private final DistributedQueryRunner queryRunner;

    QueryTimer(DistributedQueryRunner queryRunner)
    {
        this.queryRunner = requireNonNull(queryRunner, "queryRunner is null");
    }

    MaterializedResult execute(String sql)
    {
        return queryRunner.execute(sql);
    }

    QueryRun run(String sql)
    {
        long start = System.nanoTime();
        MaterializedResultWithPlan result = queryRunner.executeWithPlan(queryRunner.getDefaultSession(), sql);
        long wallNanos = System.nanoTime() - start;
        QueryStats stats = finalQueryInfo(result.queryId()).getQueryStats();
        return new QueryRun(
                wallNanos / 1e6,
                stats.getTotalCpuTime().toMillis(),
                stats.getPlanningTime().toMillis(),
                stats.getPhysicalInputDataSize().toBytes(),
                stats.getPhysicalInputPositions(),
                result.result());
    }

    private QueryInfo finalQueryInfo(QueryId queryId)
    {
        long deadline = System.nanoTime() + FINAL_INFO_TIMEOUT_NANOS;
        while (true) {
            QueryInfo info = queryRunner.getCoordinator().getQueryManager().getFullQueryInfo(queryId);
            if (info.isFinalQueryInfo() || System.nanoTime() > deadline) {
                return info;
            }
            try {
                Thread.sleep(10);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeException(e);
            }
        }
    }

    /**
     * @param cpuMillis the query's total CPU time over all nodes (less sensitive than wall time to other load on the machine)
     */
    record QueryRun(double wallMillis, long cpuMillis, long planningMillis, long physicalInputBytes, long physicalInputPositions, MaterializedResult result) {}
}
