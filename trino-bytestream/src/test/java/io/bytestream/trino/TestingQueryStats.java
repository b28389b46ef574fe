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

import io.trino.Session;
import io.trino.execution.QueryInfo;
import io.trino.execution.StageInfo;
import io.trino.operator.OperatorStats;
import io.trino.spi.metrics.Count;
import io.trino.spi.metrics.Metric;
import io.trino.spi.metrics.Metrics;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.QueryRunner.MaterializedResultWithPlan;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a query read, from the coordinator's query info: physical input bytes, and the connector's metrics
 * ({@code BytestreamPageSource}'s, {@code SplitPlanningMetrics}') summed over the query.
 */
final class TestingQueryStats
{
    private TestingQueryStats() {}

    static long physicalInputBytes(DistributedQueryRunner queryRunner, Session session, String query)
    {
        return queryInfo(queryRunner, session, query).getQueryStats().getPhysicalInputDataSize().toBytes();
    }

    /** The page sources' metrics, by name, summed over the query's operators. */
    static Map<String, Long> pageSourceMetrics(DistributedQueryRunner queryRunner, Session session, String query)
    {
        return totals(queryInfo(queryRunner, session, query).getQueryStats().getOperatorSummaries().stream().map(OperatorStats::getConnectorMetrics));
    }

    /** The split sources' metrics, by name, summed over the query's stages. */
    static Map<String, Long> splitSourceMetrics(DistributedQueryRunner queryRunner, Session session, String query)
    {
        QueryInfo info = queryInfo(queryRunner, session, query);
        return totals(StageInfo.getAllStages(info.getOutputStage()).stream()
                .flatMap(stage -> stage.getStageStats().getSplitSourceMetrics().values().stream()));
    }

    private static QueryInfo queryInfo(DistributedQueryRunner queryRunner, Session session, String query)
    {
        MaterializedResultWithPlan result = queryRunner.executeWithPlan(session, query);
        return queryRunner.getCoordinator().getQueryManager().getFullQueryInfo(result.queryId());
    }

    private static Map<String, Long> totals(Stream<Metrics> metrics)
    {
        return metrics.flatMap(metric -> metric.getMetrics().entrySet().stream())
                .filter(entry -> entry.getValue() instanceof Count<?>)
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.summingLong(entry -> count(entry.getValue()))));
    }

    private static long count(Metric<?> metric)
    {
        return ((Count<?>) metric).getTotal();
    }
}
