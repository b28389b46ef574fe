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

import com.google.inject.Injector;
import io.airlift.bootstrap.Bootstrap;
import io.airlift.json.JsonModule;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.trino.filesystem.manager.FileSystemModule;
import io.trino.plugin.base.classloader.ClassLoaderSafeConnectorMetadata;
import io.trino.plugin.base.classloader.ClassLoaderSafeConnectorPageSourceProvider;
import io.trino.plugin.base.classloader.ClassLoaderSafeConnectorSplitManager;
import io.trino.plugin.base.classloader.ClassLoaderSafeConnectorTableFunction;
import io.trino.plugin.base.jmx.ConnectorObjectNameGeneratorModule;
import io.trino.plugin.base.jmx.MBeanServerModule;
import io.trino.spi.NodeManager;
import io.trino.spi.catalog.CatalogName;
import io.trino.spi.classloader.ThreadContextClassLoader;
import io.trino.spi.connector.Connector;
import io.trino.spi.connector.ConnectorContext;
import io.trino.spi.connector.ConnectorFactory;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorPageSourceProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplitManager;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.function.table.ConnectorTableFunction;
import io.trino.spi.procedure.Procedure;
import io.trino.spi.session.PropertyMetadata;
import io.trino.spi.transaction.IsolationLevel;
import io.trino.spi.type.TypeManager;
import org.weakref.jmx.guice.MBeanModule;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.google.common.collect.ImmutableSet.toImmutableSet;
import static io.trino.plugin.base.Versions.checkStrictSpiVersionMatch;
import static java.util.Objects.requireNonNull;

public class BytestreamConnectorFactory
        implements ConnectorFactory
{
    public static final String CONNECTOR_NAME = "bytestream";

    @Override
    public String getName()
    {
        return CONNECTOR_NAME;
    }

    @Override
    public Connector create(String catalogName, Map<String, String> config, ConnectorContext context)
    {
        requireNonNull(config, "config is null");
        checkStrictSpiVersionMatch(context, this);

        ClassLoader classLoader = BytestreamConnectorFactory.class.getClassLoader();
        try (ThreadContextClassLoader _ = new ThreadContextClassLoader(classLoader)) {
            Bootstrap app = new Bootstrap(
                    new JsonModule(),
                    new MBeanModule(),
                    new MBeanServerModule(),
                    new ConnectorObjectNameGeneratorModule("io.bytestream.trino", "trino.plugin.bytestream"),
                    new BytestreamModule(),
                    new FileSystemModule(catalogName, context.getNodeManager(), context.getOpenTelemetry(), false),
                    binder -> {
                        binder.bind(CatalogName.class).toInstance(new CatalogName(catalogName));
                        binder.bind(NodeManager.class).toInstance(context.getNodeManager());
                        binder.bind(TypeManager.class).toInstance(context.getTypeManager());
                        binder.bind(OpenTelemetry.class).toInstance(context.getOpenTelemetry());
                        binder.bind(Tracer.class).toInstance(context.getTracer());
                    });

            Injector injector = app
                    .doNotInitializeLogging()
                    .setRequiredConfigurationProperties(config)
                    .initialize();

            RootLocationValidator.validate(injector);

            BytestreamConnector connector = injector.getInstance(BytestreamConnector.class);
            return new ClassLoaderSafeConnector(connector, classLoader);
        }
    }

    /**
     * Runs every call with the plugin's class loader as context class loader: delta-kernel and its
     * Parquet reader load classes and resources through it.
     */
    private record ClassLoaderSafeConnector(BytestreamConnector delegate, ClassLoader classLoader)
            implements Connector
    {
        @Override
        public ConnectorTransactionHandle beginTransaction(IsolationLevel isolationLevel, boolean readOnly, boolean autoCommit)
        {
            return delegate.beginTransaction(isolationLevel, readOnly, autoCommit);
        }

        @Override
        public ConnectorMetadata getMetadata(ConnectorSession session, ConnectorTransactionHandle transaction)
        {
            return new ClassLoaderSafeConnectorMetadata(delegate.getMetadata(session, transaction), classLoader);
        }

        @Override
        public void commit(ConnectorTransactionHandle transaction)
        {
            delegate.commit(transaction);
        }

        @Override
        public void rollback(ConnectorTransactionHandle transaction)
        {
            delegate.rollback(transaction);
        }

        @Override
        public ConnectorSplitManager getSplitManager()
        {
            return new ClassLoaderSafeConnectorSplitManager(delegate.getSplitManager(), classLoader);
        }

        @Override
        public ConnectorPageSourceProvider getPageSourceProvider()
        {
            return new ClassLoaderSafeConnectorPageSourceProvider(delegate.getPageSourceProvider(), classLoader);
        }

        @Override
        public Set<Procedure> getProcedures()
        {
            return delegate.getProcedures();
        }

        @Override
        public List<PropertyMetadata<?>> getSessionProperties()
        {
            return delegate.getSessionProperties();
        }

        @Override
        public Set<ConnectorTableFunction> getTableFunctions()
        {
            return delegate.getTableFunctions().stream()
                    .map(function -> new ClassLoaderSafeConnectorTableFunction(function, classLoader))
                    .collect(toImmutableSet());
        }

        @Override
        public void shutdown()
        {
            delegate.shutdown();
        }
    }
}
