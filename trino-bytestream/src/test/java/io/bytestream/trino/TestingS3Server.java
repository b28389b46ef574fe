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

import com.google.common.collect.ImmutableMap;
import io.opentelemetry.api.OpenTelemetry;
import io.trino.filesystem.TrinoFileSystem;
import io.trino.filesystem.s3.S3FileSystemConfig;
import io.trino.filesystem.s3.S3FileSystemFactory;
import io.trino.filesystem.s3.S3FileSystemStats;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

import java.net.URI;
import java.util.Map;

import static io.trino.spi.security.ConnectorIdentity.ofUser;

/**
 * A real S3 server (s3proxy with an in-memory blob store) on 127.0.0.1 and a free port, with fixed credentials
 * and path-style addressing, for tests that run the connector and the writer against {@code s3://} locations.
 */
final class TestingS3Server
        implements AutoCloseable
{
    static final String ACCESS_KEY = "bytestream-access-key";
    static final String SECRET_KEY = "bytestream-secret-key";
    static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final String endpoint;
    private final S3Client client;
    private final S3FileSystemFactory fileSystemFactory;

    TestingS3Server()
            throws Exception
    {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // Trino's S3 client asks for optional object attributes when listing, which s3proxy does not implement
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!proxy.getState().equals("STARTED")) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        endpoint = "http://127.0.0.1:" + proxy.getPort();
        client = S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
        fileSystemFactory = new S3FileSystemFactory(OpenTelemetry.noop(), new S3FileSystemConfig()
                .setEndpoint(endpoint)
                .setRegion(REGION)
                .setPathStyleAccess(true)
                .setAwsAccessKey(ACCESS_KEY)
                .setAwsSecretKey(SECRET_KEY), new S3FileSystemStats());
    }

    String endpoint()
    {
        return endpoint;
    }

    void createBucket(String bucket)
    {
        client.createBucket(request -> request.bucket(bucket));
    }

    /**
     * Trino's native S3 file system, configured for this server as a catalog with {@link #catalogProperties} is.
     */
    TrinoFileSystem fileSystem()
    {
        return fileSystemFactory.create(ofUser("bytestream-writer"));
    }

    /**
     * Keys and sizes of the objects under {@code prefix}.
     */
    Map<String, Long> objects(String bucket, String prefix)
    {
        ImmutableMap.Builder<String, Long> objects = ImmutableMap.builder();
        client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build())
                .contents()
                .forEach(object -> objects.put(object.key(), object.size()));
        return objects.buildOrThrow();
    }

    /**
     * The catalog properties of a bytestream catalog over {@code rootLocation} on this server, as a user writes them.
     */
    Map<String, String> catalogProperties(String rootLocation)
    {
        return ImmutableMap.<String, String>builder()
                .put("bytestream.root-location", rootLocation)
                .put("fs.native-s3.enabled", "true")
                .put("s3.endpoint", endpoint)
                .put("s3.region", REGION)
                .put("s3.path-style-access", "true")
                .put("s3.aws-access-key", ACCESS_KEY)
                .put("s3.aws-secret-key", SECRET_KEY)
                .buildOrThrow();
    }

    @Override
    public void close()
            throws Exception
    {
        try (client) {
            fileSystemFactory.destroy();
        }
        finally {
            proxy.stop();
        }
    }
}
