package io.bytestream.arrow.column;

import io.trino.spi.block.Block;

/**
 * Arrow lets a null list or map slot cover elements; Trino expects null slots to be empty (functions
 * over the whole element block would otherwise see hidden elements). This drops the elements of null slots.
 */
final class NullCompaction
{
    private NullCompaction() {}

    record Compacted(int[] offsets, Block[] elements) {}

    static Compacted compact(int positionCount, boolean[] isNull, int[] offsets, Block... elements)
    {
        if (isNull == null || !nullsCoverElements(positionCount, isNull, offsets)) {
            return new Compacted(offsets, elements);
        }
        int[] newOffsets = new int[positionCount + 1];
        int[] retained = new int[offsets[positionCount] - offsets[0]];
        int retainedCount = 0;
        for (int position = 0; position < positionCount; position++) {
            if (!isNull[position]) {
                for (int element = offsets[position]; element < offsets[position + 1]; element++) {
                    retained[retainedCount++] = element;
                }
            }
            newOffsets[position + 1] = retainedCount;
        }
        Block[] compacted = new Block[elements.length];
        for (int i = 0; i < elements.length; i++) {
            compacted[i] = elements[i].copyPositions(retained, 0, retainedCount);
        }
        return new Compacted(newOffsets, compacted);
    }

    private static boolean nullsCoverElements(int positionCount, boolean[] isNull, int[] offsets)
    {
        for (int position = 0; position < positionCount; position++) {
            if (isNull[position] && offsets[position + 1] != offsets[position]) {
                return true;
            }
        }
        return false;
    }
}
