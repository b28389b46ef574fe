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
