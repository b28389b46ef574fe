package io.bytestream.writer;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One row of a record table: the outer columns and the Arrow IPC stream held in {@code content}.
 * The timestamp is stored with microsecond precision; finer digits are dropped on write.
 */
public record Record(String nodeId, Instant timestamp, long version, byte[] content)
{
    public Record
    {
        requireNonNull(nodeId, "nodeId is null");
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(content, "content is null");
        if (nodeId.isEmpty()) {
            // Delta stores an empty partition value as null, which would not read back as written
            throw new IllegalArgumentException("nodeId is empty");
        }
    }
}
