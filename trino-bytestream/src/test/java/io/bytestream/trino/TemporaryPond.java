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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.google.common.io.MoreFiles.deleteRecursively;
import static com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE;

/**
 * A new folder for a test class's ponds, deleted with all it holds when closed. Registered with
 * {@code closeAfterClass} in {@code createQueryRunner}, it is deleted after the query runner is closed.
 */
record TemporaryPond(Path root)
        implements AutoCloseable
{
    static TemporaryPond create(String prefix)
            throws IOException
    {
        return new TemporaryPond(Files.createTempDirectory(prefix));
    }

    @Override
    public void close()
            throws IOException
    {
        deleteRecursively(root, ALLOW_INSECURE);
    }
}
