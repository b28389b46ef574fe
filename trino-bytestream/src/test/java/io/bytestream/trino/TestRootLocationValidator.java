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

import io.trino.filesystem.manager.FileSystemConfig;
import io.trino.spi.TrinoException;
import org.junit.jupiter.api.Test;

import static io.bytestream.trino.RootLocationValidator.validateFileSystemEnabled;
import static io.trino.spi.StandardErrorCode.CONFIGURATION_INVALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestRootLocationValidator
{
    @Test
    void testFileNeedsNoFileSystemProperty()
    {
        assertThatCode(() -> validateFileSystemEnabled("file:///srv/ponds", new FileSystemConfig())).doesNotThrowAnyException();
    }

    @Test
    void testEnabledFileSystems()
    {
        assertThatCode(() -> validateFileSystemEnabled("s3://bucket/ponds", new FileSystemConfig().setNativeS3Enabled(true))).doesNotThrowAnyException();
        assertThatCode(() -> validateFileSystemEnabled("s3a://bucket/ponds", new FileSystemConfig().setNativeS3Enabled(true))).doesNotThrowAnyException();
        assertThatCode(() -> validateFileSystemEnabled("gs://bucket/ponds", new FileSystemConfig().setNativeGcsEnabled(true))).doesNotThrowAnyException();
        assertThatCode(() -> validateFileSystemEnabled("abfss://container@account.dfs.core.windows.net/ponds", new FileSystemConfig().setNativeAzureEnabled(true))).doesNotThrowAnyException();
        assertThatCode(() -> validateFileSystemEnabled("local:///ponds", new FileSystemConfig().setNativeLocalEnabled(true))).doesNotThrowAnyException();
        // HDFS serves every scheme no native file system is enabled for
        assertThatCode(() -> validateFileSystemEnabled("hdfs://namenode/ponds", new FileSystemConfig().setHadoopEnabled(true))).doesNotThrowAnyException();
        assertThatCode(() -> validateFileSystemEnabled("s3://bucket/ponds", new FileSystemConfig().setHadoopEnabled(true))).doesNotThrowAnyException();
    }

    @Test
    void testMissingFileSystemNamesTheProperty()
    {
        assertFailure("s3://bucket/ponds", new FileSystemConfig(), "bytestream.root-location is s3://bucket/ponds, but the S3 file system is not enabled: add fs.native-s3.enabled=true to the catalog properties");
        assertFailure("s3a://bucket/ponds", new FileSystemConfig(), "add fs.native-s3.enabled=true");
        assertFailure("s3://bucket/ponds", new FileSystemConfig().setNativeGcsEnabled(true).setNativeAzureEnabled(true), "add fs.native-s3.enabled=true");
        assertFailure("gs://bucket/ponds", new FileSystemConfig().setNativeS3Enabled(true), "bytestream.root-location is gs://bucket/ponds, but the Google Cloud Storage file system is not enabled: add fs.native-gcs.enabled=true");
        assertFailure("abfs://container@account.dfs.core.windows.net/ponds", new FileSystemConfig(), "the Azure Storage file system is not enabled: add fs.native-azure.enabled=true");
        assertFailure("abfss://container@account.dfs.core.windows.net/ponds", new FileSystemConfig(), "add fs.native-azure.enabled=true");
        assertFailure("hdfs://namenode/ponds", new FileSystemConfig().setNativeS3Enabled(true), "bytestream.root-location is hdfs://namenode/ponds, but HDFS is not supported: the plugin ships no Hadoop file system");
        assertFailure("ftp://host/ponds", new FileSystemConfig(), "no file system serves scheme 'ftp'");
    }

    private static void assertFailure(String rootLocation, FileSystemConfig config, String message)
    {
        assertThatThrownBy(() -> validateFileSystemEnabled(rootLocation, config))
                .isInstanceOfSatisfying(TrinoException.class, e -> assertThat(e.getErrorCode()).isEqualTo(CONFIGURATION_INVALID.toErrorCode()))
                .hasMessageContaining(message);
    }
}
