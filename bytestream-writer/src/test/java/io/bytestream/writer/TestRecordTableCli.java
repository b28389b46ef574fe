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

import io.bytestream.writer.KernelTableReader.StoredRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.bytestream.writer.KernelTableReader.readRecords;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

final class TestRecordTableCli
{
    @TempDir
    Path temp;

    @Test
    void testSample()
    {
        CliResult result = run("sample", temp.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .startsWith("ops.entries at " + temp.resolve("ops/entries") + ": Delta version 6, checkpoint at 4, ")
                .contains("node_id 00000000000004d2: 6 records, ");
        Matcher records = Pattern.compile(", (\\d+) records, ").matcher(result.out());
        assertThat(records.find()).isTrue();
        assertThat(readRecords(temp.resolve("ops/entries"))).hasSize(Integer.parseInt(records.group(1)));
    }

    @Test
    void testAppendAndCheckpoint()
            throws IOException
    {
        Path table = temp.resolve("ops/entries");
        Path content = temp.resolve("record.arrows");
        Files.write(content, ArrowStreams.entries(2, 3, 9));

        CliResult first = run("append", table.toString(), "00000000000004d2", "1", content.toString(), "2024-03-01T08:00:00.123456Z");
        CliResult second = run("append", RecordTableWriter.localTablePath(table), "00000000000004d2", "2", content.toString());
        CliResult checkpoint = run("checkpoint", table.toString());

        assertThat(first).isEqualTo(new CliResult(0, "1\n", ""));
        assertThat(second).isEqualTo(new CliResult(0, "2\n", ""));
        assertThat(checkpoint).isEqualTo(new CliResult(0, "2\n", ""));
        assertThat(table.resolve("_delta_log/00000000000000000002.checkpoint.parquet")).isRegularFile();
        assertThat(readRecords(table))
                .extracting(StoredRecord::nodeId, StoredRecord::version)
                .containsExactlyInAnyOrder(
                        tuple("00000000000004d2", 1L),
                        tuple("00000000000004d2", 2L));
        assertThat(readRecords(table)).allSatisfy(stored -> assertThat(stored.content()).isEqualTo(Files.readAllBytes(content)));
        assertThat(readRecords(table)).filteredOn(stored -> stored.version() == 1)
                .singleElement().extracting(StoredRecord::timestamp).isEqualTo(Instant.parse("2024-03-01T08:00:00.123456Z"));
    }

    @Test
    void testRemove()
    {
        Path table = temp.resolve("ops/entries");
        RecordTableWriter writer = RecordTableWriter.openLocal(table);
        writer.append(List.of(
                new Record("0000000000000001", Instant.EPOCH, 1, ArrowStreams.entries(1, 1, 1)),
                new Record("0000000000000002", Instant.EPOCH, 1, ArrowStreams.entries(1, 1, 2))));

        assertThat(run("remove", table.toString(), "0000000000000001")).isEqualTo(new CliResult(0, "2\n", ""));
        assertThat(readRecords(table)).extracting(StoredRecord::nodeId).containsExactly("0000000000000002");
    }

    @Test
    void testUsageErrors()
    {
        assertThat(run()).satisfies(result -> {
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).startsWith("error: no command given").contains("usage:");
        });
        assertThat(run("drop", "x").err()).startsWith("error: unknown command: drop");
        assertThat(run("append", "t", "00000000000004d2", "1").err()).startsWith("error: append takes 4 to 5 operands, got 3");
        assertThat(run("append", "t", "00000000000004d2", "one", "f").err()).startsWith("error: version is not a whole number: one");
        assertThat(run("append", "t", "00000000000004d2", "1", "f", "yesterday").err()).startsWith("error: timestamp is not ISO-8601");
        assertThat(run("checkpoint").exitCode()).isEqualTo(2);
    }

    @Test
    void testFailures()
            throws IOException
    {
        CliResult missingFile = run("append", temp.resolve("t").toString(), "00000000000004d2", "1", temp.resolve("missing.arrows").toString());
        assertThat(missingFile.exitCode()).isEqualTo(1);
        assertThat(missingFile.err()).startsWith("error: ").contains("Cannot read " + temp.resolve("missing.arrows"));

        Files.createDirectories(temp.resolve("pond/ops/entries"));
        CliResult existing = run("sample", temp.resolve("pond").toString());
        assertThat(existing.exitCode()).isEqualTo(1);
        assertThat(existing.err()).contains("Sample table exists already");
    }

    private static CliResult run(String... args)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = RecordTableCli.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        return new CliResult(exitCode, out.toString(UTF_8), err.toString(UTF_8));
    }

    private record CliResult(int exitCode, String out, String err) {}
}
