package io.bytestream.arrow;

import java.util.List;

/**
 * The top-level fields of a stream's schema message.
 *
 * @param metadataVersion the {@code MetadataVersion} of the schema message
 */
record ArrowSchema(List<ArrowField> fields, short metadataVersion)
{
    ArrowSchema
    {
        fields = List.copyOf(fields);
    }
}
