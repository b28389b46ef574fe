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
import io.airlift.units.DataSize;
import io.airlift.units.Duration;
import io.bytestream.trino.reader.BadRecordHandling;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;
import static io.airlift.units.DataSize.Unit.MEGABYTE;
import static java.util.concurrent.TimeUnit.HOURS;
import static java.util.concurrent.TimeUnit.MINUTES;
import static java.util.concurrent.TimeUnit.SECONDS;

final class TestBytestreamConfig
{
    @Test
    void testDefaults()
    {
        assertRecordedDefaults(recordDefaults(BytestreamConfig.class)
                .setRootLocation(null)
                .setContentColumn("content")
                .setMaxSplitSize(DataSize.of(64, MEGABYTE))
                .setMaxRecordSize(DataSize.of(256, MEGABYTE))
                .setMetadataCacheTtl(new Duration(10, MINUTES))
                .setMetadataCacheMaximumSize(1_000)
                .setMetadataParallelism(8)
                .setDynamicFilteringWaitTimeout(new Duration(1, SECONDS))
                .setBadRecordHandling(BadRecordHandling.FAIL)
                .setVerifyChecksums(true));
    }

    @Test
    void testExplicitPropertyMappings()
    {
        Map<String, String> properties = ImmutableMap.<String, String>builder()
                .put("bytestream.root-location", "s3://bucket/ponds")
                .put("bytestream.content-column", "payload")
                .put("bytestream.max-split-size", "16MB")
                .put("bytestream.max-record-size", "8MB")
                .put("bytestream.metadata-cache-ttl", "1h")
                .put("bytestream.metadata-cache-maximum-size", "50")
                .put("bytestream.metadata-parallelism", "3")
                .put("bytestream.dynamic-filtering.wait-timeout", "20s")
                .put("bytestream.bad-record-handling", "FLAG")
                .put("bytestream.verify-checksums", "false")
                .buildOrThrow();

        BytestreamConfig expected = new BytestreamConfig()
                .setRootLocation("s3://bucket/ponds")
                .setContentColumn("payload")
                .setMaxSplitSize(DataSize.of(16, MEGABYTE))
                .setMaxRecordSize(DataSize.of(8, MEGABYTE))
                .setMetadataCacheTtl(new Duration(1, HOURS))
                .setMetadataCacheMaximumSize(50)
                .setMetadataParallelism(3)
                .setDynamicFilteringWaitTimeout(new Duration(20, SECONDS))
                .setBadRecordHandling(BadRecordHandling.FLAG)
                .setVerifyChecksums(false);

        assertFullMapping(properties, expected);
    }
}
