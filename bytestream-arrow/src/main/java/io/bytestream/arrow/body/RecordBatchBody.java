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

package io.bytestream.arrow.body;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.bytestream.arrow.format.FormatException;
import io.bytestream.arrow.message.BatchDescription;
import io.bytestream.arrow.message.IpcMessage;
import io.bytestream.arrow.schema.ArrowField;
import io.bytestream.arrow.schema.ArrowType;
import io.bytestream.arrow.schema.BufferLayout;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.RecordBatch;

import java.util.function.ObjIntConsumer;

/**
 * The field nodes and buffers of one record batch (or of a dictionary batch's data), validated up front:
 * every node has 0 &le; nullCount &le; length &le; {@link Integer#MAX_VALUE} and every buffer lies inside the
 * message body. Column readers consume nodes and buffers in schema pre-order through the cursors.
 * <p>
 * The buffers are located in {@link #data()}: at first the stream itself; {@link BodyDecoder} substitutes a
 * decoded copy of the body (decompressed, or converted to little-endian) through {@link #withData}.
 */
public final class RecordBatchBody
{
    private static final int FIELD_NODE_SIZE = 16;
    private static final int BUFFER_SIZE = 16;
    private static final long MAX_EXPANSION = 1L << 26;

    private final Slice data;
    private final BatchDescription description;
    // where the body lies in data
    private final int bodyOffset;
    private final int bodyLength;
    // the body size that bounds what its nodes may claim: the larger of the stored and the decoded body
    private final int sizeBound;
    private final int length;
    private final int[] nodeLengths;
    private final int[] nodeNullCounts;
    private final int[] bufferOffsets;
    private final int[] bufferLengths;
    private final long[] variadicBufferCounts;
    private int nextNode;
    private int nextBuffer;
    private int nextVariadicBufferCount;

    private RecordBatchBody(Slice data, BatchDescription description, int bodyOffset, int bodyLength, int sizeBound, int length, int[] nodeLengths, int[] nodeNullCounts, int[] bufferOffsets, int[] bufferLengths, long[] variadicBufferCounts)
    {
        this.data = data;
        this.description = description;
        this.bodyOffset = bodyOffset;
        this.bodyLength = bodyLength;
        this.sizeBound = sizeBound;
        this.length = length;
        this.nodeLengths = nodeLengths;
        this.nodeNullCounts = nodeNullCounts;
        this.bufferOffsets = bufferOffsets;
        this.bufferLengths = bufferLengths;
        this.variadicBufferCounts = variadicBufferCounts;
    }

    /**
     * Reads the row count of a record batch header, without touching the body.
     */
    public static int rowCount(RecordBatch header, BatchDescription description)
    {
        long length = header.length();
        if (length < 0 || length > Integer.MAX_VALUE) {
            throw new FormatException("Invalid Arrow IPC stream, %s: row count %s".formatted(description, length));
        }
        return (int) length;
    }

    /**
     * Validates the nodes and buffers of the header against the message's body in the stream. The buffers
     * are taken as they are stored: a compressed or big-endian body still needs decoding.
     */
    static RecordBatchBody create(Slice stream, IpcMessage message, RecordBatch header, BatchDescription description)
    {
        int length = rowCount(header, description);
        int metadataLimit = message.message().getByteBuffer().capacity();

        int nodeCount = header.nodesLength();
        if (nodeCount < 0 || nodeCount > metadataLimit / FIELD_NODE_SIZE) {
            throw new FormatException("Invalid Arrow IPC stream, %s: field node count %s".formatted(description, nodeCount));
        }
        int[] nodeLengths = new int[nodeCount];
        int[] nodeNullCounts = new int[nodeCount];
        org.apache.arrow.flatbuf.FieldNode node = new org.apache.arrow.flatbuf.FieldNode();
        for (int i = 0; i < nodeCount; i++) {
            header.nodes(node, i);
            long nodeLength = node.length();
            long nullCount = node.nullCount();
            if (nodeLength < 0 || nodeLength > Integer.MAX_VALUE || nullCount < 0 || nullCount > nodeLength) {
                throw new FormatException("Invalid Arrow IPC stream, %s: field node %s has length %s and null count %s".formatted(description, i, nodeLength, nullCount));
            }
            nodeLengths[i] = (int) nodeLength;
            nodeNullCounts[i] = (int) nullCount;
        }

        int bufferCount = header.buffersLength();
        if (bufferCount < 0 || bufferCount > metadataLimit / BUFFER_SIZE) {
            throw new FormatException("Invalid Arrow IPC stream, %s: buffer count %s".formatted(description, bufferCount));
        }
        int[] bufferOffsets = new int[bufferCount];
        int[] bufferLengths = new int[bufferCount];
        Buffer buffer = new Buffer();
        for (int i = 0; i < bufferCount; i++) {
            header.buffers(buffer, i);
            long offset = buffer.offset();
            long bufferLength = buffer.length();
            if (offset < 0 || bufferLength < 0 || offset > message.bodyLength() || bufferLength > message.bodyLength() - offset) {
                throw new FormatException("Invalid Arrow IPC stream, %s: buffer %s (offset %s, length %s) lies outside the body of %s bytes".formatted(
                        description, i, offset, bufferLength, message.bodyLength()));
            }
            bufferOffsets[i] = message.bodyOffset() + (int) offset;
            bufferLengths[i] = (int) bufferLength;
        }

        int variadicCount = header.variadicBufferCountsLength();
        if (variadicCount < 0 || variadicCount > metadataLimit / Long.BYTES) {
            throw new FormatException("Invalid Arrow IPC stream, %s: variadic buffer count vector of length %s".formatted(description, variadicCount));
        }
        long[] variadicBufferCounts = new long[variadicCount];
        for (int i = 0; i < variadicCount; i++) {
            variadicBufferCounts[i] = header.variadicBufferCounts(i);
        }
        return new RecordBatchBody(stream, description, message.bodyOffset(), message.bodyLength(), message.bodyLength(), length, nodeLengths, nodeNullCounts, bufferOffsets, bufferLengths, variadicBufferCounts);
    }

    /**
     * The same nodes with the buffers placed in a decoded body: {@code data} is the whole body, or the buffers
     * read of it (the others then empty), and buffer i lies at {@code bufferOffsets[i]} with
     * {@code bufferLengths[i]} bytes, inside it. The cursors start over.
     */
    RecordBatchBody withData(Slice data, int[] bufferOffsets, int[] bufferLengths)
    {
        if (bufferOffsets.length != this.bufferOffsets.length || bufferLengths.length != this.bufferLengths.length) {
            throw new IllegalArgumentException("a decoded body must have the %s buffers of the batch".formatted(this.bufferOffsets.length));
        }
        for (int i = 0; i < bufferOffsets.length; i++) {
            if (bufferOffsets[i] < 0 || bufferLengths[i] < 0 || bufferOffsets[i] > data.length() - bufferLengths[i]) {
                throw new IllegalArgumentException("buffer %s (offset %s, length %s) lies outside the decoded body of %s bytes".formatted(i, bufferOffsets[i], bufferLengths[i], data.length()));
            }
        }
        return new RecordBatchBody(data, description, 0, data.length(), Math.max(sizeBound, data.length()), length, nodeLengths, nodeNullCounts, bufferOffsets.clone(), bufferLengths.clone(), variadicBufferCounts);
    }

    /**
     * The same body with a private, writable copy of its bytes.
     */
    RecordBatchBody copied()
    {
        int[] offsets = new int[bufferOffsets.length];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = bufferOffsets[i] - bodyOffset;
        }
        return withData(Slices.wrappedBuffer(data.getBytes(bodyOffset, bodyLength)), offsets, bufferLengths);
    }

    /**
     * The same body with its cursors back at the first node, buffer and variadic buffer count.
     */
    public RecordBatchBody rewound()
    {
        return new RecordBatchBody(data, description, bodyOffset, bodyLength, sizeBound, length, nodeLengths, nodeNullCounts, bufferOffsets, bufferLengths, variadicBufferCounts);
    }

    /**
     * The bytes the buffer offsets point into: the stream itself, or a decoded copy of the body
     * (decompressed, or converted to little-endian).
     */
    public Slice data()
    {
        return data;
    }

    /**
     * The batch's row count (for a dictionary batch: the number of dictionary values).
     */
    public int length()
    {
        return length;
    }

    /**
     * Consumes the next field node and its validity buffer: the node's length and null flags, those of
     * the enclosing struct included ({@code parentNulls}, as Trino requires the fields of a null row to be null).
     */
    public FieldNode nextField(boolean[] parentNulls, String path)
    {
        int node = nextNode(path);
        return new FieldNode(nodeLengths[node], readValidity(node, parentNulls, path));
    }

    /**
     * Consumes the next field node of a type without a validity buffer (null, run_end_encoded, a union
     * since metadata V5): its null flags are those of the enclosing struct.
     */
    public FieldNode nextFieldWithoutValidity(boolean[] parentNulls, String path)
    {
        int positionCount = nodeLengths[nextNode(path)];
        return new FieldNode(positionCount, inheritedNulls(parentNulls, positionCount));
    }

    /**
     * Consumes the next field node, which must have no null (the entries of a map, the run ends of a
     * run-end encoded field), and its validity buffer unread; returns the node's length.
     *
     * @param what the node's values in the error message, e.g. {@code "map entries"}
     */
    public int nextNonNullField(String what, String path)
    {
        int node = nextNode(path);
        if (nodeNullCounts[node] > 0) {
            throw error(path, "%s null %s".formatted(nodeNullCounts[node], what));
        }
        nextBuffer(path);
        return nodeLengths[node];
    }

    /**
     * Consumes the nodes and buffers of {@code field} and of its descendants, without reading them.
     */
    public void skipField(ArrowField field, String path)
    {
        walk(field, path, true, (_, _) -> {});
    }

    /**
     * Consumes the buffers of {@code field} and of its descendants in schema pre-order, as the readers do,
     * and hands each buffer that {@link BufferLayout} describes to {@code action} with its element; the
     * variadic data buffers of a view are consumed unseen. With {@code consumeNodes}, consumes the field
     * nodes too.
     */
    void walk(ArrowField field, String path, boolean consumeNodes, ObjIntConsumer<BufferLayout.Element> action)
    {
        if (consumeNodes) {
            nextNode(path);
        }
        for (BufferLayout.Element element : BufferLayout.of(field)) {
            action.accept(element, nextBuffer(path));
        }
        if (field.isDictionaryEncoded()) {
            // the children describe the dictionary values, which come in dictionary batches
            return;
        }
        if (field.type() instanceof ArrowType.View) {
            // the variadic data buffers hold raw bytes
            skipBuffers((int) nextVariadicBufferCount(path), path);
        }
        for (ArrowField child : field.children()) {
            walk(child, path + "." + child.name(), consumeNodes, action);
        }
    }

    private int nextNode(String path)
    {
        if (nextNode >= nodeLengths.length) {
            throw error(path, "the batch has only %s field nodes".formatted(nodeLengths.length));
        }
        return nextNode++;
    }

    int bufferCount()
    {
        return bufferOffsets.length;
    }

    /** The index of the buffer the cursor is at: the number of buffers consumed. */
    int bufferCursor()
    {
        return nextBuffer;
    }

    /**
     * Returns the index of the next buffer.
     */
    public int nextBuffer(String path)
    {
        if (nextBuffer >= bufferOffsets.length) {
            throw error(path, "the batch has only %s buffers".formatted(bufferOffsets.length));
        }
        return nextBuffer++;
    }

    /**
     * Offset of the buffer in {@link #data()}.
     */
    public int bufferOffset(int buffer)
    {
        return bufferOffsets[buffer];
    }

    public int bufferLength(int buffer)
    {
        return bufferLengths[buffer];
    }

    /**
     * Returns the next buffer after checking it holds at least {@code count} values of {@code byteWidth} bytes.
     */
    public int nextBuffer(String path, String kind, int count, int byteWidth)
    {
        int buffer = nextBuffer(path);
        long required = (long) count * byteWidth;
        if (bufferLengths[buffer] < required) {
            throw error(path, "%s buffer %s has %s bytes, %s values of %s bytes need %s".formatted(kind, buffer, bufferLengths[buffer], count, byteWidth, required));
        }
        return buffer;
    }

    private void skipBuffers(int count, String path)
    {
        for (int i = 0; i < count; i++) {
            nextBuffer(path);
        }
    }

    public long nextVariadicBufferCount(String path)
    {
        if (nextVariadicBufferCount >= variadicBufferCounts.length) {
            throw error(path, "the batch has only %s variadic buffer counts".formatted(variadicBufferCounts.length));
        }
        long count = variadicBufferCounts[nextVariadicBufferCount++];
        if (count < 0 || count > bufferOffsets.length) {
            throw error(path, "variadic buffer count %s".formatted(count));
        }
        return count;
    }

    /**
     * Consumes the validity buffer of {@code node} and returns the null flags of its positions, or null when
     * no position is null. Positions flagged in {@code parentNulls} are null too.
     */
    private boolean[] readValidity(int node, boolean[] parentNulls, String path)
    {
        int buffer = nextBuffer(path);
        int positionCount = nodeLengths[node];
        if (nodeNullCounts[node] == 0) {
            return inheritedNulls(parentNulls, positionCount);
        }
        int byteCount = bitmapBytes(positionCount);
        if (bufferLengths[buffer] < byteCount) {
            throw error(path, "validity buffer %s has %s bytes, %s positions need %s".formatted(buffer, bufferLengths[buffer], positionCount, byteCount));
        }
        boolean[] isNull = new boolean[positionCount];
        byte[] bitmap = data.getBytes(bufferOffsets[buffer], byteCount);
        for (int position = 0; position < positionCount; position++) {
            isNull[position] = (bitmap[position >>> 3] & (1 << (position & 7))) == 0;
        }
        if (parentNulls != null) {
            int count = Math.min(parentNulls.length, positionCount);
            for (int position = 0; position < count; position++) {
                isNull[position] |= parentNulls[position];
            }
        }
        return isNull;
    }

    /**
     * The null flags of a node without a validity buffer: those of the enclosing struct, or null when there are none.
     */
    private static boolean[] inheritedNulls(boolean[] parentNulls, int positionCount)
    {
        if (parentNulls == null) {
            return null;
        }
        boolean[] isNull = new boolean[positionCount];
        System.arraycopy(parentNulls, 0, isNull, 0, Math.min(parentNulls.length, positionCount));
        return isNull;
    }

    public static int bitmapBytes(int positionCount)
    {
        return (int) ((positionCount + 7L) >>> 3);
    }

    /**
     * Guards allocations whose size comes from a node length that no buffer has to back
     * (e.g. a fixed_size_list of size 0): such a length may not exceed what the body could encode as bits.
     */
    public void checkUnbackedLength(int count, String path)
    {
        if (count > 8L * sizeBound + 64) {
            throw error(path, "length %s is implausible for a body of %s bytes".formatted(count, sizeBound));
        }
    }

    /**
     * Guards allocations for data that a node may reference many times over (runs of a run-end encoded
     * node, overlapping list views, views sharing bytes): {@code count} positions or bytes may not exceed
     * {@link #MAX_EXPANSION} or 8 times the body, whichever is more, nor the size of a Java array.
     */
    public void checkExpansion(long count, String what, String path)
    {
        if (count > Math.min(Math.max(MAX_EXPANSION, 8L * sizeBound), Integer.MAX_VALUE - 8)) {
            throw error(path, "%s %s exceed what a batch of %s bytes is decoded into (at most %s, or 8 times the body)".formatted(count, what, sizeBound, MAX_EXPANSION));
        }
    }

    public FormatException error(String path, String detail)
    {
        return new FormatException("Invalid Arrow IPC stream, %s, column '%s': %s".formatted(description, path, detail));
    }
}
