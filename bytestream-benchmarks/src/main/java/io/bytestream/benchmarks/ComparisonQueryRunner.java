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

package io.bytestream.benchmarks;

import com.google.common.collect.ImmutableMap;
import com.google.inject.Key;
import io.bytestream.trino.BytestreamConnectorFactory;
import io.bytestream.trino.BytestreamPlugin;
import io.trino.Session;
import io.trino.metadata.HandleResolver;
import io.trino.server.PluginClassLoader;
import io.trino.server.PluginManager;
import io.trino.server.testing.TestingTrinoServer;
import io.trino.spi.Plugin;
import io.trino.testing.DistributedQueryRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import static io.trino.testing.TestingSession.testSessionBuilder;

/**
 * One in-process Trino cluster with both connectors under comparison: bytestream as catalog {@value #POND}
 * (on the class path, as the plugin's own query tests run it) and Trino's Delta Lake connector as catalog
 * {@value #DELTA}, loaded from the {@code plugin/delta-lake} folder of the trino-server distribution in its own
 * plugin class loader, as a Trino server loads it. Both read the local file system.
 */
final class ComparisonQueryRunner
{
    static final String POND = "pond";
    static final String DELTA = "delta";
    static final String SCHEMA = "bench";

    private ComparisonQueryRunner() {}

    static DistributedQueryRunner create(Path pondRoot, Path deltaPluginDirectory, Path deltaMetastoreDirectory, int workers)
            throws Exception
    {
        PluginClassLoader deltaClassLoader = pluginClassLoader(deltaPluginDirectory);
        List<Plugin> deltaPlugins = ServiceLoader.load(Plugin.class, deltaClassLoader).stream().map(ServiceLoader.Provider::get).toList();
        if (deltaPlugins.isEmpty()) {
            throw new IllegalStateException("No Trino plugin in " + deltaPluginDirectory);
        }

        Session session = testSessionBuilder().setCatalog(POND).setSchema(SCHEMA).build();
        DistributedQueryRunner queryRunner = DistributedQueryRunner.builder(session)
                .setWorkerCount(workers)
                .build();
        try {
            queryRunner.installPlugin(new BytestreamPlugin());
            queryRunner.createCatalog(POND, BytestreamConnectorFactory.CONNECTOR_NAME, ImmutableMap.of(
                    "bytestream.root-location", pondRoot.toUri().toString()));

            // as a server's PluginManager does for the plugins it loads: handles (of tables, splits, transactions)
            // name their class loader when they travel between coordinator and workers
            for (TestingTrinoServer server : queryRunner.getServers()) {
                server.getInstance(Key.get(HandleResolver.class)).registerClassLoader(deltaClassLoader);
            }
            deltaPlugins.forEach(queryRunner::installPlugin);
            Files.createDirectories(deltaMetastoreDirectory);
            queryRunner.createCatalog(DELTA, "delta_lake", ImmutableMap.<String, String>builder()
                    .put("hive.metastore", "file")
                    .put("hive.metastore.catalog.dir", deltaMetastoreDirectory.toUri().toString())
                    .put("fs.hadoop.enabled", "false")
                    .put("fs.native-local.enabled", "true")
                    // file:///a/b resolves to <local.location>/a/b
                    .put("local.location", "/")
                    // the file metastore keeps a managed table in <catalog dir>/<schema>/<table>, with no unique suffix
                    .put("delta.unique-table-location", "false")
                    .put("delta.register-table-procedure.enabled", "true")
                    .put("delta.enable-non-concurrent-writes", "true")
                    .buildOrThrow());
            return queryRunner;
        }
        catch (Throwable e) {
            queryRunner.close();
            throw e;
        }
    }

    private static PluginClassLoader pluginClassLoader(Path pluginDirectory)
    {
        if (!Files.isDirectory(pluginDirectory)) {
            throw new IllegalArgumentException("No Delta Lake plugin folder at " + pluginDirectory);
        }
        List<URL> classPath;
        try (Stream<Path> files = Files.list(pluginDirectory)) {
            classPath = files
                    .filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .map(ComparisonQueryRunner::toUrl)
                    .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PluginManager.createClassLoader(pluginDirectory.getFileName().toString(), classPath);
    }

    private static URL toUrl(Path file)
    {
        try {
            return file.toUri().toURL();
        }
        catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fileLocation(Path directory)
    {
        String uri = directory.toAbsolutePath().normalize().toUri().toString();
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
