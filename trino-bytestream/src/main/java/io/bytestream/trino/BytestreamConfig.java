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

import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import io.airlift.units.DataSize;
import io.airlift.units.Duration;
import io.airlift.units.MaxDataSize;
import io.airlift.units.MaxDuration;
import io.airlift.units.MinDataSize;
import io.bytestream.trino.reader.BadRecordHandling;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.net.URI;

import static io.airlift.units.DataSize.Unit.MEGABYTE;
import static java.util.concurrent.TimeUnit.MINUTES;
import static java.util.concurrent.TimeUnit.SECONDS;

public class BytestreamConfig
{
    private String rootLocation;
    private String contentColumn = "content";
    private DataSize maxSplitSize = DataSize.of(64, MEGABYTE);
    private DataSize maxRecordSize = DataSize.of(256, MEGABYTE);
    private Duration metadataCacheTtl = new Duration(10, MINUTES);
    private long metadataCacheMaximumSize = 1_000;
    private int metadataParallelism = 8;
    private Duration dynamicFilteringWaitTimeout = new Duration(1, SECONDS);
    private BadRecordHandling badRecordHandling = BadRecordHandling.FAIL;
    private boolean verifyChecksums = true;

    @NotNull
    public String getRootLocation()
    {
        return rootLocation;
    }

    @Config("bytestream.root-location")
    @ConfigDescription("Location (URI) of the folder whose sub-folders are schemas holding record tables, e.g. file:///srv/ponds or s3://bucket/ponds")
    public BytestreamConfig setRootLocation(String rootLocation)
    {
        this.rootLocation = rootLocation;
        return this;
    }

    @AssertTrue(message = "bytestream.root-location must be an absolute URI with a scheme, such as file:///srv/ponds or s3://bucket/ponds")
    public boolean isRootLocationValid()
    {
        if (rootLocation == null) {
            return true;
        }
        try {
            URI uri = new URI(rootLocation);
            return uri.getScheme() != null && uri.getRawPath() != null && !uri.getRawPath().contains("..");
        }
        catch (Exception e) {
            return false;
        }
    }

    @NotNull
    @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]*", message = "must be a column name")
    public String getContentColumn()
    {
        return contentColumn;
    }

    @Config("bytestream.content-column")
    @ConfigDescription("Name of the binary Delta column that holds each record's Arrow IPC stream")
    public BytestreamConfig setContentColumn(String contentColumn)
    {
        this.contentColumn = contentColumn;
        return this;
    }

    @NotNull
    @MinDataSize("1MB")
    @MaxDataSize("1GB")
    public DataSize getMaxSplitSize()
    {
        return maxSplitSize;
    }

    @Config("bytestream.max-split-size")
    @ConfigDescription("Small data files of one partition are grouped into one split up to this total size")
    public BytestreamConfig setMaxSplitSize(DataSize maxSplitSize)
    {
        this.maxSplitSize = maxSplitSize;
        return this;
    }

    @NotNull
    @MinDataSize("1kB")
    @MaxDataSize("1GB")
    public DataSize getMaxRecordSize()
    {
        return maxRecordSize;
    }

    @Config("bytestream.max-record-size")
    @ConfigDescription("Largest Arrow IPC stream one record may hold, and largest size one of its compressed record batches may decompress to; larger records fail the query")
    public BytestreamConfig setMaxRecordSize(DataSize maxRecordSize)
    {
        this.maxRecordSize = maxRecordSize;
        return this;
    }

    @NotNull
    public Duration getMetadataCacheTtl()
    {
        return metadataCacheTtl;
    }

    @Config("bytestream.metadata-cache-ttl")
    @ConfigDescription("How long Delta snapshots and table schemas stay cached; 0s disables the cache. New commits are seen by the next query either way")
    public BytestreamConfig setMetadataCacheTtl(Duration metadataCacheTtl)
    {
        this.metadataCacheTtl = metadataCacheTtl;
        return this;
    }

    @Min(0)
    public long getMetadataCacheMaximumSize()
    {
        return metadataCacheMaximumSize;
    }

    @Config("bytestream.metadata-cache-maximum-size")
    @ConfigDescription("Most table versions whose snapshot and schema are cached")
    public BytestreamConfig setMetadataCacheMaximumSize(long metadataCacheMaximumSize)
    {
        this.metadataCacheMaximumSize = metadataCacheMaximumSize;
        return this;
    }

    @Min(1)
    @Max(256)
    public int getMetadataParallelism()
    {
        return metadataParallelism;
    }

    @Config("bytestream.metadata-parallelism")
    @ConfigDescription("Number of threads describing tables for information_schema and JDBC metadata queries, as Iceberg's iceberg.metadata.parallelism")
    public BytestreamConfig setMetadataParallelism(int metadataParallelism)
    {
        this.metadataParallelism = metadataParallelism;
        return this;
    }

    @NotNull
    @MaxDuration("1h")
    public Duration getDynamicFilteringWaitTimeout()
    {
        return dynamicFilteringWaitTimeout;
    }

    @Config("bytestream.dynamic-filtering.wait-timeout")
    @ConfigDescription("How long split planning waits for dynamic filters on partition columns (such as $node_id) of a join, to skip the partitions they exclude; 0s does not wait")
    public BytestreamConfig setDynamicFilteringWaitTimeout(Duration dynamicFilteringWaitTimeout)
    {
        this.dynamicFilteringWaitTimeout = dynamicFilteringWaitTimeout;
        return this;
    }

    @NotNull
    public BadRecordHandling getBadRecordHandling()
    {
        return badRecordHandling;
    }

    @Config("bytestream.bad-record-handling")
    @ConfigDescription("What a query does with a record whose content cannot be read: FAIL the query, SKIP the record, or FLAG it with one row holding its error")
    public BytestreamConfig setBadRecordHandling(BadRecordHandling badRecordHandling)
    {
        this.badRecordHandling = badRecordHandling;
        return this;
    }

    public boolean isVerifyChecksums()
    {
        return verifyChecksums;
    }

    @Config("bytestream.verify-checksums")
    @ConfigDescription("Verify the Parquet page checksums of the content column where the writer stored them: a record of a page that fails is a bad record")
    public BytestreamConfig setVerifyChecksums(boolean verifyChecksums)
    {
        this.verifyChecksums = verifyChecksums;
        return this;
    }
}
