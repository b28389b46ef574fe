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

package io.bytestream.trino;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bytestream.trino.delta.TestingDeltaCommits;
import io.trino.spi.type.DecimalType;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.google.common.base.Preconditions.checkArgument;
import static io.trino.spi.type.DecimalType.createDecimalType;
import static java.lang.Integer.parseInt;
import static org.apache.parquet.hadoop.metadata.CompressionCodecName.UNCOMPRESSED;
import static org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit.MICROS;

/**
 * Record tables of other shapes than the writer's: any outer columns, of Delta primitive types, any of them partition
 * columns (none, one, several), the content in a binary column of any name. Written by hand as the Delta protocol lays
 * them out, one data file per partition (several records a file, uncompressed PLAIN pages so that contents are read by
 * range), without column mapping or statistics.
 */
final class TestingRecordLayouts
{
    private static final ObjectMapper JSON = new ObjectMapper();
    // holds any unscaled value of precision 38
    private static final int LONG_DECIMAL_BYTES = 16;
    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");
    private static final DateTimeFormatter PARTITION_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    /** An outer column: {@code deltaType} one of string, long, integer, boolean, date, timestamp, binary, decimal(p,s). */
    record Column(String name, String deltaType, boolean partition)
    {
        /** The precision and scale of a decimal column. */
        Optional<DecimalType> decimal()
        {
            Matcher matcher = DECIMAL.matcher(deltaType);
            return matcher.matches() ? Optional.of(createDecimalType(parseInt(matcher.group(1)), parseInt(matcher.group(2)))) : Optional.empty();
        }

        static Column outer(String name, String deltaType)
        {
            return new Column(name, deltaType, false);
        }

        static Column partition(String name, String deltaType)
        {
            return new Column(name, deltaType, true);
        }
    }

    /**
     * A row of the table: its outer values by column name as Java values (String, Long, Integer, Boolean, LocalDate,
     * Instant, byte[], BigDecimal; absent for NULL), binary columns included. A partition value is written to the log as
     * the protocol serialises it (a BigDecimal as its {@code toString}, as Spark does); a String is written as it is, so
     * that a value of any column can be one its type does not have.
     */
    record Row(Map<String, Object> values)
    {
        Row
        {
            values = new HashMap<>(values);
        }

        Object value(String column)
        {
            return values.get(column);
        }
    }

    private TestingRecordLayouts() {}

    /**
     * Writes the rows as version 0 of a new table with these columns, in this order: one data file per set of
     * partition values, named after the first row's place in {@code rows}. Returns the data files' paths relative to
     * the table, by partition values.
     */
    static Map<List<Object>, String> write(Path table, List<Column> columns, List<Row> rows)
            throws IOException
    {
        return write(table, columns, columns.stream().filter(Column::partition).map(Column::name).toList(), rows);
    }

    /**
     * As {@link #write(Path, List, List)}, the table partitioned by the partition columns in the order of
     * {@code partitionedBy} (Delta's {@code partitionColumns}), which need not be their order in the schema.
     */
    static Map<List<Object>, String> write(Path table, List<Column> columns, List<String> partitionedBy, List<Row> rows)
            throws IOException
    {
        List<Column> partitionColumns = partitionedBy.stream()
                .map(name -> columns.stream().filter(column -> column.partition() && column.name().equals(name)).findFirst().orElseThrow())
                .toList();
        checkArgument(partitionColumns.size() == columns.stream().filter(Column::partition).count(), "partitionedBy must name every partition column: %s", partitionedBy);
        List<Column> fileColumns = columns.stream().filter(column -> !column.partition()).toList();
        Map<List<Object>, List<Row>> byPartition = new LinkedHashMap<>();
        for (Row row : rows) {
            byPartition.computeIfAbsent(Arrays.asList(partitionColumns.stream().map(column -> row.value(column.name())).toArray()), _ -> new ArrayList<>()).add(row);
        }
        List<ObjectNode> actions = new ArrayList<>();
        actions.add(protocol());
        actions.add(metadata(columns, partitionColumns));
        Map<List<Object>, String> paths = new LinkedHashMap<>();
        MessageType fileSchema = fileSchema(fileColumns);
        int file = 0;
        for (Map.Entry<List<Object>, List<Row>> partition : byPartition.entrySet()) {
            String relativePath = "part%d/part-%05d.parquet".formatted(file, file);
            file++;
            Path path = table.resolve(relativePath);
            Files.createDirectories(path.getParent());
            writeDataFile(path, fileSchema, fileColumns, partition.getValue());
            actions.add(add(relativePath, Files.size(path), partitionColumns, partition.getKey(), partition.getValue().size()));
            paths.put(partition.getKey(), relativePath);
        }
        TestingDeltaCommits.writeActions(table.resolve("_delta_log").resolve("%020d.json".formatted(0)), actions);
        return paths;
    }

    private static MessageType fileSchema(List<Column> columns)
    {
        Types.MessageTypeBuilder schema = Types.buildMessage();
        for (Column column : columns) {
            switch (column.deltaType()) {
                case "string" -> schema.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(column.name());
                case "binary" -> schema.optional(PrimitiveTypeName.BINARY).named(column.name());
                case "long" -> schema.optional(PrimitiveTypeName.INT64).named(column.name());
                case "integer" -> schema.optional(PrimitiveTypeName.INT32).named(column.name());
                case "boolean" -> schema.optional(PrimitiveTypeName.BOOLEAN).named(column.name());
                case "date" -> schema.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(column.name());
                case "timestamp" -> schema.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true, MICROS)).named(column.name());
                default -> {
                    DecimalType decimal = column.decimal().orElseThrow(() -> new IllegalArgumentException("no Parquet type here for " + column.deltaType()));
                    LogicalTypeAnnotation annotation = LogicalTypeAnnotation.decimalType(decimal.getScale(), decimal.getPrecision());
                    // INT32 or INT64 by precision, as Spark writes them; a long decimal in 16 bytes, where Spark takes as few as hold it
                    if (decimal.getPrecision() <= 9) {
                        schema.optional(PrimitiveTypeName.INT32).as(annotation).named(column.name());
                    }
                    else if (decimal.isShort()) {
                        schema.optional(PrimitiveTypeName.INT64).as(annotation).named(column.name());
                    }
                    else {
                        schema.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(LONG_DECIMAL_BYTES).as(annotation).named(column.name());
                    }
                }
            }
        }
        return schema.named("spark_schema");
    }

    private static void writeDataFile(Path path, MessageType fileSchema, List<Column> columns, List<Row> rows)
            throws IOException
    {
        SimpleGroupFactory groups = new SimpleGroupFactory(fileSchema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(path))
                .withType(fileSchema)
                .withConf(new Configuration(false))
                .withCompressionCodec(UNCOMPRESSED)
                .withDictionaryEncoding(false)
                .build()) {
            for (Row row : rows) {
                Group group = groups.newGroup();
                for (int field = 0; field < columns.size(); field++) {
                    Object value = row.value(columns.get(field).name());
                    switch (value) {
                        case null -> {}
                        case String string -> group.add(field, string);
                        case byte[] bytes -> group.add(field, Binary.fromConstantByteArray(bytes));
                        case Long number -> group.add(field, number);
                        case Integer number -> group.add(field, number);
                        case Boolean bool -> group.add(field, bool);
                        case LocalDate date -> group.add(field, Math.toIntExact(date.toEpochDay()));
                        case Instant instant -> group.add(field, instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000);
                        case BigDecimal decimal -> addDecimal(group, field, columns.get(field).decimal().orElseThrow(), decimal);
                        default -> throw new IllegalArgumentException("no Parquet value here for " + value.getClass());
                    }
                }
                writer.write(group);
            }
        }
    }

    private static void addDecimal(Group group, int field, DecimalType type, BigDecimal value)
    {
        BigInteger unscaled = value.setScale(type.getScale()).unscaledValue();
        if (type.getPrecision() <= 9) {
            group.add(field, unscaled.intValueExact());
        }
        else if (type.isShort()) {
            group.add(field, unscaled.longValueExact());
        }
        else {
            // big-endian two's complement, sign-extended to the column's length
            byte[] bytes = unscaled.toByteArray();
            byte[] padded = new byte[LONG_DECIMAL_BYTES];
            Arrays.fill(padded, 0, padded.length - bytes.length, (byte) (unscaled.signum() < 0 ? -1 : 0));
            System.arraycopy(bytes, 0, padded, padded.length - bytes.length, bytes.length);
            group.add(field, Binary.fromConstantByteArray(padded));
        }
    }

    private static ObjectNode protocol()
    {
        ObjectNode action = JSON.createObjectNode();
        action.putObject("protocol").put("minReaderVersion", 1).put("minWriterVersion", 2);
        return action;
    }

    private static ObjectNode metadata(List<Column> columns, List<Column> partitionColumns)
    {
        ObjectNode schema = JSON.createObjectNode().put("type", "struct");
        ArrayNode fields = schema.putArray("fields");
        columns.forEach(column -> fields.addObject().put("name", column.name()).put("type", column.deltaType()).put("nullable", true).putObject("metadata"));
        ObjectNode action = JSON.createObjectNode();
        ObjectNode metadata = action.putObject("metaData")
                .put("id", "5d1c4b0e-7a3f-4c2b-9e61-0f2a8d3c6b47")
                .put("schemaString", schema.toString())
                .put("createdTime", 1714557600000L);
        metadata.putObject("format").put("provider", "parquet").putObject("options");
        ArrayNode partitionedBy = metadata.putArray("partitionColumns");
        partitionColumns.forEach(column -> partitionedBy.add(column.name()));
        metadata.putObject("configuration");
        return action;
    }

    private static ObjectNode add(String relativePath, long size, List<Column> partitionColumns, List<Object> partitionValues, int records)
    {
        ObjectNode action = JSON.createObjectNode();
        ObjectNode add = action.putObject("add")
                .put("path", relativePath)
                .put("size", size)
                .put("modificationTime", 1714557600000L)
                .put("dataChange", true)
                .put("stats", JSON.createObjectNode().put("numRecords", records).toString());
        ObjectNode values = add.putObject("partitionValues");
        for (int column = 0; column < partitionColumns.size(); column++) {
            values.put(partitionColumns.get(column).name(), partitionValue(partitionValues.get(column)));
        }
        return action;
    }

    /** A partition value serialised as the Delta protocol says ("Partition Value Serialization"); null for NULL. */
    private static String partitionValue(Object value)
    {
        return switch (value) {
            case null -> null;
            case Instant instant -> PARTITION_TIMESTAMP.format(instant);
            // as Spark casts binary to string
            case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
            default -> value.toString();
        };
    }
}
