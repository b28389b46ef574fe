package io.bytestream.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
