package io.bytestream.trino;

import io.trino.spi.connector.Connector;
import io.trino.testing.TestingConnectorContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestBytestreamConnectorFactory
{
    private final BytestreamConnectorFactory factory = new BytestreamConnectorFactory();

    @Test
    void testCreatesConnectorFromTheTwoLineCatalogFile()
    {
        Connector connector = factory.create("pond", Map.of("bytestream.root-location", "file:///srv/ponds"), new TestingConnectorContext());
        assertThat(connector.getMetadata(null, connector.beginTransaction(io.trino.spi.transaction.IsolationLevel.READ_COMMITTED, true, true))).isNotNull();
        connector.shutdown();
    }

    @Test
    void testMisconfigurationNamesTheProperty()
    {
        assertThatThrownBy(() -> factory.create("pond", Map.of(), new TestingConnectorContext()))
                .hasMessageContaining("bytestream.root-location")
                .hasMessageContaining("must not be null");
        assertThatThrownBy(() -> factory.create("pond", Map.of("bytestream.root-location", "srv/ponds"), new TestingConnectorContext()))
                .hasMessageContaining("bytestream.root-location must be an absolute URI");
        assertThatThrownBy(() -> factory.create("pond", Map.of("bytestream.root-location", "file:///srv/ponds", "bytestream.max-record-size", "2GB"), new TestingConnectorContext()))
                .hasMessageContaining("bytestream.max-record-size");
        assertThatThrownBy(() -> factory.create("pond", Map.of("bytestream.root-location", "file:///srv/ponds", "bytestream.content-column", "not a name"), new TestingConnectorContext()))
                .hasMessageContaining("bytestream.content-column");
        assertThatThrownBy(() -> factory.create("pond", Map.of("bytestream.root-location", "file:///srv/ponds", "bytestream.root-locaton", "typo"), new TestingConnectorContext()))
                .hasMessageContaining("Configuration property 'bytestream.root-locaton' was not used");
    }
}
