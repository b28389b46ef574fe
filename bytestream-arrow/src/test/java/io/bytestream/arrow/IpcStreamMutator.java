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

import io.airlift.slice.Slices;
import org.apache.arrow.flatbuf.Message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random mutations of valid Arrow IPC streams: whole messages duplicated, removed or swapped, bits flipped,
 * bytes and lengths overwritten, streams truncated. Used by {@link TestIpcStreamMutations}, and to put malformed
 * records into record tables.
 */
public final class IpcStreamMutator
{
    private IpcStreamMutator() {}

    /**
     * A valid stream, its columns and its message boundaries.
     *
     * @param messages offset and length of each message (prefix, metadata and body), end-of-stream marker excluded
     */
    public record Base(String name, byte[] bytes, List<IpcColumn> columns, List<int[]> messages, int end)
    {
        public static Base of(String name, byte[] bytes)
        {
            List<int[]> messages = new ArrayList<>();
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(LITTLE_ENDIAN);
            int position = 0;
            while (position + 4 <= bytes.length) {
                int prefix = 4;
                int metadataLength = buffer.getInt(position);
                if (metadataLength == -1) {
                    prefix = 8;
                    metadataLength = buffer.getInt(position + 4);
                }
                if (metadataLength == 0) {
                    break;
                }
                Message message = Message.getRootAsMessage(buffer.slice(position + prefix, metadataLength).order(LITTLE_ENDIAN));
                int length = Math.toIntExact(prefix + metadataLength + message.bodyLength());
                messages.add(new int[] {position, length});
                position += length;
            }
            assertThat(messages).as("messages of %s", name).hasSizeGreaterThanOrEqualTo(2);
            return new Base(name, bytes, IpcSchemaReader.readColumns(Slices.wrappedBuffer(bytes)), List.copyOf(messages), position);
        }
    }

    public static byte[] mutate(Base base, Random random, List<String> changes)
    {
        byte[] bytes = base.bytes().clone();
        // a message-level change first, while the message boundaries are known
        if (random.nextInt(5) == 0) {
            bytes = mutateMessages(base, random, changes);
        }
        int byteChanges = changes.isEmpty() ? 1 + random.nextInt(3) : random.nextInt(3);
        for (int i = 0; i < byteChanges && bytes.length > 0; i++) {
            bytes = mutateBytes(bytes, random, changes);
        }
        return bytes;
    }

    private static byte[] mutateMessages(Base base, Random random, List<String> changes)
    {
        List<byte[]> messages = new ArrayList<>();
        for (int[] message : base.messages()) {
            messages.add(Arrays.copyOfRange(base.bytes(), message[0], message[0] + message[1]));
        }
        int index = random.nextInt(messages.size());
        switch (random.nextInt(3)) {
            case 0 -> {
                int target = random.nextInt(messages.size() + 1);
                messages.add(target, messages.get(index).clone());
                changes.add("message %s duplicated to position %s".formatted(index, target));
            }
            case 1 -> {
                messages.remove(index);
                changes.add("message %s removed".formatted(index));
            }
            default -> {
                int other = random.nextInt(messages.size());
                messages.set(index, messages.set(other, messages.get(index)));
                changes.add("messages %s and %s swapped".formatted(index, other));
            }
        }
        byte[] tail = Arrays.copyOfRange(base.bytes(), base.end(), base.bytes().length);
        int length = tail.length + messages.stream().mapToInt(message -> message.length).sum();
        ByteBuffer result = ByteBuffer.allocate(length);
        messages.forEach(result::put);
        result.put(tail);
        return result.array();
    }

    private static byte[] mutateBytes(byte[] bytes, Random random, List<String> changes)
    {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(LITTLE_ENDIAN);
        switch (random.nextInt(6)) {
            case 0 -> {
                int position = random.nextInt(bytes.length);
                int bit = random.nextInt(8);
                bytes[position] ^= (byte) (1 << bit);
                changes.add("bit %s of byte %s flipped".formatted(bit, position));
            }
            case 1 -> {
                int position = random.nextInt(bytes.length);
                byte value = new byte[] {0x00, (byte) 0xFF, 0x7F, (byte) 0x80}[random.nextInt(4)];
                bytes[position] = value;
                changes.add("byte %s set to 0x%02x".formatted(position, value));
            }
            case 2 -> {
                if (bytes.length < 4) {
                    return bytes;
                }
                int position = random.nextInt(bytes.length / 4) * 4;
                int original = buffer.getInt(position);
                int[] values = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, original + 1, original - 1, bytes.length - 1, bytes.length, bytes.length + 1, 1 << 30};
                int value = values[random.nextInt(values.length)];
                buffer.putInt(position, value);
                changes.add("int32 at %s: %s -> %s".formatted(position, original, value));
            }
            case 3 -> {
                if (bytes.length < 8) {
                    return bytes;
                }
                int position = random.nextInt(bytes.length / 8) * 8;
                long original = buffer.getLong(position);
                long[] values = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, original + 1, original - 1, bytes.length - 1, bytes.length + 1, Integer.MAX_VALUE + 1L, 1L << 32};
                long value = values[random.nextInt(values.length)];
                buffer.putLong(position, value);
                changes.add("int64 at %s: %s -> %s".formatted(position, original, value));
            }
            case 4 -> {
                int length = random.nextInt(bytes.length);
                changes.add("truncated to %s of %s bytes".formatted(length, bytes.length));
                return Arrays.copyOf(bytes, length);
            }
            default -> {
                int position = random.nextInt(bytes.length);
                int length = 1 + random.nextInt(Math.min(16, bytes.length - position));
                byte[] noise = new byte[length];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, bytes, position, length);
                changes.add("%s random bytes at %s: %s".formatted(length, position, HexFormat.of().formatHex(noise)));
            }
        }
        return bytes;
    }
}
