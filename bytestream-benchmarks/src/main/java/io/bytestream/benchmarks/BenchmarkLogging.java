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

import io.airlift.log.Level;
import io.airlift.log.Logging;

import java.util.List;

/**
 * Progress of the benchmark at INFO; Trino, Parquet and Hadoop only at WARN, delta-kernel (which warns on
 * every snapshot of a table without checkpoint) only at ERROR.
 */
final class BenchmarkLogging
{
    private static final List<String> QUIET = List.of(
            "io.trino", "io.airlift", "org.apache.parquet", "org.apache.hadoop", "org.eclipse.jetty", "Bootstrap");

    private BenchmarkLogging() {}

    static void initialize()
    {
        Logging logging = Logging.initialize();
        for (String logger : QUIET) {
            logging.setLevel(logger, Level.WARN);
        }
        logging.setLevel("io.delta", Level.ERROR);
    }
}
