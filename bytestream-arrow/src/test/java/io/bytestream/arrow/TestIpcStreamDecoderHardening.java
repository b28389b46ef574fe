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

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import org.apache.arrow.vector.compression.CompressionUtil.CodecType;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Malformed input of any kind must end in an {@link IpcFormatException}: never another exception, a hang
 * or a block that fails when read.
 */
class TestIpcStreamDecoderHardening
{
    private static final Path ARROW_TESTING = Path.of("../testing/arrow-testing");

    @Test
    void testEveryTruncation()
    {
        Slice stream = richStream();
        List<IpcColumn> columns = IpcSchemaReader.readColumns(stream);
        Decoded expected = Decoded.decode(stream, columns);
        int decodedPrefixes = 0;
        for (int length = 0; length < stream.length(); length++) {
            if (decodeSafely(stream.slice(0, length), columns, "truncation at " + length)) {
                decodedPrefixes++;
            }
        }
        // prefixes ending exactly at a message boundary are valid streams without the end marker
        assertThat(decodedPrefixes).isBetween(1, 20);
        assertThat(Decoded.decode(stream, columns)).isEqualTo(expected);
    }

    @Test
    void testRandomMutations()
    {
        assertThat(mutate("testRandomMutations", richStream(), 5_000, 60)).isGreaterThan(500);
    }

    /**
     * Mutations of big-endian streams exercise the conversion to little-endian before the readers.
     */
    @Test
    void testBigEndianMutations()
            throws IOException
    {
        Path bigEndian = ARROW_TESTING.resolve("integration/1.0.0-bigendian");
        for (String name : List.of("primitive", "nested_dictionary", "decimal", "map")) {
            Slice stream = Slices.wrappedBuffer(Files.readAllBytes(bigEndian.resolve("generated_%s.stream".formatted(name))));
            assertThat(mutate("testBigEndianMutations " + name, stream, 300, 15)).isGreaterThan(100);
        }
    }

    /**
     * Mutations of compressed streams mostly hit compressed data and length prefixes: the codecs must refuse
     * what does not decode, and never allocate more than the limit.
     */
    @Test
    void testCompressedMutations()
            throws IOException
    {
        Path compression = ARROW_TESTING.resolve("integration/2.0.0-compression");
        for (String name : List.of("lz4", "zstd", "uncompressible_lz4", "uncompressible_zstd")) {
            Slice stream = Slices.wrappedBuffer(Files.readAllBytes(compression.resolve("generated_%s.stream".formatted(name))));
            assertThat(mutate("testCompressedMutations " + name, stream, 300, 15)).isGreaterThan(100);
        }
        // Arrow Java's codecs, with a compressed dictionary batch
        for (CodecType codec : List.of(CodecType.LZ4_FRAME, CodecType.ZSTD)) {
            Slice stream = TestCompressedStreams.recompress(richStream(), codec);
            assertThat(mutate("testCompressedMutations rich " + codec, stream, 300, 15)).isGreaterThan(100);
        }
    }

    /**
     * Decodes up to {@code maxMutations} randomly mutated copies of the stream (for at most {@code seconds})
     * with the stream's own columns; returns how many were tried.
     */
    private static int mutate(String test, Slice stream, int maxMutations, int seconds)
    {
        long seed = System.nanoTime();
        System.out.println("TestIpcStreamDecoderHardening.%s seed: %s".formatted(test, seed));
        Random random = new Random(seed);
        List<IpcColumn> columns = IpcSchemaReader.readColumns(stream);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        int mutations = 0;
        for (; mutations < maxMutations && System.nanoTime() < deadline; mutations++) {
            byte[] bytes = changeBytes(stream, random);
            decodeSafely(Slices.wrappedBuffer(bytes), columns, "%s, seed %s, mutation %s".formatted(test, seed, mutations));
        }
        return mutations;
    }

    @Test
    void testFuzzerFoundStreams()
            throws IOException
    {
        List<Path> files = arrowTestingFiles("fuzz", 1, path -> !path.getFileName().toString().endsWith(".md"));
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            Slice stream = Slices.wrappedBuffer(Files.readAllBytes(file));
            decodeSafely(stream, null, file.getFileName().toString());
        }
    }

    @Test
    void testIntegrationStreams()
            throws IOException
    {
        List<Path> files = arrowTestingFiles("integration", Integer.MAX_VALUE, path -> path.getFileName().toString().endsWith(".stream"));
        Path integration = ARROW_TESTING.resolve("integration");
        int decoded = 0;
        for (Path file : files) {
            Slice stream = Slices.wrappedBuffer(Files.readAllBytes(file));
            if (decodeSafely(stream, null, file.toString())) {
                decoded++;
            }
        }
        // the streams of supported types must decode (not yet compared with their JSON: a later issue)
        assertThat(decoded).isGreaterThan(files.size() / 3);
        Path littleEndian = integration.resolve("1.0.0-littleendian");
        for (String name : List.of("primitive", "primitive_large_offsets", "primitive_no_batches", "primitive_zerolength", "dictionary", "dictionary_unsigned",
                "nested", "nested_dictionary", "nested_large_offsets", "recursive_nested", "map", "map_non_canonical", "custom_metadata", "extension")) {
            Path file = littleEndian.resolve("generated_%s.stream".formatted(name));
            Slice stream = Slices.wrappedBuffer(Files.readAllBytes(file));
            assertThat(decodeSafely(stream, null, file.toString())).as(file.toString()).isTrue();
        }
        // the 1.0.0 generator wrote decimals beyond their precision, which the decoder refuses
        for (String name : List.of("decimal", "decimal256")) {
            Slice stream = Slices.wrappedBuffer(Files.readAllBytes(littleEndian.resolve("generated_%s.stream".formatted(name))));
            assertThatThrownBy(() -> Decoded.decode(stream, IpcSchemaReader.readColumns(stream)))
                    .isInstanceOf(IpcFormatException.class)
                    .hasMessageContaining("does not fit decimal");
        }
        // compressed and big-endian streams are decoded (their values are compared in TestCompressedStreams and TestBigEndianStreams)
        for (String name : List.of("2.0.0-compression/generated_lz4", "2.0.0-compression/generated_zstd", "1.0.0-bigendian/generated_primitive", "1.0.0-bigendian/generated_nested_dictionary")) {
            Path file = integration.resolve(name + ".stream");
            Slice stream = Slices.wrappedBuffer(Files.readAllBytes(file));
            assertThat(decodeSafely(stream, null, file.toString())).as(file.toString()).isTrue();
        }
    }

    /**
     * A copy of {@code stream} with one to four random bytes set to 0xFF, 0x7F, a random value, or one bit flipped.
     */
    static byte[] changeBytes(Slice stream, Random random)
    {
        byte[] bytes = stream.getBytes();
        int changes = 1 + random.nextInt(4);
        for (int change = 0; change < changes; change++) {
            int position = random.nextInt(bytes.length);
            bytes[position] = switch (random.nextInt(4)) {
                case 0 -> (byte) 0xFF;
                case 1 -> (byte) 0x7F;
                case 2 -> (byte) (bytes[position] ^ (1 << random.nextInt(8)));
                default -> (byte) random.nextInt();
            };
        }
        return bytes;
    }

    /**
     * Decodes the stream with the given columns (or its own, when readable) and reads every value.
     * Returns whether the whole stream decoded; fails the test on anything but an IpcFormatException.
     */
    private static boolean decodeSafely(Slice stream, List<IpcColumn> columns, String description)
    {
        boolean decoded = true;
        try {
            IpcStreamDecoder.countRows(stream);
        }
        catch (IpcFormatException _) {
            decoded = false;
        }
        catch (RuntimeException | Error e) {
            fail("countRows, " + description, e);
        }
        List<IpcColumn> wanted = columns;
        try {
            List<IpcColumn> ownColumns = IpcSchemaReader.readColumns(stream);
            if (wanted == null) {
                wanted = ownColumns;
            }
        }
        catch (IpcFormatException _) {
            decoded = false;
        }
        catch (RuntimeException | Error e) {
            fail("readColumns, " + description, e);
        }
        if (wanted == null) {
            return false;
        }
        Decoded inMemory = null;
        try {
            inMemory = Decoded.decode(stream, wanted);
        }
        catch (IpcFormatException _) {
            decoded = false;
        }
        catch (RuntimeException | Error e) {
            fail("decode, " + description, e);
        }
        try {
            Decoded byRange = Decoded.decodeByRange(new TestRangeDecoding.RecordingStreamBytes(stream), wanted);
            if (inMemory != null) {
                assertThat(byRange).as("decode by range, " + description).isEqualTo(inMemory);
            }
        }
        catch (IpcFormatException _) {
            // by range, fewer bytes are read: a corrupt buffer of a column not requested goes unnoticed, never the reverse
            assertThat(inMemory).as("refused by range, decoded in memory: " + description).isNull();
        }
        catch (RuntimeException | Error e) {
            fail("decode by range, " + description, e);
        }
        return decoded;
    }

    /**
     * A stream with every supported type family, nulls, nesting, a dictionary and several batches.
     */
    static Slice richStream()
    {
        Field items = new Field("items", FieldType.nullable(ArrowType.List.INSTANCE), List.of(
                new Field("item", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(Field.nullable("x", new ArrowType.Int(32, true)), Field.nullable("y", ArrowType.Utf8.INSTANCE)))));
        Field map = new Field("m", FieldType.nullable(new ArrowType.Map(false)), List.of(
                new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(Field.notNullable("key", ArrowType.Utf8.INSTANCE), Field.nullable("value", new ArrowType.Int(64, true))))));
        List<Field> fields = List.of(
                Field.nullable("b", ArrowType.Bool.INSTANCE),
                Field.nullable("i", new ArrowType.Int(16, true)),
                Field.nullable("u", new ArrowType.Int(64, false)),
                Field.nullable("d", new ArrowType.Decimal(25, 3, 128)),
                Field.nullable("s", ArrowType.LargeUtf8.INSTANCE),
                Field.nullable("color", ArrowType.Utf8.INSTANCE),
                Field.nullable("day", new ArrowType.Date(DateUnit.MILLISECOND)),
                Field.nullable("ts", new ArrowType.Timestamp(TimeUnit.NANOSECOND, "UTC")),
                Field.nullable("t", new ArrowType.Time(TimeUnit.MICROSECOND, 64)),
                items,
                map);
        TestingArrowStreams.StringDictionary dictionary = new TestingArrowStreams.StringDictionary(
                List.of("red", "green", "blue"), List.of(5), new DictionaryEncoding(7, false, new ArrowType.Int(16, false)));
        List<List<List<?>>> batches = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            batches.add(List.of(
                    Arrays.asList(true, null, false),
                    Arrays.asList((short) 1, (short) -2, null),
                    Arrays.asList(-1L, null, 5L),
                    Arrays.asList(new BigDecimal("123456789012345678.901"), null, new BigDecimal("-0.001")),
                    Arrays.asList("ab", null, "ü" + batch),
                    Arrays.asList("red", null, "blue"),
                    Arrays.asList(86_400_000L, null, -86_400_000L),
                    Arrays.asList(1_700_000_000_123_456_789L, null, -1L),
                    Arrays.asList(1L, 86_399_999_999L, null),
                    Arrays.asList(List.of(Arrays.asList(1, "a"), Arrays.asList(null, "b")), null, List.of()),
                    Arrays.asList(Map.of("k", 1L), null, Map.of())));
        }
        return TestingArrowStreams.write(new Schema(fields), batches, dictionary);
    }

    /** The files of an arrow-testing folder (down to {@code depth}) that {@code filter} accepts, sorted. */
    private static List<Path> arrowTestingFiles(String folder, int depth, Predicate<Path> filter)
            throws IOException
    {
        Path directory = ARROW_TESTING.resolve(folder);
        assertThat(directory).as("the arrow-testing corpus checked in under testing/").isDirectory();
        try (Stream<Path> walk = Files.walk(directory, depth)) {
            return walk.filter(Files::isRegularFile).filter(filter).sorted().toList();
        }
    }
}
