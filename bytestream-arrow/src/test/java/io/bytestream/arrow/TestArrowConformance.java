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

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Arrow's integration corpus (testing/arrow-testing/integration): every stream must decode to exactly the
 * values of the JSON file beside it (read by {@link ArrowIntegrationJson}), or be refused by one of the
 * documented {@link #REFUSAL_RULES}. Anything else, a wrong value or any other exception, fails.
 */
class TestArrowConformance
{
    private static final Path INTEGRATION = Path.of("../testing/arrow-testing/integration");

    /**
     * A stream the decoder may refuse instead of decoding: the exception message contains
     * {@code messageFragment}, and the JSON of the stream shows that the rule applies to it. The texts are the
     * ones the connector documentation cites.
     */
    record RefusalRule(String name, String messageFragment, String rule, Predicate<ArrowIntegrationJson> appliesTo) {}

    static final List<RefusalRule> REFUSAL_RULES = List.of(
            new RefusalRule(
                    "duplicate-column-names",
                    "more than one column named",
                    "A stream whose schema has two top-level fields with the same lower-cased name is refused: Trino columns are matched by lower-cased name.",
                    ArrowIntegrationJson::hasDuplicateColumnNames),
            new RefusalRule(
                    "time-outside-one-day",
                    "is outside one day",
                    "A time32/time64 value outside [0, 24:00:00) is refused: Arrow allows only times within one day (Schema.fbs, Time) and Trino's TIME has no 24:00:00.",
                    ArrowIntegrationJson::hasTimeOutsideOneDay),
            new RefusalRule(
                    "decimal-outside-precision",
                    "does not fit decimal",
                    "A decimal value with more digits than its declared precision is refused: Trino's DECIMAL(p, s) cannot hold it, and rounding or widening would change the column's type or value.",
                    ArrowIntegrationJson::hasDecimalOutsidePrecision));

    /** The producer folders of the corpus, so that a missing folder cannot go unnoticed. */
    private static final List<String> PRODUCERS = List.of(
            "0.14.1", "0.17.1", "1.0.0-bigendian", "1.0.0-littleendian", "2.0.0-compression", "4.0.0-shareddict", "cpp-21.0.0");

    enum Outcome
    {
        PASSED, REFUSED, FAILED
    }

    record Result(Path stream, Outcome outcome, String reason) {}

    @Test
    void testIntegrationCorpus()
            throws IOException
    {
        List<Path> streams = integrationStreams();
        // the corpus as checked in: 91 streams; a lost folder or file must not make this pass vacuously
        assertThat(streams).hasSizeGreaterThanOrEqualTo(90);
        assertThat(streams.stream().map(TestArrowConformance::producer).distinct().sorted().toList())
                .containsExactlyElementsOf(PRODUCERS);

        List<Result> results = new ArrayList<>();
        for (Path stream : streams) {
            results.add(check(stream));
        }

        String report = report(results);
        System.out.println(report);
        long failures = results.stream().filter(result -> result.outcome() == Outcome.FAILED).count();
        if (failures > 0) {
            fail("%s of %s integration streams FAILED:%s".formatted(failures, results.size(), report));
        }
    }

    @Test
    void testJsonReaderTypeMapping()
    {
        // one batch per family, written by hand: the reader's own mapping, independent of any stream
        ArrowIntegrationJson json = ArrowIntegrationJson.parse("""
                {"schema": {"fields": [
                  {"name": "U64", "type": {"name": "int", "isSigned": false, "bitWidth": 64}, "nullable": true, "children": []},
                  {"name": "h", "type": {"name": "floatingpoint", "precision": "HALF"}, "nullable": true, "children": []},
                  {"name": "d", "type": {"name": "decimal", "precision": 40, "scale": 2, "bitWidth": 256}, "nullable": true, "children": []},
                  {"name": "day", "type": {"name": "date", "unit": "MILLISECOND"}, "nullable": true, "children": []},
                  {"name": "t", "type": {"name": "time", "unit": "MILLISECOND", "bitWidth": 32}, "nullable": true, "children": []},
                  {"name": "u", "type": {"name": "union", "mode": "DENSE", "typeIds": [7, 3]}, "nullable": true, "children": [
                    {"name": "a", "type": {"name": "int", "isSigned": true, "bitWidth": 8}, "nullable": true, "children": []},
                    {"name": "b", "type": {"name": "utf8"}, "nullable": true, "children": []}]},
                  {"name": "r", "type": {"name": "runendencoded"}, "nullable": true, "children": [
                    {"name": "run_ends", "type": {"name": "int", "isSigned": true, "bitWidth": 32}, "nullable": false, "children": []},
                    {"name": "values", "type": {"name": "utf8"}, "nullable": true, "children": []}]},
                  {"name": "id", "type": {"name": "fixedsizebinary", "byteWidth": 16}, "nullable": true, "children": [],
                    "metadata": [{"key": "ARROW:extension:name", "value": "arrow.uuid"}]},
                  {"name": "e", "type": {"name": "utf8"}, "nullable": true, "children": [],
                    "dictionary": {"id": 4, "indexType": {"name": "int", "isSigned": false, "bitWidth": 8}, "isOrdered": false}}]},
                 "dictionaries": [
                   {"id": 4, "data": {"count": 2, "columns": [{"name": "DICT4", "count": 2, "VALIDITY": [1, 1], "OFFSET": [0, 1, 2], "DATA": ["x", "y"]}]}},
                   {"id": 4, "isDelta": true, "data": {"count": 1, "columns": [{"name": "DICT4", "count": 1, "VALIDITY": [1], "OFFSET": [0, 1], "DATA": ["z"]}]}}],
                 "batches": [{"count": 3, "columns": [
                  {"name": "U64", "count": 3, "VALIDITY": [1, 0, 1], "DATA": ["18446744073709551615", "1", "0"]},
                  {"name": "h", "count": 3, "VALIDITY": [1, 1, 0], "DATA": [0.1, -2.5, 0]},
                  {"name": "d", "count": 3, "VALIDITY": [1, 1, 1], "DATA": ["-12345678901234567890123456789012345678901", "5", "0"]},
                  {"name": "day", "count": 3, "VALIDITY": [1, 1, 1], "DATA": ["-1", "86400000", "0"]},
                  {"name": "t", "count": 3, "VALIDITY": [1, 1, 1], "DATA": [1, 86399999, 0]},
                  {"name": "u", "count": 3, "TYPE_ID": [3, 7, 3], "OFFSET": [0, 0, 1], "children": [
                    {"name": "a", "count": 1, "VALIDITY": [1], "DATA": [-5]},
                    {"name": "b", "count": 2, "VALIDITY": [1, 0], "OFFSET": [0, 2, 2], "DATA": ["hi", ""]}]},
                  {"name": "r", "count": 3, "children": [
                    {"name": "run_ends", "count": 2, "VALIDITY": [1, 1], "DATA": [2, 3]},
                    {"name": "values", "count": 2, "VALIDITY": [1, 0], "OFFSET": [0, 1, 1], "DATA": ["q", ""]}]},
                  {"name": "id", "count": 3, "VALIDITY": [1, 0, 1], "DATA": ["00112233445566778899AABBCCDDEEFF", "00000000000000000000000000000000", "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"]},
                  {"name": "e", "count": 3, "VALIDITY": [1, 1, 0], "DATA": [2, 0, 9]}]}]}
                """);
        assertThat(json.columnNames()).containsExactly("u64", "h", "d", "day", "t", "u", "r", "id", "e");
        assertThat(json.rowCount()).isEqualTo(3);
        List<List<Object>> columns = json.columns();
        assertThat(columns.get(0)).containsExactly(new BigDecimal("18446744073709551615"), null, BigDecimal.ZERO);
        // 0.1 is not a float16: the value of the nearest float16
        assertThat(columns.get(1)).containsExactly(0.0999755859375f, -2.5f, null);
        assertThat(columns.get(2)).containsExactly("-123456789012345678901234567890123456789.01", "0.05", "0.00");
        assertThat(columns.get(3)).containsExactly(-1L, 1L, 0L);
        assertThat(columns.get(4)).containsExactly(1_000_000_000L, 86_399_999_000_000_000L, 0L);
        assertThat(columns.get(5)).containsExactly(
                Arrays.asList(1L, null, "hi"),
                Arrays.asList(0L, -5L, null),
                Arrays.asList(1L, null, null));
        assertThat(columns.get(6)).containsExactly("q", "q", null);
        assertThat(columns.get(7)).containsExactly(UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"), null, new UUID(-1, -1));
        assertThat(columns.get(8)).containsExactly("z", "x", null);
    }

    @Test
    void testComparisonAndRefusalRules()
    {
        assertThat(mismatch(Float.NaN, Float.NaN, "")).isEmpty();
        assertThat(mismatch(Double.NaN, Double.NaN, "")).isEmpty();
        assertThat(mismatch(0.0f, -0.0f, "")).isPresent();
        assertThat(mismatch(1.0f, 1.0, "")).isPresent();
        assertThat(mismatch(1L, 1, "")).isPresent();
        assertThat(mismatch(new BigDecimal("1.0"), new BigDecimal("1.00"), "")).isPresent();
        assertThat(mismatch(Arrays.asList(1L, Arrays.asList(2L, null)), Arrays.asList(1L, Arrays.asList(2L, 3L)), ""))
                .contains("[1][1]: expected null, actual 3 (Long)");
        Map<Object, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1L);
        ab.put("b", 2L);
        Map<Object, Object> ba = new LinkedHashMap<>();
        ba.put("b", 2L);
        ba.put("a", 1L);
        assertThat(mismatch(ab, ba, "")).isPresent();
        assertThat(mismatch(ab, new LinkedHashMap<>(ab), "")).isEmpty();

        assertThat(ArrowIntegrationJson.read(INTEGRATION.resolve("cpp-21.0.0/generated_duplicate_fieldnames.json.gz")).hasDuplicateColumnNames()).isTrue();
        assertThat(ArrowIntegrationJson.read(INTEGRATION.resolve("cpp-21.0.0/generated_primitive.json.gz")).hasDuplicateColumnNames()).isFalse();
        assertThat(ArrowIntegrationJson.read(INTEGRATION.resolve("1.0.0-littleendian/generated_datetime.json.gz")).hasTimeOutsideOneDay()).isTrue();
        assertThat(ArrowIntegrationJson.read(INTEGRATION.resolve("cpp-21.0.0/generated_datetime.json.gz")).hasTimeOutsideOneDay()).isFalse();
    }

    private static Result check(Path streamFile)
    {
        Path jsonFile = streamFile.resolveSibling(streamFile.getFileName().toString().replaceFirst("\\.stream$", ".json.gz"));
        if (!Files.isRegularFile(jsonFile)) {
            return new Result(streamFile, Outcome.FAILED, "no JSON file " + jsonFile.getFileName());
        }
        ArrowIntegrationJson json;
        List<List<Object>> expected;
        try {
            json = ArrowIntegrationJson.read(jsonFile);
            expected = json.columns();
        }
        catch (RuntimeException e) {
            return new Result(streamFile, Outcome.FAILED, "JSON reader: " + describe(e));
        }

        Slice stream;
        try {
            stream = Slices.wrappedBuffer(Files.readAllBytes(streamFile));
        }
        catch (IOException e) {
            return new Result(streamFile, Outcome.FAILED, "cannot read the stream: " + e);
        }

        List<IpcColumn> columns;
        Decoded decoded;
        long headerRowCount;
        try {
            columns = IpcSchemaReader.readColumns(stream);
            decoded = Decoded.decode(stream, columns);
            headerRowCount = IpcStreamDecoder.countRows(stream);
        }
        catch (RuntimeException | AssertionError e) {
            Optional<RefusalRule> rule = REFUSAL_RULES.stream()
                    .filter(candidate -> e instanceof IpcFormatException
                            && e.getMessage() != null
                            && e.getMessage().contains(candidate.messageFragment())
                            && candidate.appliesTo().test(json))
                    .findFirst();
            if (rule.isPresent()) {
                return new Result(streamFile, Outcome.REFUSED, rule.get().name() + ": " + e.getMessage());
            }
            return new Result(streamFile, Outcome.FAILED, describe(e));
        }

        List<String> names = columns.stream().map(IpcColumn::name).toList();
        if (!names.equals(json.columnNames())) {
            return new Result(streamFile, Outcome.FAILED, "columns %s, expected %s".formatted(names, json.columnNames()));
        }
        if (decoded.rowCount() != json.rowCount()) {
            return new Result(streamFile, Outcome.FAILED, "%s rows (batches %s), expected %s (batches %s)".formatted(
                    decoded.rowCount(), decoded.batchSizes(), json.rowCount(), json.batchRowCounts()));
        }
        if (headerRowCount != json.rowCount()) {
            return new Result(streamFile, Outcome.FAILED, "countRows %s, expected %s".formatted(headerRowCount, json.rowCount()));
        }
        for (int column = 0; column < columns.size(); column++) {
            List<Object> actualValues = decoded.columns().get(column);
            List<Object> expectedValues = expected.get(column);
            for (int row = 0; row < expectedValues.size(); row++) {
                Optional<String> mismatch = mismatch(expectedValues.get(row), actualValues.get(row), "");
                if (mismatch.isPresent()) {
                    return new Result(streamFile, Outcome.FAILED, "column %s (%s), row %s%s".formatted(
                            names.get(column), columns.get(column).type(), row, mismatch.get()));
                }
            }
        }
        return new Result(streamFile, Outcome.PASSED, "");
    }

    /**
     * The first difference between an expected and a decoded value, or empty. Values are compared with
     * equals (so Float and Double compare their bits: exact, NaN equal to NaN, BigDecimal its scale too), lists
     * element by element and maps entry by entry in order.
     */
    static Optional<String> mismatch(Object expected, Object actual, String path)
    {
        if (expected instanceof List<?> expectedList && actual instanceof List<?> actualList) {
            if (expectedList.size() != actualList.size()) {
                return Optional.of("%s: %s elements, expected %s: expected %s, actual %s".formatted(path, actualList.size(), expectedList.size(), show(expected), show(actual)));
            }
            for (int i = 0; i < expectedList.size(); i++) {
                Optional<String> mismatch = mismatch(expectedList.get(i), actualList.get(i), path + "[" + i + "]");
                if (mismatch.isPresent()) {
                    return mismatch;
                }
            }
            return Optional.empty();
        }
        if (expected instanceof Map<?, ?> expectedMap && actual instanceof Map<?, ?> actualMap) {
            List<? extends Map.Entry<?, ?>> expectedEntries = List.copyOf(expectedMap.entrySet());
            List<? extends Map.Entry<?, ?>> actualEntries = List.copyOf(actualMap.entrySet());
            if (expectedEntries.size() != actualEntries.size()) {
                return Optional.of("%s: %s entries, expected %s: expected %s, actual %s".formatted(path, actualEntries.size(), expectedEntries.size(), show(expected), show(actual)));
            }
            for (int i = 0; i < expectedEntries.size(); i++) {
                Optional<String> mismatch = mismatch(expectedEntries.get(i).getKey(), actualEntries.get(i).getKey(), path + "{key " + i + "}");
                if (mismatch.isEmpty()) {
                    mismatch = mismatch(expectedEntries.get(i).getValue(), actualEntries.get(i).getValue(), path + "{value " + i + "}");
                }
                if (mismatch.isPresent()) {
                    return mismatch;
                }
            }
            return Optional.empty();
        }
        if (Objects.equals(expected, actual)) {
            return Optional.empty();
        }
        return Optional.of("%s: expected %s, actual %s".formatted(path, show(expected), show(actual)));
    }

    private static String show(Object value)
    {
        String text = value == null ? "null" : "%s (%s)".formatted(value, value.getClass().getSimpleName());
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static String describe(Throwable e)
    {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        StackTraceElement[] trace = e.getStackTrace();
        if (!(e instanceof IpcFormatException) && trace.length > 0) {
            text.append(" at ").append(trace[0]);
        }
        return text.toString();
    }

    private static String report(List<Result> results)
    {
        Map<String, int[]> counts = new TreeMap<>();
        for (Result result : results) {
            counts.computeIfAbsent(producer(result.stream()), _ -> new int[Outcome.values().length])[result.outcome().ordinal()]++;
        }
        StringBuilder report = new StringBuilder("\nArrow integration corpus conformance\n");
        report.append("%-20s %7s %8s %7s%n".formatted("producer", "passed", "refused", "failed"));
        int[] total = new int[Outcome.values().length];
        counts.forEach((producer, count) -> {
            report.append("%-20s %7d %8d %7d%n".formatted(producer, count[0], count[1], count[2]));
            for (int i = 0; i < total.length; i++) {
                total[i] += count[i];
            }
        });
        report.append("%-20s %7d %8d %7d%n".formatted("total", total[0], total[1], total[2]));
        for (Outcome outcome : List.of(Outcome.REFUSED, Outcome.FAILED)) {
            List<Result> listed = results.stream().filter(result -> result.outcome() == outcome).toList();
            if (!listed.isEmpty()) {
                report.append(outcome).append(":\n");
                for (Result result : listed) {
                    report.append("  %s/%s: %s%n".formatted(producer(result.stream()), result.stream().getFileName(), result.reason()));
                }
            }
        }
        return report.toString();
    }

    private static String producer(Path stream)
    {
        return stream.getParent().getFileName().toString();
    }

    private static List<Path> integrationStreams()
            throws IOException
    {
        assertThat(INTEGRATION).as("the arrow-testing corpus checked in under testing/").isDirectory();
        try (Stream<Path> walk = Files.walk(INTEGRATION)) {
            return walk.filter(Files::isRegularFile).filter(path -> path.getFileName().toString().endsWith(".stream")).sorted().toList();
        }
    }
}
