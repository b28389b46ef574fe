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

package io.bytestream.arrow;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of the decoder depend on each other one way: each names only classes of the packages below
 * it, in code or in comments, so that no package needs one above it.
 */
class TestPackageLayering
{
    private static final Path SOURCES = Path.of("src/main/java/io/bytestream/arrow");
    private static final String API = "(public API)";
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            API, Set.of("column", "body", "schema", "message", "compression", "format"),
            "column", Set.of("body", "schema", "format"),
            "body", Set.of("schema", "message", "compression", "format"),
            "schema", Set.of("message", "format"),
            "message", Set.of("format"),
            "compression", Set.of(),
            "format", Set.of());
    // a class of ours, named by its package: an import, a static import or a qualified name
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.bytestream\\.arrow(?:\\.([a-z]\\w*))?\\.[A-Z]");

    @Test
    void testPackagesUseOnlyThePackagesBelow()
            throws IOException
    {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(path -> path.getFileName().toString().endsWith(".java")).toList();
        }
        assertThat(files).hasSizeGreaterThan(50);
        for (Path file : files) {
            String from = packageName(SOURCES.relativize(file).getParent());
            assertThat(ALLOWED).as("the packages below the API are listed here with the packages they may use").containsKey(from);
            Matcher reference = REFERENCE.matcher(Files.readString(file));
            while (reference.find()) {
                String to = reference.group(1) == null ? API : reference.group(1);
                if (!to.equals(from)) {
                    assertThat(ALLOWED.get(from)).as("%s uses package %s", file, to).contains(to);
                }
            }
        }
    }

    private static String packageName(Path directory)
    {
        return directory == null ? API : directory.toString().replace('/', '.');
    }
}
