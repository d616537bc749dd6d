package dev.caig.runtime.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Durations of timed steps, in nanoseconds, with named phases; summarised as medians and percentiles in ms. */
final class StepTimes {
    private final List<Long> totals = new ArrayList<>();
    private final Map<String, List<Long>> phases = new LinkedHashMap<>();

    void add(long totalNanos, Map<String, Long> phaseNanos) {
        totals.add(totalNanos);
        // Keep the phases in a fixed order for readable output.
        phaseNanos.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> phases.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    }

    Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("steps", totals.size());
        out.put("medianStepMs", percentileMs(totals, 50));
        out.put("p10StepMs", percentileMs(totals, 10));
        out.put("p90StepMs", percentileMs(totals, 90));
        Map<String, Double> medians = new LinkedHashMap<>();
        phases.forEach((name, values) -> medians.put(name, percentileMs(values, 50)));
        out.put("medianPhaseMs", medians);
        return out;
    }

    /**
     * Median step time over consecutive windows of the recorded steps, ending at each of {@code bounds} (1-based,
     * inclusive; the last window is cut at the steps recorded): how the step time falls while the JVM compiles the
     * hot code. Each entry: firstStep, lastStep, medianStepMs.
     */
    List<Map<String, Object>> windowMedians(int... bounds) {
        List<Map<String, Object>> windows = new ArrayList<>();
        int from = 0;
        for (int bound : bounds) {
            int to = Math.min(bound, totals.size());
            if (to <= from) {
                break;
            }
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("firstStep", from + 1);
            window.put("lastStep", to);
            window.put("medianStepMs", percentileMs(totals.subList(from, to), 50));
            windows.add(window);
            from = to;
        }
        return windows;
    }

    /** Nearest-rank percentile in milliseconds, rounded to 0.01 ms. */
    static double percentileMs(List<Long> nanos, int percentile) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        long value = sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        return Math.round(value / 1e4) / 100.0;
    }
}
