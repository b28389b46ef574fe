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

import com.google.common.collect.ImmutableSet;
import com.google.inject.Inject;
import com.google.inject.Provider;
import io.airlift.bootstrap.LifeCycleManager;
import io.bytestream.trino.procedure.TableChangesFunction;
import io.bytestream.trino.table.RecordSchemaReader;
import io.trino.plugin.base.session.SessionPropertiesProvider;
import io.trino.spi.connector.Connector;
import io.trino.spi.connector.ConnectorMetadata;
import io.trino.spi.connector.ConnectorPageSourceProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.connector.ConnectorSplitManager;
import io.trino.spi.connector.ConnectorTransactionHandle;
import io.trino.spi.function.table.ConnectorTableFunction;
import io.trino.spi.procedure.Procedure;
import io.trino.spi.session.PropertyMetadata;
import io.trino.spi.transaction.IsolationLevel;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.collect.ImmutableList.toImmutableList;
import static io.trino.spi.transaction.IsolationLevel.REPEATABLE_READ;
import static io.trino.spi.transaction.IsolationLevel.checkConnectorSupports;
import static java.util.Objects.requireNonNull;

public class BytestreamConnector
        implements Connector
{
    private final LifeCycleManager lifeCycleManager;
    private final Provider<BytestreamMetadata> metadataFactory;
    private final BytestreamSplitManager splitManager;
    private final BytestreamPageSourceProvider pageSourceProvider;
    private final Set<Procedure> procedures;
    private final Set<ConnectorTableFunction> tableFunctions;
    private final List<PropertyMetadata<?>> sessionProperties;
    // each transaction's metadata remembers the snapshot versions it has pinned, so every read of a table sees one snapshot
    private final ConcurrentMap<BytestreamTransactionHandle, BytestreamMetadata> transactions = new ConcurrentHashMap<>();

    @Inject
    public BytestreamConnector(
            LifeCycleManager lifeCycleManager,
            Provider<BytestreamMetadata> metadataFactory,
            BytestreamSplitManager splitManager,
            BytestreamPageSourceProvider pageSourceProvider,
            Set<Procedure> procedures,
            Set<SessionPropertiesProvider> sessionProperties,
            RecordSchemaReader schemas)
    {
        this.lifeCycleManager = requireNonNull(lifeCycleManager, "lifeCycleManager is null");
        this.metadataFactory = requireNonNull(metadataFactory, "metadataFactory is null");
        this.splitManager = requireNonNull(splitManager, "splitManager is null");
        this.pageSourceProvider = requireNonNull(pageSourceProvider, "pageSourceProvider is null");
        this.procedures = ImmutableSet.copyOf(requireNonNull(procedures, "procedures is null"));
        this.sessionProperties = sessionProperties.stream()
                .flatMap(provider -> provider.getSessionProperties().stream())
                .collect(toImmutableList());
        // table_changes resolves a table through the transaction's metadata, so it reads the version the transaction pins
        this.tableFunctions = ImmutableSet.of(new TableChangesFunction(
                (session, transaction, name) -> ((BytestreamMetadata) getMetadata(session, transaction)).latest(session, name),
                schemas));
    }

    @Override
    public ConnectorTransactionHandle beginTransaction(IsolationLevel isolationLevel, boolean readOnly, boolean autoCommit)
    {
        // every query reads one pinned Delta snapshot
        checkConnectorSupports(REPEATABLE_READ, isolationLevel);
        BytestreamTransactionHandle transaction = BytestreamTransactionHandle.create();
        transactions.put(transaction, metadataFactory.get());
        return transaction;
    }

    @Override
    public ConnectorMetadata getMetadata(ConnectorSession session, ConnectorTransactionHandle transaction)
    {
        BytestreamMetadata metadata = transactions.get((BytestreamTransactionHandle) transaction);
        checkArgument(metadata != null, "no such transaction: %s", transaction);
        return metadata;
    }

    @Override
    public void commit(ConnectorTransactionHandle transaction)
    {
        transactions.remove((BytestreamTransactionHandle) transaction);
    }

    @Override
    public void rollback(ConnectorTransactionHandle transaction)
    {
        transactions.remove((BytestreamTransactionHandle) transaction);
    }

    @Override
    public ConnectorSplitManager getSplitManager()
    {
        return splitManager;
    }

    @Override
    public ConnectorPageSourceProvider getPageSourceProvider()
    {
        return pageSourceProvider;
    }

    @Override
    public Set<Procedure> getProcedures()
    {
        return procedures;
    }

    @Override
    public List<PropertyMetadata<?>> getSessionProperties()
    {
        return sessionProperties;
    }

    @Override
    public Set<ConnectorTableFunction> getTableFunctions()
    {
        return tableFunctions;
    }

    @Override
    public void shutdown()
    {
        lifeCycleManager.stop();
    }
}
