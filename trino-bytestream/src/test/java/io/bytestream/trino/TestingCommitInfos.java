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
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * commitInfo actions as writers other than delta-kernel write them, for commits rewritten by hand.
 */
final class TestingCommitInfos
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestingCommitInfos() {}

    /**
     * The commitInfo of version v of {@code tt.ict}: version 2's is shaped as Spark's (operation parameters as JSON
     * text, metrics as strings), version 3's as delta-rs's (parameters of other JSON types), the others minimal.
     */
    static ObjectNode sparkLike(long version)
    {
        long inCommitTimestamp = TestBytestreamTimeTravel.inCommitTime(version).toEpochMilli();
        ObjectNode commitInfo = JSON.createObjectNode()
                .put("inCommitTimestamp", inCommitTimestamp)
                .put("timestamp", inCommitTimestamp + 5);
        if (version == 2) {
            commitInfo.put("userId", "4242")
                    .put("userName", "ada@example.com")
                    .put("operation", "WRITE");
            commitInfo.putObject("operationParameters")
                    .put("mode", "Append")
                    .put("partitionBy", "[\"node_id\"]");
            commitInfo.putObject("notebook").put("notebookId", "77");
            commitInfo.put("clusterId", "0601-000000-abcdef")
                    .put("readVersion", 1)
                    .put("isolationLevel", "WriteSerializable")
                    .put("isBlindAppend", true);
            commitInfo.putObject("operationMetrics")
                    .put("numFiles", "1")
                    .put("numOutputRows", "1")
                    .put("numOutputBytes", "1642");
            commitInfo.put("engineInfo", "Apache-Spark/3.5.1 Delta-Lake/3.2.0")
                    .put("txnId", "6c0b4a36-5b40-4a2f-9d7e-3f3cbd1c1c11");
        }
        else if (version == 3) {
            commitInfo.put("operation", "WRITE")
                    .put("clientVersion", "delta-rs.0.25.0")
                    .put("readVersion", "2");
            ObjectNode parameters = commitInfo.putObject("operationParameters");
            parameters.put("mode", "Append");
            parameters.putArray("partitionBy").add("node_id");
            parameters.putNull("predicate");
            commitInfo.putObject("operationMetrics").put("num_added_files", 1).put("execution_time_ms", 12);
        }
        else {
            commitInfo.put("operation", version == 0 ? "CREATE TABLE" : "WRITE");
        }
        return commitInfo;
    }
}
