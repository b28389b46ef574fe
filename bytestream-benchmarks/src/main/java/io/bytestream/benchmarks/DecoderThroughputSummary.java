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

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the JMH results of {@link BenchmarkIpcDecoder} (operations per second, one operation being one
 * pass over an {@link IpcCorpus}) into GB/s of IPC bytes and the ratios the performance targets name.
 */
final class DecoderThroughputSummary
{
    static final double DECODER_TARGET_GB_PER_SECOND = 1.5;
    static final double MEMCPY_TARGET_RATIO = 2.0;

    private DecoderThroughputSummary() {}

    static String format(Collection<RunResult> results)
    {
        // rows per record -> benchmark method -> result
        Map<Integer, Map<String, Result<?>>> byRecordSize = new TreeMap<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            int rowsPerRecord = Integer.parseInt(result.getParams().getParam("rowsPerRecord"));
            byRecordSize.computeIfAbsent(rowsPerRecord, _ -> new TreeMap<>()).put(method, result.getPrimaryResult());
        }

        StringBuilder text = new StringBuilder();
        text.append("Arrow IPC decoding, one thread (JMH, throughput; 1 GB = 10^9 IPC stream bytes; error = 99.9%% confidence half-width)%n".formatted());
        for (Map.Entry<Integer, Map<String, Result<?>>> entry : byRecordSize.entrySet()) {
            IpcCorpus corpus = IpcCorpus.create(entry.getKey());
            long bytes = corpus.totalBytes();
            text.append("%nrecords of %,d rows — %s%n".formatted(entry.getKey(), corpus.describe()));
            text.append("  %-16s %10s %10s %14s%n".formatted("benchmark", "GB/s", "± GB/s", "M rows/s"));
            for (Map.Entry<String, Result<?>> benchmark : entry.getValue().entrySet()) {
                Result<?> result = benchmark.getValue();
                text.append("  %-16s %10.3f %10.3f %14.1f%n".formatted(
                        benchmark.getKey(),
                        gigabytesPerSecond(result.getScore(), bytes),
                        gigabytesPerSecond(finiteOrZero(result.getScoreError()), bytes),
                        result.getScore() * IpcCorpus.ROWS_PER_PASS / 1e6));
            }
            Map<String, Result<?>> scores = entry.getValue();
            if (scores.containsKey("decoder")) {
                double decoder = scores.get("decoder").getScore();
                text.append("  decoder: %.3f GB/s per core (target ≥ %.1f)%n".formatted(gigabytesPerSecond(decoder, bytes), DECODER_TARGET_GB_PER_SECOND));
                if (scores.containsKey("memcpy")) {
                    text.append("  decoder time / memcpy time: %.2f× (target ≤ %.1f×)%n".formatted(scores.get("memcpy").getScore() / decoder, MEMCPY_TARGET_RATIO));
                }
                if (scores.containsKey("copyToNewArray")) {
                    text.append("  decoder time / copy-to-new-array time: %.2f×%n".formatted(scores.get("copyToNewArray").getScore() / decoder));
                }
                if (scores.containsKey("arrowJava")) {
                    text.append("  decoder time / Arrow Java time: %.2f× (below 1 = the decoder is faster)%n".formatted(scores.get("arrowJava").getScore() / decoder));
                }
            }
        }
        return text.toString();
    }

    private static double gigabytesPerSecond(double operationsPerSecond, long bytesPerOperation)
    {
        return operationsPerSecond * bytesPerOperation / 1e9;
    }

    private static double finiteOrZero(double value)
    {
        return Double.isFinite(value) ? value : 0;
    }
}
