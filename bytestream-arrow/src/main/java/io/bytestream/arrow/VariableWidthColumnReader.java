package io.bytestream.arrow;

import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trino.spi.block.Block;
import io.trino.spi.block.VariableWidthBlock;

import java.util.Optional;

/**
 * utf8, large_utf8, binary and large_binary into VARCHAR or VARBINARY. The bytes between the first and
 * the last offset are copied out of the stream in one piece, and the offsets rebased to start at 0.
 */
final class VariableWidthColumnReader
        implements ColumnReader
{
    private final boolean largeOffsets;
    private final String path;

    VariableWidthColumnReader(ArrowType.VariableWidth arrowType, String path)
    {
        this.largeOffsets = arrowType.largeOffsets();
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        int node = body.nextNode(path);
        int positionCount = body.nodeLength(node);
        boolean[] isNull = body.readValidity(node, parentNulls, path);
        int[] offsets = Offsets.read(body, positionCount, largeOffsets, path);
        int dataBuffer = body.nextBuffer(path);
        Offsets.check(body, offsets, body.bufferLength(dataBuffer), path);

        int start = offsets[0];
        int end = offsets[positionCount];
        Slice data = Slices.wrappedBuffer(body.data().getBytes(body.bufferOffset(dataBuffer) + start, end - start));
        if (start != 0) {
            for (int i = 0; i <= positionCount; i++) {
                offsets[i] -= start;
            }
        }
        return new VariableWidthBlock(positionCount, data, offsets, Optional.ofNullable(isNull));
    }
}
