package io.bytestream.benchmarks;

import java.util.List;
import java.util.function.ToDoubleFunction;

final class Medians
{
    private Medians() {}

    static <T> double median(List<T> values, ToDoubleFunction<T> value)
    {
        double[] sorted = values.stream().mapToDouble(value).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
