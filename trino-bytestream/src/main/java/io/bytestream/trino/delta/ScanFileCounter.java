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

package io.bytestream.trino.delta;

import io.delta.kernel.engine.MetricsReporter;
import io.delta.kernel.metrics.MetricsReport;
import io.delta.kernel.metrics.ScanReport;

import java.util.OptionalLong;

/**
 * Takes from kernel's report of a scan how many active data files the log held before any was pruned.
 */
final class ScanFileCounter
        implements MetricsReporter
{
    private volatile OptionalLong activeFiles = OptionalLong.empty();

    @Override
    public void report(MetricsReport report)
    {
        if (report instanceof ScanReport scan) {
            activeFiles = OptionalLong.of(scan.getScanMetrics().getNumActiveAddFiles());
        }
    }

    /** Empty until kernel has reported a scan it went through to the end. */
    OptionalLong activeFiles()
    {
        return activeFiles;
    }
}
