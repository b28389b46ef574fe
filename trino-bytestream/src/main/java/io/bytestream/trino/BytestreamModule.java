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

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import io.bytestream.trino.filesystem.LocalFileSchemeFileSystemFactory;
import io.bytestream.trino.procedure.FlushMetadataCacheProcedure;
import io.bytestream.trino.table.InnerRowSampler;
import io.bytestream.trino.table.MetadataCache;
import io.bytestream.trino.table.RecordSchemaReader;
import io.bytestream.trino.table.TableLocations;
import io.bytestream.trino.table.TableSnapshots;
import io.trino.filesystem.TrinoFileSystemFactory;
import io.trino.plugin.base.session.SessionPropertiesProvider;
import io.trino.spi.procedure.Procedure;

import static com.google.inject.multibindings.MapBinder.newMapBinder;
import static com.google.inject.multibindings.Multibinder.newSetBinder;
import static io.airlift.configuration.ConfigBinder.configBinder;
import static org.weakref.jmx.guice.ExportBinder.newExporter;

public class BytestreamModule
        implements Module
{
    @Override
    public void configure(Binder binder)
    {
        configBinder(binder).bindConfig(BytestreamConfig.class);
        // the documented name, from when the cache was in this package
        newExporter(binder).export(MetadataCache.class).as(generator -> generator.generatedNameOf(MetadataCache.class).replace(".table:", ":"));
        binder.bind(MetadataListingExecutor.class).in(Scopes.SINGLETON);
        // one per transaction: see BytestreamConnector
        binder.bind(BytestreamMetadata.class);
        binder.bind(BytestreamSplitManager.class).in(Scopes.SINGLETON);
        binder.bind(BytestreamPageSourceProvider.class).in(Scopes.SINGLETON);
        binder.bind(BytestreamConnector.class).in(Scopes.SINGLETON);
        newSetBinder(binder, SessionPropertiesProvider.class).addBinding().to(BytestreamSessionProperties.class).in(Scopes.SINGLETON);
        newSetBinder(binder, Procedure.class).addBinding().toProvider(FlushMetadataCacheProcedure.class).in(Scopes.SINGLETON);

        // file:/// roots work out of the box, as in the two-line catalog file users write
        newMapBinder(binder, String.class, TrinoFileSystemFactory.class)
                .addBinding("file").to(LocalFileSchemeFileSystemFactory.class).in(Scopes.SINGLETON);
    }

    @Provides
    @Singleton
    public static MetadataCache createMetadataCache(BytestreamConfig config)
    {
        return new MetadataCache(config.getMetadataCacheTtl(), config.getMetadataCacheMaximumSize());
    }

    @Provides
    @Singleton
    public static TableLocations createTableLocations(TrinoFileSystemFactory fileSystemFactory, BytestreamConfig config)
    {
        return new TableLocations(fileSystemFactory, config.getRootLocation());
    }

    @Provides
    @Singleton
    public static TableSnapshots createTableSnapshots(TableLocations locations, MetadataCache cache, BytestreamConfig config)
    {
        return new TableSnapshots(locations, cache, config.getContentColumn());
    }

    @Provides
    @Singleton
    public static InnerRowSampler createInnerRowSampler(TableLocations locations, TableSnapshots snapshots, MetadataCache cache)
    {
        return new InnerRowSampler(locations, snapshots, cache);
    }

    @Provides
    @Singleton
    public static RecordSchemaReader createRecordSchemaReader(TableLocations locations, TableSnapshots snapshots, MetadataCache cache, BytestreamConfig config)
    {
        return new RecordSchemaReader(locations, snapshots, cache, config.getContentColumn());
    }
}
