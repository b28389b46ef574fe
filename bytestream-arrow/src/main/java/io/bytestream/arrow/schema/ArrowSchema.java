package io.bytestream.arrow.schema;

import java.nio.ByteOrder;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The top-level fields of a stream's schema message.
 *
 * @param metadataVersion the {@code MetadataVersion} of the schema message
 * @param byteOrder the byte order of the buffers of the stream's batches (the metadata is always little-endian)
 */
public record ArrowSchema(List<ArrowField> fields, short metadataVersion, ByteOrder byteOrder)
{
    public ArrowSchema
    {
        fields = List.copyOf(fields);
        requireNonNull(byteOrder, "byteOrder is null");
    }
}
