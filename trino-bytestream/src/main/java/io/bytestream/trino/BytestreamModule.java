package io.bytestream.trino;

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Scopes;
import io.bytestream.filesystem.LocalFileSchemeFileSystemFactory;
import io.trino.filesystem.TrinoFileSystemFactory;

import static com.google.inject.multibindings.MapBinder.newMapBinder;
import static io.airlift.configuration.ConfigBinder.configBinder;

public class BytestreamModule
        implements Module
{
    @Override
    public void configure(Binder binder)
    {
        configBinder(binder).bindConfig(BytestreamConfig.class);
        binder.bind(RecordTables.class).in(Scopes.SINGLETON);
        binder.bind(BytestreamMetadata.class).in(Scopes.SINGLETON);
        binder.bind(BytestreamSplitManager.class).in(Scopes.SINGLETON);
        binder.bind(BytestreamPageSourceProvider.class).in(Scopes.SINGLETON);
        binder.bind(BytestreamConnector.class).in(Scopes.SINGLETON);

        // file:/// roots work out of the box, as in the two-line catalog file users write
        newMapBinder(binder, String.class, TrinoFileSystemFactory.class)
                .addBinding("file").to(LocalFileSchemeFileSystemFactory.class).in(Scopes.SINGLETON);
    }
}
