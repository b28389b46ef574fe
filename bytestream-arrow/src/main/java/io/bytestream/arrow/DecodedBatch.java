package io.bytestream.arrow;

import io.trino.spi.block.Block;

import static java.util.Objects.requireNonNull;

/**
 * One decoded record batch: {@code positionCount} rows and one block per requested column, in request order.
 */
public record DecodedBatch(int positionCount, Block[] blocks)
{
    public DecodedBatch
    {
        requireNonNull(blocks, "blocks is null");
    }
}
