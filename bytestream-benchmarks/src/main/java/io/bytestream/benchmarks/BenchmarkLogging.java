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
