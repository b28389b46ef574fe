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

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The result of decoding a whole stream, as plain Java values per column.
 */
record Decoded(List<Integer> batchSizes, List<List<Object>> columns)
{
    static Decoded decode(Slice stream, List<IpcColumn> columns)
    {
        IpcStreamDecoder.DecodedBatches batches = new IpcStreamDecoder(columns).batches(stream);
        return collect(batches, columns);
    }

    /** Decodes the stream as one read by range would be ({@link IpcStreamDecoder#batches(StreamBytes)}). */
    static Decoded decodeByRange(StreamBytes stream, List<IpcColumn> columns)
    {
        IpcStreamDecoder.DecodedBatches batches = new IpcStreamDecoder(columns).batches(stream);
        return collect(batches, columns);
    }

    private static Decoded collect(IpcStreamDecoder.DecodedBatches batches, List<IpcColumn> columns)
    {
        List<Integer> batchSizes = new ArrayList<>();
        List<List<Object>> values = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            values.add(new ArrayList<>());
        }
        for (DecodedBatch batch = batches.next(); batch != null; batch = batches.next()) {
            assertThat(batch.blocks()).hasSize(columns.size());
            batchSizes.add(batch.positionCount());
            for (int i = 0; i < columns.size(); i++) {
                assertThat(batch.blocks()[i].getPositionCount()).isEqualTo(batch.positionCount());
                List<Object> decoded = TrinoValues.read(columns.get(i).type(), batch.blocks()[i]);
                assertThat(TrinoValues.read(columns.get(i).type(), BlockSerialization.roundTrip(batch.blocks()[i])))
                        .as("column %s after Trino's page serialization", columns.get(i).name())
                        .isEqualTo(decoded);
                values.get(i).addAll(decoded);
            }
        }
        return new Decoded(batchSizes, values);
    }

    int rowCount()
    {
        return batchSizes.stream().mapToInt(Integer::intValue).sum();
    }
}
