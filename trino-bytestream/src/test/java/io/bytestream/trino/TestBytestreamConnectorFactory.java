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
    void testObjectStoreRootWithoutItsFileSystemFailsTheCatalog()
    {
        assertThatThrownBy(() -> factory.create("pond", Map.of("bytestream.root-location", "s3://bucket/ponds"), new TestingConnectorContext()))
                .hasMessage("bytestream.root-location is s3://bucket/ponds, but the S3 file system is not enabled: add fs.native-s3.enabled=true to the catalog properties (with s3.region and, for S3-compatible stores, s3.endpoint)");
        assertThatThrownBy(() -> factory.create("pond", Map.of("bytestream.root-location", "gs://bucket/ponds"), new TestingConnectorContext()))
                .hasMessageContaining("fs.native-gcs.enabled=true");
        assertThatThrownBy(() -> factory.create("pond", Map.of("bytestream.root-location", "abfss://container@account.dfs.core.windows.net/ponds"), new TestingConnectorContext()))
                .hasMessageContaining("fs.native-azure.enabled=true");
        assertThatThrownBy(() -> factory.create("pond", Map.of("bytestream.root-location", "hdfs://namenode/ponds"), new TestingConnectorContext()))
                .hasMessageContaining("HDFS is not supported");

        Connector connector = factory.create("pond", Map.of("bytestream.root-location", "s3://bucket/ponds", "fs.native-s3.enabled", "true", "s3.region", "us-east-1"), new TestingConnectorContext());
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
