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
import io.airlift.bootstrap.LifeCycleManager;
import io.trino.filesystem.Location;
import io.trino.filesystem.manager.FileSystemConfig;
import io.trino.spi.TrinoException;

import static io.trino.spi.StandardErrorCode.CONFIGURATION_INVALID;

/**
 * Fails the catalog load when no file system is enabled for the scheme of {@code bytestream.root-location}:
 * otherwise the catalog loads and every query fails with Trino's generic {@code No factory for location}.
 */
final class RootLocationValidator
{
    private RootLocationValidator() {}

    /**
     * Validates the catalog's configuration; on failure stops what the injector started.
     */
    static void validate(Injector injector)
    {
        try {
            validateFileSystemEnabled(injector.getInstance(BytestreamConfig.class).getRootLocation(), injector.getInstance(FileSystemConfig.class));
        }
        catch (RuntimeException e) {
            injector.getInstance(LifeCycleManager.class).stop();
            throw e;
        }
    }

    static void validateFileSystemEnabled(String rootLocation, FileSystemConfig fileSystems)
    {
        if (fileSystems.isHadoopEnabled()) {
            // Trino's HDFS file system serves every scheme no native file system is enabled for
            return;
        }
        String scheme = Location.of(rootLocation).scheme().orElse("");
        boolean enabled = switch (scheme) {
            // served by the connector itself
            case "file" -> true;
            case "s3", "s3a", "s3n" -> fileSystems.isNativeS3Enabled();
            case "gs" -> fileSystems.isNativeGcsEnabled();
            case "abfs", "abfss", "wasb", "wasbs" -> fileSystems.isNativeAzureEnabled();
            case "alluxio" -> fileSystems.isAlluxioEnabled();
            case "local" -> fileSystems.isNativeLocalEnabled();
            default -> false;
        };
        if (!enabled) {
            throw new TrinoException(CONFIGURATION_INVALID, message(rootLocation, scheme));
        }
    }

    private static String message(String rootLocation, String scheme)
    {
        String problem = switch (scheme) {
            case "s3", "s3a", "s3n" -> "the S3 file system is not enabled: add fs.native-s3.enabled=true to the catalog properties (with s3.region and, for S3-compatible stores, s3.endpoint)";
            case "gs" -> "the Google Cloud Storage file system is not enabled: add fs.native-gcs.enabled=true to the catalog properties";
            case "abfs", "abfss", "wasb", "wasbs" -> "the Azure Storage file system is not enabled: add fs.native-azure.enabled=true to the catalog properties";
            case "alluxio" -> "the Alluxio file system is not enabled: add fs.alluxio.enabled=true to the catalog properties";
            case "local" -> "the local file system is not enabled: add fs.native-local.enabled=true to the catalog properties, or use a file:/// location";
            case "hdfs", "viewfs" -> "HDFS is not supported: the plugin ships no Hadoop file system; use an object store or a mounted folder (file:///)";
            default -> "no file system serves scheme '%s': use a file:///, s3://, gs://, abfs:// or abfss:// location".formatted(scheme);
        };
        return "bytestream.root-location is %s, but %s".formatted(rootLocation, problem);
    }
}
