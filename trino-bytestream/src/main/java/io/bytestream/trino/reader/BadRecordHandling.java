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

package io.bytestream.trino.reader;

/**
 * What a scan does with a bad record, one whose content cannot be turned into rows (see docs/bytestream.md, "Bad
 * records"): fail the query, pass the record over, or give it one row naming its error.
 */
public enum BadRecordHandling
{
    FAIL,
    SKIP,
    FLAG,
}
