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

package io.bytestream.trino.procedure;

import com.google.common.collect.ImmutableList;
import com.google.inject.Inject;
import com.google.inject.Provider;
import io.bytestream.trino.table.TableLocations;
import io.bytestream.trino.table.TableSnapshots;
import io.trino.spi.TrinoException;
import io.trino.spi.procedure.Procedure;

import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static io.trino.spi.StandardErrorCode.INVALID_PROCEDURE_ARGUMENT;
import static io.trino.spi.type.VarcharType.VARCHAR;
import static java.lang.invoke.MethodHandles.lookup;
import static java.util.Objects.requireNonNull;

/**
 * {@code CALL <catalog>.system.flush_metadata_cache([schema_name => ..., [table_name => ...]])}, as in
 * Trino's Delta Lake and Hive connectors.
 */
public class FlushMetadataCacheProcedure
        implements Provider<Procedure>
{
    private static final MethodHandle FLUSH_METADATA_CACHE;

    static {
        try {
            FLUSH_METADATA_CACHE = lookup().unreflect(FlushMetadataCacheProcedure.class.getMethod("flushMetadataCache", String.class, String.class));
        }
        catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private final TableSnapshots snapshots;

    @Inject
    public FlushMetadataCacheProcedure(TableSnapshots snapshots)
    {
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
    }

    @Override
    public Procedure get()
    {
        return new Procedure(
                "system",
                "flush_metadata_cache",
                ImmutableList.of(
                        new Procedure.Argument("SCHEMA_NAME", VARCHAR, false, null),
                        new Procedure.Argument("TABLE_NAME", VARCHAR, false, null)),
                FLUSH_METADATA_CACHE.bindTo(this));
    }

    public void flushMetadataCache(String schemaName, String tableName)
    {
        if (schemaName == null && tableName != null) {
            throw new TrinoException(INVALID_PROCEDURE_ARGUMENT, "table_name requires schema_name");
        }
        for (String name : new String[] {schemaName, tableName}) {
            if (name != null && !TableLocations.isValidName(name)) {
                throw new TrinoException(INVALID_PROCEDURE_ARGUMENT, "Invalid schema or table name: '%s'".formatted(name));
            }
        }
        snapshots.flushCache(Optional.ofNullable(schemaName), Optional.ofNullable(tableName));
    }
}
