package io.bytestream.trino;

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Scopes;
import io.bytestream.filesystem.LocalFileSchemeFileSystemFactory;
import io.trino.filesystem.TrinoFileSystemFactory;
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
        binder.bind(MetadataCache.class).in(Scopes.SINGLETON);
        newExporter(binder).export(MetadataCache.class).withGeneratedName();
        binder.bind(RecordTables.class).in(Scopes.SINGLETON);
        binder.bind(MetadataListingExecutor.class).in(Scopes.SINGLETON);
        // one per transaction: see BytestreamConnector
        binder.bind(BytestreamMetadata.class);
        binder.bind(BytestreamSplitManager.class).in(Scopes.SINGLETON);
        binder.bind(BytestreamPageSourceProvider.class).in(Scopes.SINGLETON);
        binder.bind(BytestreamConnector.class).in(Scopes.SINGLETON);
        newSetBinder(binder, Procedure.class).addBinding().toProvider(FlushMetadataCacheProcedure.class).in(Scopes.SINGLETON);

        // file:/// roots work out of the box, as in the two-line catalog file users write
        newMapBinder(binder, String.class, TrinoFileSystemFactory.class)
                .addBinding("file").to(LocalFileSchemeFileSystemFactory.class).in(Scopes.SINGLETON);
    }
}
