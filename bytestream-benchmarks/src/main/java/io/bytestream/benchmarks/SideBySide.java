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

import io.airlift.log.Logger;
import io.bytestream.benchmarks.QueryTimer.QueryRun;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Runs the bytestream and the Delta Lake form of a query alternately on one cluster: warm-ups first, then
 * measured rounds whose order flips every round, so that drifts in the machine's load fall on both alike.
 */
final class SideBySide
{
    private static final Logger log = Logger.get(SideBySide.class);

    private final QueryTimer timer;
    private final int warmups;
    private final int runs;
    private final String firstName;
    private final String secondName;

    SideBySide(QueryTimer timer, int warmups, int runs)
    {
        this(timer, warmups, runs, "bytestream", "delta_lake");
    }

    /**
     * @param firstName what runs a comparison's {@code pondSql}, as the log names it
     * @param secondName what runs its {@code deltaSql}
     */
    SideBySide(QueryTimer timer, int warmups, int runs, String firstName, String secondName)
    {
        this.timer = requireNonNull(timer, "timer is null");
        this.warmups = warmups;
        this.runs = runs;
        this.firstName = requireNonNull(firstName, "firstName is null");
        this.secondName = requireNonNull(secondName, "secondName is null");
    }

    Result measure(Comparison comparison)
    {
        return measure(comparison, () -> {});
    }

    /**
     * @param beforeEachRun runs before every query, e.g. to flush metadata caches
     */
    Result measure(Comparison comparison, Runnable beforeEachRun)
    {
        for (int i = 0; i < warmups; i++) {
            beforeEachRun.run();
            timer.run(comparison.pondSql());
            beforeEachRun.run();
            timer.run(comparison.deltaSql());
        }
        List<QueryRun> pond = new ArrayList<>();
        List<QueryRun> delta = new ArrayList<>();
        for (int round = 0; round < runs; round++) {
            if (round % 2 == 0) {
                beforeEachRun.run();
                pond.add(timer.run(comparison.pondSql()));
                beforeEachRun.run();
                delta.add(timer.run(comparison.deltaSql()));
            }
            else {
                beforeEachRun.run();
                delta.add(timer.run(comparison.deltaSql()));
                beforeEachRun.run();
                pond.add(timer.run(comparison.pondSql()));
            }
        }
        Result result = new Result(comparison, pond, delta);
        log.info("%s: %s %.0f ms, %s %.0f ms (medians of %s)", comparison.name(), firstName, result.pondWallMillis(), secondName, result.deltaWallMillis(), runs);
        return result;
    }

    /**
     * @param target the performance target for the ratio bytestream/delta_lake, as text
     */
    record Comparison(String name, String pondSql, String deltaSql, String target) {}

    record Result(Comparison comparison, List<QueryRun> pond, List<QueryRun> delta)
    {
        double pondWallMillis()
        {
            return Medians.median(pond, QueryRun::wallMillis);
        }

        double deltaWallMillis()
        {
            return Medians.median(delta, QueryRun::wallMillis);
        }

        double pondCpuMillis()
        {
            return Medians.median(pond, QueryRun::cpuMillis);
        }

        double deltaCpuMillis()
        {
            return Medians.median(delta, QueryRun::cpuMillis);
        }

        double pondPlanningMillis()
        {
            return Medians.median(pond, QueryRun::planningMillis);
        }

        double deltaPlanningMillis()
        {
            return Medians.median(delta, QueryRun::planningMillis);
        }

        double pondPhysicalInputBytes()
        {
            return Medians.median(pond, QueryRun::physicalInputBytes);
        }

        double deltaPhysicalInputBytes()
        {
            return Medians.median(delta, QueryRun::physicalInputBytes);
        }

        double wallRatio()
        {
            return pondWallMillis() / deltaWallMillis();
        }

        double cpuRatio()
        {
            return pondCpuMillis() / deltaCpuMillis();
        }
    }
}
