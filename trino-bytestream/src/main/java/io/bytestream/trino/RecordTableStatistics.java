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

import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.DeletionVector;
import io.bytestream.trino.delta.InnerColumnStatistics;
import io.bytestream.trino.delta.InnerStatistics;
import io.bytestream.trino.delta.RecordStatistics;
import io.trino.spi.statistics.ColumnStatistics;
import io.trino.spi.statistics.DoubleRange;
import io.trino.spi.statistics.Estimate;
import io.trino.spi.statistics.TableStatistics;
import io.trino.spi.type.BigintType;
import io.trino.spi.type.DateType;
import io.trino.spi.type.DecimalType;
import io.trino.spi.type.DoubleType;
import io.trino.spi.type.Int128;
import io.trino.spi.type.IntegerType;
import io.trino.spi.type.RealType;
import io.trino.spi.type.SmallintType;
import io.trino.spi.type.TimestampType;
import io.trino.spi.type.TinyintType;
import io.trino.spi.type.Type;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The statistics of a record table's inner rows from the record statistics the writer put in the add actions' tags
 * (docs/bytestream.md, "Record statistics"): the row count, exact where every file is tagged and has no deleted
 * record, else estimated from the tagged files' rows per byte; inner column ranges and null fractions where every file
 * has them. Nothing where no file is tagged.
 */
final class RecordTableStatistics
{
    private RecordTableStatistics() {}

    static TableStatistics of(List<DataFile> files, List<BytestreamColumnHandle> innerColumns)
    {
        if (files.isEmpty()) {
            return TableStatistics.builder().setRowCount(Estimate.zero()).build();
        }
        double taggedRows = 0;
        long taggedBytes = 0;
        long untaggedBytes = 0;
        for (DataFile file : files) {
            if (file.recordStatistics().isPresent()) {
                taggedRows += liveRows(file, file.recordStatistics().get());
                taggedBytes += file.size();
            }
            else {
                untaggedBytes += file.size();
            }
        }
        if (taggedBytes == 0 && taggedRows == 0) {
            return TableStatistics.empty();
        }
        double rowCount = untaggedBytes == 0 ? taggedRows : taggedRows + taggedRows / Math.max(taggedBytes, 1) * untaggedBytes;
        TableStatistics.Builder statistics = TableStatistics.builder().setRowCount(Estimate.of(rowCount));
        if (untaggedBytes == 0) {
            for (BytestreamColumnHandle column : innerColumns) {
                columnStatistics(files, column).ifPresent(columnStatistics -> statistics.setColumnStatistics(column, columnStatistics));
            }
        }
        return statistics.build();
    }

    /**
     * The statistics of {@code "<table>$records"} over {@code files}: the record count, where the record statistics of
     * every file give it; nothing otherwise.
     */
    static TableStatistics ofRecords(List<DataFile> files)
    {
        long records = 0;
        for (DataFile file : files) {
            if (file.recordStatistics().isEmpty()) {
                return TableStatistics.empty();
            }
            long deleted = file.deletionVector().map(DeletionVector::cardinality).orElse(0L);
            records += Math.max(0, file.recordStatistics().get().innerRowCounts().length - deleted);
        }
        return TableStatistics.builder().setRowCount(Estimate.of(records)).build();
    }

    /** The inner rows the file's deletion vector leaves, estimated as the share of its records it leaves. */
    private static double liveRows(DataFile file, RecordStatistics recordStatistics)
    {
        long rows = recordStatistics.innerRows();
        int records = recordStatistics.innerRowCounts().length;
        if (file.deletionVector().isEmpty() || records == 0) {
            return rows;
        }
        double deletedShare = Math.min(1.0, (double) file.deletionVector().get().cardinality() / records);
        return rows * (1 - deletedShare);
    }

    private static Optional<ColumnStatistics> columnStatistics(List<DataFile> files, BytestreamColumnHandle column)
    {
        long rows = 0;
        long nulls = 0;
        OptionalDouble min = OptionalDouble.empty();
        OptionalDouble max = OptionalDouble.empty();
        boolean bounded = true;
        for (DataFile file : files) {
            Optional<InnerColumnStatistics> fileStatistics = file.recordStatistics()
                    .flatMap(RecordStatistics::innerStatistics)
                    .flatMap(inner -> inner.column(column.sourceName()))
                    .filter(statistics -> statistics.describes(column.type()));
            if (fileStatistics.isEmpty()) {
                return Optional.empty();
            }
            long fileRows = file.recordStatistics().flatMap(RecordStatistics::innerStatistics).map(InnerStatistics::rows).orElseThrow();
            rows += fileRows;
            nulls += fileStatistics.get().nullCount();
            if (fileStatistics.get().nullCount() == fileRows) {
                continue;
            }
            OptionalDouble fileMin = toDouble(column.type(), fileStatistics.get().min(column.type()));
            OptionalDouble fileMax = toDouble(column.type(), fileStatistics.get().max(column.type()));
            if (fileMin.isEmpty() || fileMax.isEmpty()) {
                bounded = false;
                continue;
            }
            min = OptionalDouble.of(min.isEmpty() ? fileMin.getAsDouble() : Math.min(min.getAsDouble(), fileMin.getAsDouble()));
            max = OptionalDouble.of(max.isEmpty() ? fileMax.getAsDouble() : Math.max(max.getAsDouble(), fileMax.getAsDouble()));
        }
        if (rows == 0) {
            return Optional.empty();
        }
        ColumnStatistics.Builder statistics = ColumnStatistics.builder().setNullsFraction(Estimate.of((double) nulls / rows));
        if (bounded && min.isPresent()) {
            statistics.setRange(new DoubleRange(min.getAsDouble(), max.getAsDouble()));
        }
        return Optional.of(statistics.build());
    }

    /** A value as the engine's statistics represent it: a number on the type's own scale; nothing for types without one. */
    private static OptionalDouble toDouble(Type type, Optional<Object> value)
    {
        if (value.isEmpty()) {
            return OptionalDouble.empty();
        }
        Object nativeValue = value.get();
        return switch (type) {
            case TinyintType _, SmallintType _, IntegerType _, BigintType _, DateType _ -> OptionalDouble.of((long) nativeValue);
            case TimestampType timestamp when timestamp.isShort() -> OptionalDouble.of((long) nativeValue);
            case RealType _ -> OptionalDouble.of(Float.intBitsToFloat((int) (long) nativeValue));
            case DoubleType _ -> OptionalDouble.of((double) nativeValue);
            case DecimalType decimal when decimal.isShort() -> OptionalDouble.of(BigDecimal.valueOf((long) nativeValue, decimal.getScale()).doubleValue());
            case DecimalType decimal -> OptionalDouble.of(new BigDecimal(((Int128) nativeValue).toBigInteger(), decimal.getScale()).doubleValue());
            default -> OptionalDouble.empty();
        };
    }
}
