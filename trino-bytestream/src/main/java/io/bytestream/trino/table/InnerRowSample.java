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

import java.util.OptionalDouble;

/**
 * What reading the IPC message headers of a few records of a few data files without record statistics tells of
 * the rest (docs/bytestream.md, "Table statistics").
 *
 * @param files the data files sampled
 * @param records the records whose headers were read (a NULL content counts, with no inner row; a bad record does not)
 * @param innerRows the inner rows of those records
 * @param fileRecords the records the sampled files hold, from their Parquet footers
 * @param fileBytes the sampled files' sizes
 * @param bytesRead the bytes read from storage for the sample, footers included
 */
public record InnerRowSample(int files, long records, long innerRows, long fileRecords, long fileBytes, long bytesRead)
{
    public static final InnerRowSample EMPTY = new InnerRowSample(0, 0, 0, 0, 0, 0);

    public InnerRowSample plus(InnerRowSample other)
    {
        return new InnerRowSample(files + other.files, records + other.records, innerRows + other.innerRows,
                fileRecords + other.fileRecords, fileBytes + other.fileBytes, bytesRead + other.bytesRead);
    }

    /** The mean inner rows of a record; empty where no record was read. */
    public OptionalDouble innerRowsPerRecord()
    {
        return records == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) innerRows / records);
    }

    /** Records per byte of data file; empty where no file was sampled. */
    public OptionalDouble recordsPerByte()
    {
        return fileBytes == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) fileRecords / fileBytes);
    }
}
