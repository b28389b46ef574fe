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

import io.bytestream.writer.RecordTableWriter;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.MaterializedResult;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records written by other Arrow implementations (the Arrow project's integration streams, checked in under
 * {@code testing/arrow-testing}), read through SQL: a big-endian producer's stream gives exactly the rows of
 * its little-endian twin, and LZ4- and ZSTD-compressed streams the same rows as each other. (The decoder's
 * own conformance test compares every value with the streams' JSON.)
 */
final class TestBytestreamArrowProducers
        extends AbstractTestQueryFramework
{
    private static final Path INTEGRATION = Path.of("../testing/arrow-testing/integration");
    private static final List<String> TWIN_CASES = List.of(
            "primitive", "primitive_large_offsets", "primitive_zerolength", "primitive_no_batches", "interval", "null", "null_trivial", "dictionary", "dictionary_unsigned",
            "nested", "nested_dictionary", "nested_large_offsets", "recursive_nested", "map", "map_non_canonical", "custom_metadata", "extension");

    private Path root;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        root = Files.createTempDirectory("bytestream-producers");
        for (String name : TWIN_CASES) {
            writeTable("little_endian", name, INTEGRATION.resolve("1.0.0-littleendian/generated_%s.stream".formatted(name)));
            writeTable("big_endian", name, INTEGRATION.resolve("1.0.0-bigendian/generated_%s.stream".formatted(name)));
        }
        writeTable("compressed", "lz4", INTEGRATION.resolve("2.0.0-compression/generated_lz4.stream"));
        writeTable("compressed", "zstd", INTEGRATION.resolve("2.0.0-compression/generated_zstd.stream"));
        writeTable("compressed", "uncompressible_lz4", INTEGRATION.resolve("2.0.0-compression/generated_uncompressible_lz4.stream"));
        writeTable("compressed", "uncompressible_zstd", INTEGRATION.resolve("2.0.0-compression/generated_uncompressible_zstd.stream"));
        return BytestreamQueryRunner.builder(root).build();
    }

    private void writeTable(String schema, String table, Path stream)
    {
        try {
            RecordTableWriter.openLocal(root.resolve(schema).resolve(table)).append(List.of(record(NODE_A, 1, Files.readAllBytes(stream))));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void deletePond()
            throws IOException
    {
        deleteRecursively(root, ALLOW_INSECURE);
    }

    @Test
    void testBigEndianProducerReadsAsItsLittleEndianTwin()
    {
        for (String name : TWIN_CASES) {
            // quoted: "null" is a table name here
            String table = "\"%s\"".formatted(name);
            assertThat(computeActual("DESCRIBE big_endian." + table)).as(name).isEqualTo(computeActual("DESCRIBE little_endian." + table));
            MaterializedResult littleEndian = computeActual("SELECT * FROM little_endian." + table);
            MaterializedResult bigEndian = computeActual("SELECT * FROM big_endian." + table);
            assertThat(bigEndian.getMaterializedRows()).as(name).isEqualTo(littleEndian.getMaterializedRows());
            assertThat(computeScalar("SELECT count(*) FROM big_endian." + table)).as(name).isEqualTo((long) littleEndian.getRowCount());
        }
        assertThat(computeScalar("SELECT count(*) FROM little_endian.primitive")).isNotEqualTo(0L);
    }

    @Test
    void testCompressedRecords()
    {
        MaterializedResult lz4 = computeActual("SELECT * FROM compressed.lz4");
        assertThat(lz4.getRowCount()).isEqualTo(60);
        assertThat(computeActual("SELECT * FROM compressed.zstd").getMaterializedRows()).isEqualTo(lz4.getMaterializedRows());
        MaterializedResult uncompressibleLz4 = computeActual("SELECT * FROM compressed.uncompressible_lz4");
        assertThat(uncompressibleLz4.getRowCount()).isEqualTo(4);
        assertThat(computeActual("SELECT * FROM compressed.uncompressible_zstd").getMaterializedRows()).isEqualTo(uncompressibleLz4.getMaterializedRows());
        // counting reads batch headers only, which are never compressed
        assertQuery("SELECT count(*) FROM compressed.lz4", "VALUES 60");
    }
}
