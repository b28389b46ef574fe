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

import io.delta.kernel.internal.deletionvectors.DeletionVectorStoredBitmap;
import io.delta.kernel.internal.deletionvectors.RoaringBitmapArray;
import io.trino.filesystem.Location;
import io.trino.filesystem.TrinoFileSystem;

import java.io.IOException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The rows of a data file that its deletion vector deletes, by position in the file (counted from 0).
 */
public final class DeletedRows
{
    private static final DeletedRows NONE = new DeletedRows(new RoaringBitmapArray());

    private final RoaringBitmapArray rows;

    private DeletedRows(RoaringBitmapArray rows)
    {
        this.rows = requireNonNull(rows, "rows is null");
    }

    /**
     * The rows the data file's deletion vector deletes, read from the log's inline bytes or from the deletion vector file
     * the table's folder holds or names; none for a file without a deletion vector.
     */
    public static DeletedRows of(TrinoFileSystem fileSystem, Location table, DataFile file)
            throws IOException
    {
        if (file.deletionVector().isEmpty()) {
            return NONE;
        }
        DeletionVectorStoredBitmap bitmap = new DeletionVectorStoredBitmap(file.deletionVector().get().descriptor(), Optional.of(Locations.toKernelPath(table)));
        return new DeletedRows(bitmap.load(new KernelEngine(fileSystem).getFileSystemClient()));
    }

    public boolean contains(long row)
    {
        return rows.contains(row);
    }
}
