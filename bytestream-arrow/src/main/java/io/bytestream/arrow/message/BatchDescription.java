package io.bytestream.arrow.message;

/**
 * Names a record or dictionary batch in error messages. Formatted only when an error is raised:
 * building the text for every batch cost ~5% of decoding small records.
 *
 * @param kind "record batch" or "dictionary batch"
 * @param ordinal the record batch's position among record batches, or the dictionary id
 */
public record BatchDescription(String kind, long ordinal, IpcMessage message)
{
    @Override
    public String toString()
    {
        return "%s %s (%s)".formatted(kind, ordinal, message.describe());
    }
}
