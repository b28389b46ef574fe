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

package io.bytestream.trino.error;

import io.trino.spi.ErrorCode;
import io.trino.spi.ErrorCodeSupplier;
import io.trino.spi.ErrorType;

import static io.trino.spi.ErrorType.EXTERNAL;
import static io.trino.spi.ErrorType.USER_ERROR;

public enum BytestreamErrorCode
        implements ErrorCodeSupplier
{
    /** A record's Arrow IPC stream is truncated or malformed. */
    BYTESTREAM_BAD_RECORD(0, EXTERNAL),
    /** A record holds an Arrow type, or a type change, that cannot be mapped to the table's Trino type. */
    BYTESTREAM_UNSUPPORTED_TYPE(1, EXTERNAL),
    /** A record is larger than bytestream.max-record-size. */
    BYTESTREAM_RECORD_TOO_LARGE(2, EXTERNAL),
    /** A data file named by the Delta log does not exist. */
    BYTESTREAM_MISSING_DATA_FILE(3, EXTERNAL),
    /** A data file cannot be read as Parquet of the table's outer schema. */
    BYTESTREAM_BAD_DATA_FILE(4, EXTERNAL),
    /** The Delta transaction log cannot be read or is not a record table. */
    BYTESTREAM_BAD_DELTA_LOG(5, EXTERNAL),
    /** Listing or reading the file system failed. */
    BYTESTREAM_FILESYSTEM_ERROR(6, EXTERNAL),
    /** The table is not a record table: it has no binary content column. */
    BYTESTREAM_NOT_A_RECORD_TABLE(7, USER_ERROR),
    /** The requested table version does not exist. */
    BYTESTREAM_INVALID_VERSION(8, USER_ERROR);

    private final ErrorCode errorCode;

    BytestreamErrorCode(int code, ErrorType type)
    {
        errorCode = new ErrorCode(code + 0x0B17_0000, name(), type);
    }

    @Override
    public ErrorCode toErrorCode()
    {
        return errorCode;
    }
}
