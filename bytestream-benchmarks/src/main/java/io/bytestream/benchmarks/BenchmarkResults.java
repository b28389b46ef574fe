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

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Writes a benchmark summary to a file, headed by when and where it was measured.
 */
final class BenchmarkResults
{
    private BenchmarkResults() {}

    static String header()
    {
        Runtime runtime = Runtime.getRuntime();
        return "Measured %s on %d cores (java %s, max heap %d MB). Absolute figures depend on the machine and its load; ratios compare runs made side by side in one process.%n"
                .formatted(Instant.now().truncatedTo(ChronoUnit.SECONDS), runtime.availableProcessors(), Runtime.version(), runtime.maxMemory() >> 20);
    }

    /**
     * Prints the summary whole to the process's standard output: airlift's logging, once initialized, turns
     * {@code System.out} into log lines, which cut a long summary into pieces with log prefixes.
     */
    static void print(String summary)
    {
        PrintStream standardOutput = new PrintStream(new FileOutputStream(FileDescriptor.out), false, UTF_8);
        standardOutput.print(summary);
        standardOutput.flush();
    }

    static void write(Path file, String summary)
    {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, header() + summary);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + file, e);
        }
        System.out.println("Written to " + file.toAbsolutePath());
    }
}
