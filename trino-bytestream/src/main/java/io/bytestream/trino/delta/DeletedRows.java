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

package io.bytestream.trino.delta;

import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.deletionvectors.DeletionVectorStoredBitmap;
import io.delta.kernel.internal.deletionvectors.RoaringBitmapArray;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.LongPredicate;

import static java.util.Objects.requireNonNull;

/**
 * The rows of a data file that are not read, by position in the file (counted from 0): those its deletion vector
 * deletes, and, where the file is read for a change of its deletion vector, those the change did not touch.
 */
public final class DeletedRows
{
    private static final DeletedRows NONE = new DeletedRows(_ -> false);

    private final LongPredicate rows;

    private DeletedRows(LongPredicate rows)
    {
        this.rows = requireNonNull(rows, "rows is null");
    }

    /**
     * The rows the data file's deletion vector deletes, read from the log's inline bytes or from the deletion vector file
     * the table's folder holds or names; none for a file without a deletion vector. Where the file names changed rows,
     * every other row is deleted too.
     */
    public static DeletedRows of(TrinoFileSystem fileSystem, Location table, DataFile file)
            throws IOException
    {
        if (file.deletionVector().isEmpty() && file.changedRows().isEmpty()) {
            return NONE;
        }
        Engine engine = new KernelEngine(fileSystem);
        Optional<RoaringBitmapArray> deleted = load(engine, table, file.deletionVector());
        Optional<RoaringBitmapArray> changed = load(engine, table, file.changedRows());
        LongPredicate deletedRow = deleted.<LongPredicate>map(bitmap -> bitmap::contains).orElse(_ -> false);
        if (changed.isEmpty()) {
            return new DeletedRows(deletedRow);
        }
        return new DeletedRows(row -> !changed.get().contains(row) || deletedRow.test(row));
    }

    /** Whether every row {@code rows} names is one {@code of} names too. */
    static boolean isSubset(Engine engine, Location table, DeletionVector rows, DeletionVector of)
            throws IOException
    {
        RoaringBitmapArray superset = load(engine, table, Optional.of(of)).orElseThrow();
        return Arrays.stream(load(engine, table, Optional.of(rows)).orElseThrow().toArray()).allMatch(superset::contains);
    }

    private static Optional<RoaringBitmapArray> load(Engine engine, Location table, Optional<DeletionVector> vector)
            throws IOException
    {
        if (vector.isEmpty()) {
            return Optional.empty();
        }
        DeletionVectorStoredBitmap bitmap = new DeletionVectorStoredBitmap(vector.get().descriptor(), Optional.of(Locations.toKernelPath(table)));
        return Optional.of(bitmap.load(engine.getFileSystemClient()));
    }

    public boolean contains(long row)
    {
        return rows.test(row);
    }
}
