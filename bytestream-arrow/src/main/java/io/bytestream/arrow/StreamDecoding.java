package io.bytestream.arrow;

import io.airlift.slice.Slice;
import io.trino.spi.block.Block;
import io.trino.spi.block.RunLengthEncodedBlock;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decoding of one stream: its schema, the readers of the requested columns matched against that
 * schema by name, the decoding of its batch bodies, and the position in the message sequence.
 */
final class StreamDecoding
{
    private final List<IpcColumn> columns;
    private final IpcMessageReader messages;
    private final List<ArrowField> fields;
    private final BodyDecoder bodies;
    private final Map<Long, ArrowField> dictionaryFields = new HashMap<>();
    private final List<DictionaryColumnReader> dictionaryReaders;
    // per record field, the reader; null past the last field the query needs
    private final ColumnReader[] readers;
    // per record field, the index of the requested column it fills, or -1
    private final int[] columnIndexes;
    private int recordBatchCount;

    /**
     * @param maxDecodedBodyBytes the largest decompressed body allowed
     */
    StreamDecoding(Slice stream, List<IpcColumn> columns, long maxDecodedBodyBytes)
    {
        this.columns = columns;
        this.messages = new IpcMessageReader(stream);
        ArrowSchema schema = SchemaParser.parse(messages.next());
        this.fields = schema.fields();
        this.bodies = new BodyDecoder(stream, schema.byteOrder(), maxDecodedBodyBytes);
        for (ArrowField field : fields) {
            collectDictionaryFields(field);
        }

        columnIndexes = FieldMatcher.match(fields, columns.stream().map(column -> Optional.of(column.name())).toList());
        int neededFieldCount = 0;
        for (int i = 0; i < fields.size(); i++) {
            if (columnIndexes[i] >= 0) {
                neededFieldCount = i + 1;
            }
        }
        ColumnReaderFactory factory = new ColumnReaderFactory();
        readers = new ColumnReader[fields.size()];
        for (int i = 0; i < neededFieldCount; i++) {
            ArrowField field = fields.get(i);
            readers[i] = columnIndexes[i] < 0
                    ? new SkippingColumnReader(field, field.name())
                    : factory.create(field, columns.get(columnIndexes[i]).type(), columns.get(columnIndexes[i]).name());
        }
        dictionaryReaders = factory.dictionaryReaders();
    }

    /**
     * Decodes messages up to the next non-empty record batch; returns null at the end of the stream.
     */
    DecodedBatch nextBatch()
    {
        while (true) {
            IpcMessage message = messages.next();
            if (message == null) {
                return null;
            }
            switch (message.headerType()) {
                case MessageHeader.RecordBatch -> {
                    DecodedBatch batch = decodeRecordBatch(message);
                    if (batch.positionCount() > 0) {
                        return batch;
                    }
                }
                case MessageHeader.DictionaryBatch -> loadDictionary(message);
                default -> throw new IpcFormatException("Invalid Arrow IPC stream: unexpected %s after the schema".formatted(message.describe()));
            }
        }
    }

    private DecodedBatch decodeRecordBatch(IpcMessage message)
    {
        BatchDescription description = new BatchDescription("record batch", recordBatchCount++, message);
        RecordBatch header = (RecordBatch) message.message().header(new RecordBatch());
        if (header == null) {
            throw new IpcFormatException("Invalid Arrow IPC stream, %s: no record batch header".formatted(description));
        }
        if (columns.isEmpty()) {
            return new DecodedBatch(RecordBatchBody.rowCount(header, description), new Block[0]);
        }
        RecordBatchBody body = bodies.decode(message, header, description, fields);
        int positionCount = body.length();
        Block[] blocks = new Block[columns.size()];
        for (int i = 0; i < readers.length && readers[i] != null; i++) {
            Block block = readers[i].read(body, null);
            if (columnIndexes[i] >= 0) {
                blocks[columnIndexes[i]] = FieldMatcher.checkedChildBlock(body, block, positionCount, columns.get(columnIndexes[i]).name());
            }
        }
        for (int i = 0; i < blocks.length; i++) {
            if (blocks[i] == null) {
                blocks[i] = RunLengthEncodedBlock.create(columns.get(i).type(), null, positionCount);
            }
        }
        return new DecodedBatch(positionCount, blocks);
    }

    private void loadDictionary(IpcMessage message)
    {
        DictionaryBatch batch = (DictionaryBatch) message.message().header(new DictionaryBatch());
        if (batch == null || batch.data() == null) {
            throw new IpcFormatException("Invalid Arrow IPC stream, %s: no dictionary batch data".formatted(message.describe()));
        }
        long id = batch.id();
        if (!dictionaryFields.containsKey(id)) {
            throw new IpcFormatException("Invalid Arrow IPC stream, %s: dictionary id %s is not used by the schema".formatted(message.describe(), id));
        }
        BatchDescription description = new BatchDescription("dictionary batch", id, message);
        RecordBatchBody body = null;
        for (DictionaryColumnReader reader : dictionaryReaders) {
            if (reader.dictionaryId() == id) {
                // decoded once, read by every column of this dictionary
                body = body == null ? bodies.decode(message, batch.data(), description, List.of(dictionaryFields.get(id))) : body.rewound();
                reader.load(body, batch.isDelta());
            }
        }
    }

    private void collectDictionaryFields(ArrowField field)
    {
        if (field.isDictionaryEncoded()) {
            ArrowField values = field.dictionaryValueField();
            ArrowField previous = dictionaryFields.putIfAbsent(field.dictionary().id(), values);
            if (previous != null && !previous.describeType().equals(values.describeType())) {
                throw new IpcFormatException("Invalid Arrow IPC schema: dictionary id %s is used for values of type %s and %s".formatted(
                        field.dictionary().id(), previous.describeType(), values.describeType()));
            }
        }
        for (ArrowField child : field.children()) {
            collectDictionaryFields(child);
        }
    }
}
