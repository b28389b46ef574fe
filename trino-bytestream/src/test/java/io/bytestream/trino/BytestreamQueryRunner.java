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

import io.airlift.log.Level;
import io.airlift.log.Logger;
import io.airlift.log.Logging;
import io.bytestream.writer.SamplePond;
import io.trino.Session;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.QueryRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.trino.testing.TestingSession.testSessionBuilder;
import static java.util.Objects.requireNonNull;

/**
 * An in-process Trino cluster (a coordinator and workers) with a {@code pond} catalog of the bytestream connector.
 */
public final class BytestreamQueryRunner
{
    public static final String CATALOG = "pond";

    private BytestreamQueryRunner() {}

    public static Builder builder(Path root)
    {
        return builder(root.toUri().toString());
    }

    public static Builder builder(String rootLocation)
    {
        return new Builder(rootLocation);
    }

    public static final class Builder
            extends DistributedQueryRunner.Builder<Builder>
    {
        private final String rootLocation;
        private final Map<String, String> connectorProperties = new HashMap<>();

        private Builder(String rootLocation)
        {
            super(testSessionBuilder()
                    .setCatalog(CATALOG)
                    .setSchema(SamplePond.SCHEMA)
                    .build());
            this.rootLocation = requireNonNull(rootLocation, "rootLocation is null");
            setWorkerCount(2);
        }

        public Builder addConnectorProperty(String key, String value)
        {
            connectorProperties.put(key, value);
            return this;
        }

        @Override
        public DistributedQueryRunner build()
                throws Exception
        {
            // delta-kernel and parquet-mr log every snapshot load and file read at INFO, as etc/log.properties silences them
            Logging logging = Logging.initialize();
            for (String logger : List.of("io.delta", "org.apache.parquet", "org.apache.hadoop")) {
                logging.setLevel(logger, Level.WARN);
            }
            DistributedQueryRunner queryRunner = super.build();
            try {
                queryRunner.installPlugin(new BytestreamPlugin());
                Map<String, String> properties = new HashMap<>(connectorProperties);
                properties.putIfAbsent("bytestream.root-location", rootLocation);
                queryRunner.createCatalog(CATALOG, BytestreamConnectorFactory.CONNECTOR_NAME, properties);
                return queryRunner;
            }
            catch (Throwable e) {
                queryRunner.close();
                throw e;
            }
        }
    }

    public static Session session(String schema)
    {
        return testSessionBuilder().setCatalog(CATALOG).setSchema(schema).build();
    }

    /**
     * Writes the sample pond into a fresh folder and serves it on http://localhost:8080 (catalog {@code pond}).
     */
    public static void main(String[] args)
            throws Exception
    {
        Path root = Files.createTempDirectory("bytestream-pond");
        SamplePond.Summary summary = SamplePond.write(root);
        QueryRunner queryRunner = builder(root)
                .addCoordinatorProperty("http-server.http.port", "8080")
                .build();
        Logger log = Logger.get(BytestreamQueryRunner.class);
        log.info("Sample pond at %s:%n%s", root, summary);
        log.info("======== SERVER STARTED ========");
        log.info("\n====\n%s\n====", ((DistributedQueryRunner) queryRunner).getCoordinator().getBaseUrl());
    }
}
