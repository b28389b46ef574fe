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

package io.bytestream.trino.filesystem;

import io.trino.filesystem.TrinoFileSystem;
import io.trino.filesystem.TrinoFileSystemFactory;
import io.trino.filesystem.local.LocalFileSystem;
import io.trino.spi.security.ConnectorIdentity;

import java.nio.file.Path;

/**
 * Serves {@code file:///} locations, the form users write in {@code bytestream.root-location}
 * for local folders. Trino's own local file system only accepts the {@code local:} scheme.
 */
public class LocalFileSchemeFileSystemFactory
        implements TrinoFileSystemFactory
{
    @Override
    public TrinoFileSystem create(ConnectorIdentity identity)
    {
        return new FileSchemeFileSystem(new LocalFileSystem(Path.of("/")));
    }
}
