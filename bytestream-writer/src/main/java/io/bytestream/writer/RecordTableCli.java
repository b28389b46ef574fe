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

package io.bytestream.writer;

import io.delta.kernel.defaults.engine.DefaultEngine;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Command line front end of {@link RecordTableWriter} and {@link SamplePond}.
 */
public final class RecordTableCli
{
    private static final String USAGE = """
            usage:
              sample <root-dir>
              append <table-dir> <node-id> <version> <arrow-ipc-stream-file> [<timestamp ISO-8601>]
              checkpoint <table-dir>
              remove <table-dir> <node-id>
            <table-dir> is a local directory or a URI such as file:///srv/ponds/ops/entries""";
    private static final Pattern URI_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:.*");

    private RecordTableCli() {}

    public static void main(String[] args)
    {
        if (System.getProperty("java.util.logging.config.file") == null) {
            // kernel and Hadoop log every snapshot load and commit; the CLI prints its own results and errors
            Logger.getLogger("").setLevel(Level.SEVERE);
        }
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one command; returns the process exit code.
     */
    public static int run(String[] args, PrintStream out, PrintStream err)
    {
        try {
            List<String> arguments = List.of(args);
            if (arguments.isEmpty()) {
                throw new UsageException("no command given");
            }
            String command = arguments.getFirst();
            List<String> operands = arguments.subList(1, arguments.size());
            switch (command) {
                case "sample" -> {
                    requireOperands(command, operands, 1, 1);
                    out.println(SamplePond.write(Path.of(operands.getFirst())));
                }
                case "append" -> {
                    requireOperands(command, operands, 4, 5);
                    out.println(append(operands));
                }
                case "checkpoint" -> {
                    requireOperands(command, operands, 1, 1);
                    out.println(openTable(operands.getFirst()).checkpoint());
                }
                case "remove" -> {
                    requireOperands(command, operands, 2, 2);
                    out.println(openTable(operands.getFirst()).removeNode(operands.get(1)));
                }
                default -> throw new UsageException("unknown command: " + command);
            }
            return 0;
        }
        catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        catch (RuntimeException e) {
            err.println("error: " + e);
            return 1;
        }
    }

    private static long append(List<String> operands)
    {
        String nodeId = operands.get(1);
        long version = parseVersion(operands.get(2));
        Path contentFile = Path.of(operands.get(3));
        Instant timestamp = operands.size() == 5 ? parseTimestamp(operands.get(4)) : Instant.now().truncatedTo(ChronoUnit.MICROS);
        byte[] content;
        try {
            content = Files.readAllBytes(contentFile);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + contentFile, e);
        }
        return openTable(operands.getFirst()).append(List.of(new Record(nodeId, timestamp, version, content)));
    }

    private static RecordTableWriter openTable(String table)
    {
        if (URI_SCHEME.matcher(table).matches()) {
            return RecordTableWriter.open(DefaultEngine.create(new Configuration()), table);
        }
        return RecordTableWriter.openLocal(Path.of(table));
    }

    private static long parseVersion(String version)
    {
        try {
            return Long.parseLong(version);
        }
        catch (NumberFormatException _) {
            throw new UsageException("version is not a whole number: " + version);
        }
    }

    private static Instant parseTimestamp(String timestamp)
    {
        try {
            return Instant.parse(timestamp);
        }
        catch (DateTimeParseException _) {
            throw new UsageException("timestamp is not ISO-8601 like 2024-03-01T08:00:00.123456Z: " + timestamp);
        }
    }

    private static void requireOperands(String command, List<String> operands, int min, int max)
    {
        if (operands.size() < min || operands.size() > max) {
            throw new UsageException("%s takes %s operands, got %s".formatted(command, min == max ? min : min + " to " + max, operands.size()));
        }
    }

    private static final class UsageException
            extends RuntimeException
    {
        UsageException(String message)
        {
            super(message);
        }
    }
}
