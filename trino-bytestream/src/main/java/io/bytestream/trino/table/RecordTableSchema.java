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

package io.bytestream.trino.table;

import com.google.common.collect.ImmutableList;
import io.bytestream.arrow.IpcColumn;
import io.bytestream.trino.delta.OuterColumn;

import java.util.List;

/**
 * The columns of a record table at one snapshot: the inner columns from the newest record's Arrow schema, and the
 * outer columns of the Delta table other than the content column.
 */
public record RecordTableSchema(List<IpcColumn> innerColumns, List<OuterColumn> outerColumns)
{
    public RecordTableSchema
    {
        innerColumns = ImmutableList.copyOf(innerColumns);
        outerColumns = ImmutableList.copyOf(outerColumns);
    }
}
