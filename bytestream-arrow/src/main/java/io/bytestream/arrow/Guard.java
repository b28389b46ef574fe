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

package io.bytestream.arrow;

import io.bytestream.arrow.format.FormatException;
import io.bytestream.arrow.format.UnsupportedTypeException;

import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * Every entry point of the public API runs through here. The packages below the API report a malformed
 * stream with {@link FormatException}, as they cannot name the public exceptions above them; here it becomes
 * an {@link IpcFormatException} (or, for an {@link UnsupportedTypeException}, an
 * {@link UnsupportedArrowTypeException}) with the same message and stack trace.
 * <p>
 * It is also the last line of defence: malformed input is checked explicitly everywhere, but should a
 * flatbuffer accessor or a block constructor still fail on some unforeseen corruption, the caller sees an
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
        catch (FormatException e) {
            throw publicException(e);
        }
        catch (IpcFormatException | UncheckedIOException e) {
            // a failure to read is not a malformed stream
            throw e;
        }
        catch (RuntimeException e) {
            throw new IpcFormatException("Invalid Arrow IPC stream: " + e, e);
        }
    }

    private static IpcFormatException publicException(FormatException e)
    {
        IpcFormatException exception = e instanceof UnsupportedTypeException
                ? new UnsupportedArrowTypeException(e.getMessage())
                : new IpcFormatException(e.getMessage());
        // where the error was found, not where it crossed the API
        exception.setStackTrace(e.getStackTrace());
        return exception;
    }
}
