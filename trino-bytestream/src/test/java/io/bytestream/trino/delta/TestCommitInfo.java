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

package io.bytestream.trino.delta;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

final class TestCommitInfo
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void testSparkCommitInfo()
            throws IOException
    {
        CommitInfo info = parse("""
                {"timestamp":1717200000005,"userId":"4242","userName":"ada@example.com","operation":"MERGE",
                 "operationParameters":{"predicate":"[\\"(id = 1)\\"]","matchedPredicates":"[{\\"actionType\\":\\"update\\"}]"},
                 "job":{"jobId":"1"},"clusterId":"0601-000000-abcdef","readVersion":7,"isolationLevel":"WriteSerializable",
                 "isBlindAppend":false,"operationMetrics":{"numTargetRowsUpdated":"3","executionTimeMs":"120"},
                 "engineInfo":"Apache-Spark/3.5.1 Delta-Lake/3.2.0","txnId":"6c0b4a36"}
                """);
        assertThat(info).isEqualTo(new CommitInfo(
                Optional.empty(),
                Optional.of("4242"),
                Optional.of("ada@example.com"),
                Optional.of("MERGE"),
                Optional.of(Map.of("predicate", "[\"(id = 1)\"]", "matchedPredicates", "[{\"actionType\":\"update\"}]")),
                Optional.of("0601-000000-abcdef"),
                Optional.of(7L),
                Optional.of("WriteSerializable"),
                Optional.of(false),
                Optional.of(Map.of("numTargetRowsUpdated", "3", "executionTimeMs", "120"))));
    }

    @Test
    void testDeltaKernelCommitInfoWithInCommitTimestamp()
            throws IOException
    {
        CommitInfo info = parse("""
                {"inCommitTimestamp":1717200000000,"timestamp":1717200000005,"engineInfo":"Kernel-4.4.0/bytestream-writer","operation":"WRITE",
                 "operationParameters":{},"isBlindAppend":true,"txnId":"b1","operationMetrics":{}}
                """);
        assertThat(info.inCommitTimestamp()).contains(1717200000000L);
        assertThat(info.operation()).contains("WRITE");
        assertThat(info.operationParameters()).contains(Map.of());
        assertThat(info.blindAppend()).contains(true);
        assertThat(info.userId()).isEmpty();
        assertThat(info.readVersion()).isEmpty();
    }

    @Test
    void testValuesOfOtherJsonTypes()
            throws IOException
    {
        // delta-rs: parameters and metrics of any JSON type, a number as a string
        CommitInfo info = parse("""
                {"timestamp":1,"operation":"WRITE","readVersion":"12","isBlindAppend":"true","clusterId":17,
                 "operationParameters":{"mode":"Append","partitionBy":["node_id"],"predicate":null,"nested":{"a":1}},
                 "operationMetrics":{"num_added_files":1,"execution_time_ms":1.5,"ok":true}}
                """);
        Map<String, String> parameters = new HashMap<>();
        parameters.put("mode", "Append");
        parameters.put("partitionBy", "[\"node_id\"]");
        parameters.put("predicate", null);
        parameters.put("nested", "{\"a\":1}");
        assertThat(info.operationParameters()).contains(parameters);
        assertThat(info.operationMetrics()).contains(Map.of("num_added_files", "1", "execution_time_ms", "1.5", "ok", "true"));
        assertThat(info.readVersion()).contains(12L);
        assertThat(info.blindAppend()).contains(true);
        assertThat(info.clusterId()).contains("17");
    }

    @Test
    void testFieldsOfTheWrongShapeAreMissing()
            throws IOException
    {
        CommitInfo info = parse("""
                {"inCommitTimestamp":"soon","readVersion":1.5,"isBlindAppend":"maybe","operationParameters":"mode=Append",
                 "operationMetrics":[1],"userId":null,"operation":{"name":"WRITE"}}
                """);
        assertThat(info.inCommitTimestamp()).isEmpty();
        assertThat(info.readVersion()).isEmpty();
        assertThat(info.blindAppend()).isEmpty();
        assertThat(info.operationParameters()).isEmpty();
        assertThat(info.operationMetrics()).isEmpty();
        assertThat(info.userId()).isEmpty();
        assertThat(info.operation()).contains("{\"name\":\"WRITE\"}");
        assertThat(parse("{}")).isEqualTo(new CommitInfo(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    private static CommitInfo parse(String json)
            throws IOException
    {
        return CommitInfo.of(JSON.readTree(json));
    }
}
