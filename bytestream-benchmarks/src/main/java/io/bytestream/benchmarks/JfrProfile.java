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

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/**
 * Records a workload with Java Flight Recorder's sampling profiler in this JVM (which hosts the whole
 * in-process cluster) and summarises the CPU samples: each sample is charged to the component of the
 * frame nearest its leaf that belongs to a known component, so that e.g. a JDK array copy called by the
 * IPC decoder counts as IPC decoding. Only Java frames on the CPU are sampled (jdk.ExecutionSample).
 * Can also be run on its own: {@code java ... io.bytestream.benchmarks.JfrProfile file.jfr}.
 */
public final class JfrProfile
{
    // first match wins, so more specific prefixes come first
    private static final List<Component> COMPONENTS = List.of(
            new Component("bytestream-arrow: IPC decoding into blocks", "io.bytestream.arrow."),
            new Component("benchmark harness", "io.bytestream.benchmarks.", "org.openjdk.jmh."),
            new Component("bytestream: page source, Delta glue, file system", "io.bytestream."),
            new Component("Parquet decoding in parquet-mr (via delta-kernel)", "org.apache.parquet.", "shaded.parquet.", "io.delta.kernel.defaults.internal.parquet."),
            new Component("delta-kernel: scan, log replay, column vectors", "io.delta.kernel."),
            new Component("decompression (snappy, zstd, ...)", "org.xerial.snappy.", "io.airlift.compress.", "com.github.luben.zstd.", "org.apache.hadoop.io.compress."),
            new Component("Hadoop (configuration, file system)", "org.apache.hadoop."),
            new Component("Trino Parquet reader", "io.trino.parquet."),
            new Component("Trino Delta Lake connector", "io.trino.plugin.deltalake."),
            new Component("Trino Hive/metastore/plugin toolkit", "io.trino.plugin.", "io.trino.metastore."),
            new Component("Trino file system", "io.trino.filesystem."),
            new Component("Trino engine: operators, aggregation, blocks, types", "io.trino.$gen.", "io.trino.operator.", "io.trino.spi.", "io.trino.type.", "io.trino.util.", "io.airlift.slice."),
            new Component("Trino engine: scheduling, exchange, serialization, HTTP", "io.trino.", "io.airlift.", "org.eclipse.jetty.", "com.fasterxml.jackson."));
    private static final String UNATTRIBUTED = "other (JDK frames only: GC, compiler, I/O threads, ...)";

    private JfrProfile() {}

    static void record(Path file, Runnable workload)
    {
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.setName(file.getFileName().toString());
            recording.start();
            workload.run();
            recording.stop();
            Files.createDirectories(file.toAbsolutePath().getParent());
            recording.dump(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static String summarize(Path file, String title, int topMethods)
    {
        Map<String, Integer> byComponent = new HashMap<>();
        Map<String, Map<String, Integer>> leafMethodsByComponent = new HashMap<>();
        Map<String, Integer> byLeafMethod = new HashMap<>();
        int samples = 0;
        Duration gcPauses = Duration.ZERO;
        int collections = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                if (type.equals("jdk.GarbageCollection")) {
                    gcPauses = gcPauses.plus(event.getDuration("sumOfPauses"));
                    collections++;
                    continue;
                }
                if (!type.equals("jdk.ExecutionSample") || event.getStackTrace() == null || event.getStackTrace().getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                RecordedStackTrace stack = event.getStackTrace();
                String leaf = methodName(stack.getFrames().getFirst());
                String component = component(stack);
                byComponent.merge(component, 1, Integer::sum);
                byLeafMethod.merge(leaf, 1, Integer::sum);
                leafMethodsByComponent.computeIfAbsent(component, _ -> new HashMap<>()).merge(leaf, 1, Integer::sum);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        StringBuilder text = new StringBuilder();
        text.append("%s: %,d CPU samples (JFR, Java frames on CPU, all threads of the JVM); %d GCs, %,d ms in pauses; %s%n"
                .formatted(title, samples, collections, gcPauses.toMillis(), displayed(file)));
        text.append("  by component (a sample goes to the known component nearest its leaf frame):%n".formatted());
        for (Entry<String, Integer> entry : sortedDescending(byComponent)) {
            text.append("  %5.1f%%  %s%n".formatted(100.0 * entry.getValue() / samples, entry.getKey()));
            List<Entry<String, Integer>> leaves = sortedDescending(leafMethodsByComponent.get(entry.getKey()));
            for (Entry<String, Integer> leaf : leaves.subList(0, Math.min(3, leaves.size()))) {
                text.append("           %5.1f%%  %s%n".formatted(100.0 * leaf.getValue() / samples, leaf.getKey()));
            }
        }
        text.append("  top leaf methods (self time):%n".formatted());
        List<Entry<String, Integer>> leaves = sortedDescending(byLeafMethod);
        for (Entry<String, Integer> entry : leaves.subList(0, Math.min(topMethods, leaves.size()))) {
            text.append("  %5.1f%%  %s%n".formatted(100.0 * entry.getValue() / samples, entry.getKey()));
        }
        return text.toString();
    }

    private static String component(RecordedStackTrace stack)
    {
        for (RecordedFrame frame : stack.getFrames()) {
            if (!frame.isJavaFrame()) {
                continue;
            }
            String className = frame.getMethod().getType().getName();
            for (Component component : COMPONENTS) {
                if (component.contains(className)) {
                    return component.name();
                }
            }
        }
        return UNATTRIBUTED;
    }

    private static String methodName(RecordedFrame frame)
    {
        String className = frame.getMethod().getType().getName();
        return className.substring(className.lastIndexOf('.') + 1) + "." + frame.getMethod().getName() + "  [" + className.substring(0, Math.max(0, className.lastIndexOf('.'))) + "]";
    }

    private static List<Entry<String, Integer>> sortedDescending(Map<String, Integer> counts)
    {
        return counts.entrySet().stream()
                .sorted(Comparator.<Entry<String, Integer>>comparingInt(Entry::getValue).reversed().thenComparing(Entry::getKey))
                .toList();
    }

    /**
     * The recording's path relative to the working directory when it lies below it, so that summaries
     * kept in the repository name no folder of the machine they were made on.
     */
    private static Path displayed(Path file)
    {
        Path workingDirectory = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute) : absolute;
    }

    public static void main(String[] args)
    {
        for (String file : args) {
            System.out.println(summarize(Path.of(file), Path.of(file).getFileName().toString(), 25));
        }
    }

    private record Component(String name, List<String> packagePrefixes)
    {
        Component(String name, String... packagePrefixes)
        {
            this(name, List.of(packagePrefixes));
        }

        boolean contains(String className)
        {
            return packagePrefixes.stream().anyMatch(className::startsWith);
        }
    }
}
