package io.bytestream.arrow;

import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * The last line of defence: malformed input is checked explicitly everywhere, but should a flatbuffer
 * accessor or a block constructor still fail on some unforeseen corruption, the caller sees an
 * {@link IpcFormatException} rather than an arbitrary runtime exception.
 */
final class Guard
{
    private Guard() {}

    static <T> T guard(Supplier<T> action)
    {
        try {
            return action.get();
        }
        catch (IpcFormatException | UncheckedIOException e) {
            // a failure to read is not a malformed stream
            throw e;
        }
        catch (RuntimeException e) {
            throw new IpcFormatException("Invalid Arrow IPC stream: " + e, e);
        }
    }
}
