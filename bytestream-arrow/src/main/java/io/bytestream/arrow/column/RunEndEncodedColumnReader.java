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

package io.bytestream.arrow.column;

import io.bytestream.arrow.body.RecordBatchBody;
import io.bytestream.arrow.schema.ArrowType;
import io.trino.spi.block.Block;
import io.trino.spi.block.DictionaryBlock;
import io.trino.spi.block.RunLengthEncodedBlock;

/**
 * run_end_encoded into the Trino type of its values: a dictionary block over the values, one id per
 * position (a run-length encoded block for a single run). The node has no buffers; its length is the
 * logical length, its children the run ends (positive, strictly increasing, the last covering that length)
 * and one value per run. An IPC node has no offset, so the first run starts at position 0.
 */
final class RunEndEncodedColumnReader
        implements ColumnReader
{
    private final ArrowType.Int runEndType;
    private final ColumnReader valueReader;
    private final String path;

    RunEndEncodedColumnReader(ArrowType.Int runEndType, ColumnReader valueReader, String path)
    {
        this.runEndType = runEndType;
        this.valueReader = valueReader;
        this.path = path;
    }

    @Override
    public Block read(RecordBatchBody body, boolean[] parentNulls)
    {
        // the enclosing struct's nulls are applied below, through the ids
        int positionCount = body.nextFieldWithoutValidity(null, path).positionCount();
        long[] runEnds = readRunEnds(body);
        int runCount = runEnds.length;
        Block values = valueReader.read(body, null);
        if (values.getPositionCount() < runCount) {
            throw body.error(path, "%s runs, but %s values".formatted(runCount, values.getPositionCount()));
        }
        long previousEnd = 0;
        for (int run = 0; run < runCount; run++) {
            if (runEnds[run] <= previousEnd) {
                throw body.error(path, "run end %s at index %s does not exceed the previous run end %s".formatted(runEnds[run], run, previousEnd));
            }
            previousEnd = runEnds[run];
        }
        if (previousEnd < positionCount) {
            throw body.error(path, "the runs cover %s positions, the node has %s".formatted(previousEnd, positionCount));
        }
        if (positionCount == 0) {
            return values.getRegion(0, 0);
        }
        boolean anyParentNull = anyNull(parentNulls, positionCount);
        if (runEnds[0] >= positionCount && !anyParentNull) {
            return RunLengthEncodedBlock.create(values.getRegion(0, 1), positionCount);
        }
        body.checkExpansion(positionCount, "run-end encoded positions", path);
        int[] ids = new int[positionCount];
        int start = 0;
        for (int run = 0; start < positionCount; run++) {
            int end = (int) Math.min(runEnds[run], positionCount);
            for (int position = start; position < end; position++) {
                ids[position] = run;
            }
            start = end;
        }
        if (anyParentNull) {
            int nullId = values.getPositionCount();
            for (int position = 0; position < Math.min(parentNulls.length, positionCount); position++) {
                if (parentNulls[position]) {
                    ids[position] = nullId;
                }
            }
            values = values.copyWithAppendedNull();
        }
        return DictionaryBlock.create(positionCount, values, ids);
    }

    private long[] readRunEnds(RecordBatchBody body)
    {
        String runEndsPath = path + ".run_ends";
        int runCount = body.nextNonNullField("run ends", runEndsPath);
        return IntegerValues.next(body, "run ends", runCount, runEndType.byteWidth(), runEndType.signed(), runEndsPath);
    }

    private static boolean anyNull(boolean[] isNull, int positionCount)
    {
        if (isNull != null) {
            for (int position = 0; position < Math.min(isNull.length, positionCount); position++) {
                if (isNull[position]) {
                    return true;
                }
            }
        }
        return false;
    }
}
