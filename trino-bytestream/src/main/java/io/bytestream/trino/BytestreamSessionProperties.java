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

import com.google.common.collect.ImmutableList;
import com.google.inject.Inject;
import io.bytestream.trino.reader.BadRecordHandling;
import io.trino.plugin.base.session.SessionPropertiesProvider;
import io.trino.spi.connector.ConnectorSession;
import io.trino.spi.session.PropertyMetadata;

import java.util.List;

import static io.trino.spi.session.PropertyMetadata.booleanProperty;
import static io.trino.spi.session.PropertyMetadata.enumProperty;

/** The connector's session properties; each defaults to its catalog property. */
public final class BytestreamSessionProperties
        implements SessionPropertiesProvider
{
    public static final String BAD_RECORD_HANDLING = "bad_record_handling";
    public static final String VERIFY_CHECKSUMS = "verify_checksums";

    private final List<PropertyMetadata<?>> sessionProperties;

    @Inject
    public BytestreamSessionProperties(BytestreamConfig config)
    {
        sessionProperties = ImmutableList.of(
                enumProperty(
                        BAD_RECORD_HANDLING,
                        "What a query does with a record whose content cannot be read: FAIL the query, SKIP the record, or FLAG it with one row holding its error",
                        BadRecordHandling.class,
                        config.getBadRecordHandling(),
                        false),
                booleanProperty(
                        VERIFY_CHECKSUMS,
                        "Verify the Parquet page checksums of the content column where the writer stored them",
                        config.isVerifyChecksums(),
                        false));
    }

    @Override
    public List<PropertyMetadata<?>> getSessionProperties()
    {
        return sessionProperties;
    }

    public static BadRecordHandling getBadRecordHandling(ConnectorSession session)
    {
        return session.getProperty(BAD_RECORD_HANDLING, BadRecordHandling.class);
    }

    public static boolean isVerifyChecksums(ConnectorSession session)
    {
        return session.getProperty(VERIFY_CHECKSUMS, Boolean.class);
    }
}
