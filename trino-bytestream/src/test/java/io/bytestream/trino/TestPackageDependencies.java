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

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the plugin's package arrows one-way: the SPI package on top, its sub-packages below it, no cycles, and
 * delta-kernel seen by one package only.
 */
class TestPackageDependencies
{
    private static final String PLUGIN_PACKAGE = "io.bytestream.trino";
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?((?:io\\.bytestream|io\\.delta)(?:\\.[a-z]\\w*)*)\\.[A-Z]", Pattern.MULTILINE);

    private final Map<String, Set<String>> imports = packageImports(Path.of("src/main/java"));

    @Test
    void testOnlyTheDeltaPackageSeesDeltaKernel()
    {
        Set<String> kernelUsers = new TreeSet<>();
        imports.forEach((name, imported) -> {
            if (imported.stream().anyMatch(target -> target.startsWith("io.delta."))) {
                kernelUsers.add(name);
            }
        });
        assertThat(kernelUsers).containsExactly(PLUGIN_PACKAGE + ".delta");
    }

    @Test
    void testSubPackagesNeverImportTheSpiPackage()
    {
        imports.forEach((name, imported) -> {
            if (!name.equals(PLUGIN_PACKAGE)) {
                assertThat(imported).as(name).doesNotContain(PLUGIN_PACKAGE);
            }
        });
    }

    @Test
    void testNoCycles()
    {
        Set<String> done = new HashSet<>();
        for (String name : imports.keySet()) {
            assertNoCycle(name, new HashSet<>(), done);
        }
        assertThat(done).containsAll(imports.keySet());
    }

    private void assertNoCycle(String name, Set<String> path, Set<String> done)
    {
        if (done.contains(name)) {
            return;
        }
        assertThat(path.add(name)).as("cycle through %s: %s", name, path).isTrue();
        for (String target : imports.getOrDefault(name, Set.of())) {
            if (imports.containsKey(target)) {
                assertNoCycle(target, path, done);
            }
        }
        path.remove(name);
        done.add(name);
    }

    /** For each package of the plugin, the other project and delta-kernel packages its classes import. */
    private static Map<String, Set<String>> packageImports(Path sources)
    {
        Map<String, Set<String>> imports = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher packageMatcher = PACKAGE.matcher(text);
                assertThat(packageMatcher.find()).as(file.toString()).isTrue();
                String name = packageMatcher.group(1);
                Set<String> targets = imports.computeIfAbsent(name, _ -> new TreeSet<>());
                Matcher importMatcher = IMPORT.matcher(text);
                while (importMatcher.find()) {
                    if (!importMatcher.group(1).equals(name)) {
                        targets.add(importMatcher.group(1));
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(imports.keySet()).as("packages found").contains(PLUGIN_PACKAGE, PLUGIN_PACKAGE + ".delta").hasSizeGreaterThan(List.of(PLUGIN_PACKAGE).size());
        return imports;
    }
}
