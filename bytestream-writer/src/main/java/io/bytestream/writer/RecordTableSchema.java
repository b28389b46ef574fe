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

package io.bytestream.writer;

import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;

import java.util.List;

/**
 * The Delta schema of a record table as written by the reference (Rust) writer.
 */
public final class RecordTableSchema
{
    public static final String NODE_ID = "node_id";
    public static final String TIMESTAMP = "timestamp";
    public static final String VERSION = "version";
    public static final String CONTENT = "content";

    public static final StructType SCHEMA = new StructType()
            .add(NODE_ID, StringType.STRING, false)
            .add(TIMESTAMP, TimestampType.TIMESTAMP, false)
            .add(VERSION, LongType.LONG, false)
            .add(CONTENT, BinaryType.BINARY, false);

    public static final List<String> PARTITION_COLUMNS = List.of(NODE_ID);

    private RecordTableSchema() {}
}
