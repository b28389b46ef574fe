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

import io.bytestream.trino.table.TableLocations;
import io.bytestream.writer.ArrowStreams;
import io.bytestream.writer.RecordTableWriter;
import io.trino.testing.AbstractTestQueryFramework;
import io.trino.testing.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;
import static io.bytestream.trino.TestingPond.NODE_A;
import static io.bytestream.trino.TestingPond.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No schema or table name reaches outside the root: record tables placed next to the root ({@code loot})
 * and one level up stay invisible whatever name is typed, and folders whose names are not lower-case
 * identifiers are neither listed nor readable.
 */
final class TestBytestreamNames
        extends AbstractTestQueryFramework
{
    private static final List<String> HOSTILE_NAMES = List.of(
            "..", ".", "../loot", "..\\loot", "ops/../..", "ops/entries", "%2e%2e", "%2E%2E%2Floot", "..%2floot", "%2fetc", "/", "//", "/tmp",
            "loot/", " ops", "ops ", "ops\u0000", "ops\n", "file:", "file:///tmp", "s3://bucket", "~", "$loot", "ops?x", "ops#x", "ops;x",
            "ünïcode", "a".repeat(300));

    private Path parent;

    @Override
    protected QueryRunner createQueryRunner()
            throws Exception
    {
        parent = Files.createTempDirectory("bytestream-names");
        Path root = parent.resolve("pond");
        TestingPond.writeEntries(root);
        // real record tables outside the root: one beside it, one beside the schema folders' parent
        writeTable(parent.resolve("loot"));
        writeTable(parent.resolve("pond-secrets/loot"));
        writeTable(parent.resolve("loot/loot"));
        // folders under the root whose names are not lower-case identifiers
        for (String name : List.of("Upper", "has space", "dash-ed", "ünï", ".hidden", "1digit")) {
            writeTable(root.resolve("ops").resolve(name));
            writeTable(root.resolve(name).resolve("entries"));
        }
        return BytestreamQueryRunner.builder(root).build();
    }

    private static void writeTable(Path location)
    {
        RecordTableWriter.openLocal(location).append(List.of(record(NODE_A, 1, ArrowStreams.entries(1, 7, 71))));
    }

    @AfterAll
    void deleteFolders()
            throws IOException
    {
        deleteRecursively(parent, ALLOW_INSECURE);
    }

    @Test
    void testOnlyIdentifierFoldersAreListed()
    {
        assertThat(computeActual("SHOW SCHEMAS").getOnlyColumnAsSet()).containsExactlyInAnyOrder("ops", "information_schema");
        assertThat(computeActual("SHOW TABLES FROM ops").getOnlyColumnAsSet()).containsExactly("entries");
        assertQuery("SELECT DISTINCT table_schema, table_name FROM information_schema.columns WHERE table_schema <> 'information_schema'", "VALUES ('ops', 'entries')");
        assertQuery("SELECT count(*) FROM system.jdbc.tables WHERE table_cat = 'pond' AND table_schem <> 'information_schema'", "VALUES 1");
    }

    @Test
    void testHostileTableNames()
    {
        for (String name : HOSTILE_NAMES) {
            String quoted = quote(name);
            assertQueryFails("SELECT * FROM ops.%s".formatted(quoted), "(?s).*Table 'pond\\.ops\\..*' does not exist");
            assertQueryFails("SELECT * FROM ops.%s FOR VERSION AS OF 1".formatted(quoted), "(?s).*Table 'pond\\.ops\\..*' does not exist");
            assertQueryFails("DESCRIBE ops.%s".formatted(quoted), "(?s).*Table 'pond\\.ops\\..*' does not exist");
            assertQuery("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'ops' AND table_name = '%s'".formatted(literal(name)), "VALUES 0");
        }
    }

    @Test
    void testHostileSchemaNames()
    {
        for (String name : HOSTILE_NAMES) {
            String quoted = quote(name);
            for (String table : List.of("loot", "entries", "pond", "\"pond-secrets\"")) {
                assertQueryFails("SELECT * FROM %s.%s".formatted(quoted, table), "(?s).*(Schema '.*' does not exist|Table 'pond\\..*' does not exist)");
            }
            assertQueryFails("SHOW TABLES FROM %s".formatted(quoted), "(?s).*Schema '.*' does not exist");
            assertQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = '%s'".formatted(literal(name)), "VALUES 0");
            assertQuery("SELECT count(*) FROM information_schema.columns WHERE table_schema = '%s'".formatted(literal(name)), "VALUES 0");
        }
    }

    @Test
    void testHostileNamesInProcedures()
    {
        for (String name : HOSTILE_NAMES.stream().filter(name -> !TableLocations.isValidName(name)).toList()) {
            assertQueryFails("CALL system.flush_metadata_cache(schema_name => '%s')".formatted(literal(name)), "(?s)Invalid schema or table name: .*");
            assertQueryFails("CALL system.flush_metadata_cache(schema_name => 'ops', table_name => '%s')".formatted(literal(name)), "(?s)Invalid schema or table name: .*");
        }
    }

    @Test
    void testRealTableStillReadable()
    {
        assertQuery("SELECT count(*) FROM ops.entries", "VALUES 13");
        // Trino lower-cases names, quoted or not
        assertQuery("SELECT count(*) FROM \"OPS\".\"Entries\"", "VALUES 13");
    }

    private static String quote(String name)
    {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String name)
    {
        return name.replace("'", "''");
    }
}
