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

import com.google.common.collect.ImmutableList;
import io.delta.kernel.defaults.engine.DefaultExpressionHandler;
import io.delta.kernel.defaults.engine.DefaultFileSystemClient;
import io.delta.kernel.defaults.engine.DefaultJsonHandler;
import io.delta.kernel.defaults.engine.LoggingMetricsReporter;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.ExpressionHandler;
import io.delta.kernel.engine.FileSystemClient;
import io.delta.kernel.engine.JsonHandler;
import io.delta.kernel.engine.MetricsReporter;
import io.delta.kernel.engine.ParquetHandler;
import io.trino.filesystem.TrinoFileSystem;

import java.util.List;

/**
 * delta-kernel's engine for this connector: kernel-defaults' JSON, expression and file system handlers over
 * {@link TrinoFileIO}, and checkpoints read with Trino's Parquet reader ({@link TrinoParquetHandler}).
 * Unlike kernel-defaults' {@code DefaultEngine}, nothing here loads Hadoop or parquet-mr classes.
 */
final class KernelEngine
        implements Engine
{
    private final ExpressionHandler expressionHandler = new DefaultExpressionHandler();
    private final JsonHandler jsonHandler;
    private final FileSystemClient fileSystemClient;
    private final ParquetHandler parquetHandler;
    private final List<MetricsReporter> metricsReporters;

    KernelEngine(TrinoFileSystem fileSystem, MetricsReporter... metricsReporters)
    {
        this.metricsReporters = ImmutableList.<MetricsReporter>builder().add(new LoggingMetricsReporter()).add(metricsReporters).build();
        TrinoFileIO fileIO = new TrinoFileIO(fileSystem);
        this.jsonHandler = new DefaultJsonHandler(fileIO);
        this.fileSystemClient = new DefaultFileSystemClient(fileIO);
        this.parquetHandler = new TrinoParquetHandler(fileSystem);
    }

    @Override
    public ExpressionHandler getExpressionHandler()
    {
        return expressionHandler;
    }

    @Override
    public JsonHandler getJsonHandler()
    {
        return jsonHandler;
    }

    @Override
    public FileSystemClient getFileSystemClient()
    {
        return fileSystemClient;
    }

    @Override
    public ParquetHandler getParquetHandler()
    {
        return parquetHandler;
    }

    @Override
    public List<MetricsReporter> getMetricsReporters()
    {
        return metricsReporters;
    }
}
