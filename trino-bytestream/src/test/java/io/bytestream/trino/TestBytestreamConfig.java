package io.bytestream.trino;

import com.google.common.collect.ImmutableMap;
import io.airlift.units.DataSize;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.airlift.configuration.testing.ConfigAssertions.assertFullMapping;
import static io.airlift.configuration.testing.ConfigAssertions.assertRecordedDefaults;
import static io.airlift.configuration.testing.ConfigAssertions.recordDefaults;
import static io.airlift.units.DataSize.Unit.MEGABYTE;

final class TestBytestreamConfig
{
    @Test
    void testDefaults()
    {
        assertRecordedDefaults(recordDefaults(BytestreamConfig.class)
                .setRootLocation(null)
                .setContentColumn("content")
                .setMaxSplitSize(DataSize.of(64, MEGABYTE))
                .setMaxRecordSize(DataSize.of(256, MEGABYTE)));
    }

    @Test
    void testExplicitPropertyMappings()
    {
        Map<String, String> properties = ImmutableMap.<String, String>builder()
                .put("bytestream.root-location", "s3://bucket/ponds")
                .put("bytestream.content-column", "payload")
                .put("bytestream.max-split-size", "16MB")
                .put("bytestream.max-record-size", "8MB")
                .buildOrThrow();

        BytestreamConfig expected = new BytestreamConfig()
                .setRootLocation("s3://bucket/ponds")
                .setContentColumn("payload")
                .setMaxSplitSize(DataSize.of(16, MEGABYTE))
                .setMaxRecordSize(DataSize.of(8, MEGABYTE));

        assertFullMapping(properties, expected);
    }
}
