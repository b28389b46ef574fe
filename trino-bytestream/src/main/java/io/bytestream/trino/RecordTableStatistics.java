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

import io.airlift.slice.Slice;
import io.bytestream.trino.delta.DataFile;
import io.bytestream.trino.delta.InnerColumnStatistics;
import io.bytestream.trino.delta.InnerStatistics;
import io.bytestream.trino.delta.InvalidPartitionValueException;
import io.bytestream.trino.delta.PartitionValues;
import io.bytestream.trino.delta.RecordStatistics;
import io.bytestream.trino.table.InnerRowSample;
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
import io.trino.spi.type.VarcharType;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The statistics of a record table's inner rows (docs/bytestream.md, "Table statistics"). The row count is exact where
 * every file has record statistics in its add action's tags (docs/bytestream.md, "Record statistics") and no deleted
 * record; otherwise each untagged file's rows are estimated as its records (from the log's {@code numRecords}, less
 * deleted ones, else its size times the records per byte of the files whose records are known) times the mean inner rows
 * of a record measured by an {@link InnerRowSample}. Inner column ranges and null fractions where every file has them;
 * distinct values, null fraction, data size and range of partition columns and of {@code $path} from the file list.
 */
final class RecordTableStatistics
{
    private RecordTableStatistics() {}

    /**
     * @param columns the table's columns
     * @param sample the inner row sample of the table's untagged files, asked for only where a file has no record statistics
     */
    static TableStatistics of(List<DataFile> files, List<BytestreamColumnHandle> columns, Supplier<InnerRowSample> sample)
    {
        if (files.isEmpty()) {
            return TableStatistics.builder().setRowCount(Estimate.zero()).build();
        }
        Optional<double[]> estimatedRows = fileRows(files, sample);
        if (estimatedRows.isEmpty()) {
            return TableStatistics.empty();
        }
        double[] rows = estimatedRows.get();
        double rowCount = Arrays.stream(rows).sum();
        TableStatistics.Builder statistics = TableStatistics.builder().setRowCount(Estimate.of(rowCount));
        boolean allTagged = files.stream().allMatch(file -> file.recordStatistics().isPresent());
        for (BytestreamColumnHandle column : columns) {
            Optional<ColumnStatistics> columnStatistics = switch (column.kind()) {
                case INNER -> allTagged ? columnStatistics(files, column) : Optional.empty();
                case PARTITION -> partitionColumnStatistics(files, rows, rowCount, column);
                case PATH -> pathStatistics(files, rows, rowCount);
                // outer columns' statistics in the log describe records, not inner rows
                default -> Optional.empty();
            };
            columnStatistics.ifPresent(value -> statistics.setColumnStatistics(column, value));
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
            // the tags' count of records is checked against the log's numRecords, so the two agree here
            records += file.liveRecords().getAsLong();
        }
        return TableStatistics.builder().setRowCount(Estimate.of(records)).build();
    }

    /** Each file's inner rows, exact or estimated; empty where neither tags nor a sample tell anything. */
    private static Optional<double[]> fileRows(List<DataFile> files, Supplier<InnerRowSample> sample)
    {
        double taggedRows = 0;
        long taggedRecords = 0;
        long knownRecords = 0;
        long knownRecordsBytes = 0;
        for (DataFile file : files) {
            if (file.recordStatistics().isPresent()) {
                taggedRows += file.recordStatistics().get().innerRows();
                taggedRecords += file.recordStatistics().get().innerRowCounts().length;
            }
            if (file.records().isPresent()) {
                knownRecords += file.records().getAsLong();
                knownRecordsBytes += file.size();
            }
        }
        double[] rows = new double[files.size()];
        OptionalDouble rowsPerRecord = OptionalDouble.empty();
        OptionalDouble recordsPerByte = knownRecordsBytes == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) knownRecords / knownRecordsBytes);
        boolean sampled = false;
        for (int index = 0; index < files.size(); index++) {
            DataFile file = files.get(index);
            if (file.recordStatistics().isPresent()) {
                rows[index] = liveRows(file, file.recordStatistics().get());
                continue;
            }
            if (!sampled) {
                sampled = true;
                InnerRowSample measured = sample.get();
                rowsPerRecord = measured.innerRowsPerRecord();
                if (rowsPerRecord.isEmpty() && taggedRecords > 0) {
                    rowsPerRecord = OptionalDouble.of(taggedRows / taggedRecords);
                }
                if (recordsPerByte.isEmpty()) {
                    recordsPerByte = measured.recordsPerByte();
                }
            }
            OptionalLong liveRecords = file.liveRecords();
            if (rowsPerRecord.isEmpty() || (liveRecords.isEmpty() && recordsPerByte.isEmpty())) {
                return Optional.empty();
            }
            double records = liveRecords.isPresent() ? liveRecords.getAsLong() : file.size() * recordsPerByte.getAsDouble();
            rows[index] = records * rowsPerRecord.getAsDouble();
        }
        return Optional.of(rows);
    }

    /** Distinct values, null fraction, data size and range of a partition column, from the files' partition values and rows. */
    private static Optional<ColumnStatistics> partitionColumnStatistics(List<DataFile> files, double[] rows, double rowCount, BytestreamColumnHandle column)
    {
        if (rowCount <= 0) {
            return Optional.empty();
        }
        Type type = column.type();
        Set<Object> distinct = new HashSet<>();
        double nullRows = 0;
        double dataSize = 0;
        OptionalDouble min = OptionalDouble.empty();
        OptionalDouble max = OptionalDouble.empty();
        for (int index = 0; index < files.size(); index++) {
            Object value;
            try {
                value = PartitionValues.value(files.get(index), column.sourceName(), type);
            }
            catch (InvalidPartitionValueException _) {
                // the statistics of every query take every partition column: a query that reads the value reports it
                return Optional.empty();
            }
            if (value == null) {
                nullRows += rows[index];
                continue;
            }
            distinct.add(value);
            if (value instanceof Slice slice) {
                dataSize += rows[index] * slice.length();
            }
            OptionalDouble number = toDouble(type, Optional.of(value));
            if (number.isPresent()) {
                min = OptionalDouble.of(min.isEmpty() ? number.getAsDouble() : Math.min(min.getAsDouble(), number.getAsDouble()));
                max = OptionalDouble.of(max.isEmpty() ? number.getAsDouble() : Math.max(max.getAsDouble(), number.getAsDouble()));
            }
        }
        ColumnStatistics.Builder statistics = ColumnStatistics.builder()
                .setDistinctValuesCount(Estimate.of(distinct.size()))
                .setNullsFraction(Estimate.of(nullRows / rowCount));
        if (type instanceof VarcharType) {
            statistics.setDataSize(Estimate.of(dataSize));
        }
        if (min.isPresent()) {
            statistics.setRange(new DoubleRange(min.getAsDouble(), max.getAsDouble()));
        }
        return Optional.of(statistics.build());
    }

    private static Optional<ColumnStatistics> pathStatistics(List<DataFile> files, double[] rows, double rowCount)
    {
        if (rowCount <= 0) {
            return Optional.empty();
        }
        double dataSize = 0;
        for (int index = 0; index < files.size(); index++) {
            dataSize += rows[index] * files.get(index).path().length();
        }
        return Optional.of(ColumnStatistics.builder()
                .setDistinctValuesCount(Estimate.of(files.size()))
                .setNullsFraction(Estimate.zero())
                .setDataSize(Estimate.of(dataSize))
                .build());
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
