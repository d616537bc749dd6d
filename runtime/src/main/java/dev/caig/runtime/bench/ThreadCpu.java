package dev.caig.runtime.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of every native thread of this process (Linux /proc), JVM-internal ones (GC, JIT) included, which
 * ThreadMXBean does not see. Used to show where a step's CPU goes besides the thread that runs it.
 */
final class ThreadCpu {
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final double TICK_MS = 10; // USER_HZ is 100 on Linux

    private ThreadCpu() {
    }

    /** Thread id to {name, CPU ticks}; empty where /proc is missing. */
    static Map<String, Object[]> snapshot() {
        Map<String, Object[]> out = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return out;
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
                    out.put(task.getFileName().toString(), new Object[] {Files.readString(task.resolve("comm")).strip(), ticks});
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading: it is left out
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** CPU milliseconds per step between two snapshots, summed by thread name (digits dropped), largest first. */
    static Map<String, Double> perStep(Map<String, Object[]> before, Map<String, Object[]> after, int steps) {
        Map<String, Double> byName = new HashMap<>();
        after.forEach((tid, now) -> {
            long start = before.containsKey(tid) ? (long) before.get(tid)[1] : 0;
            double ms = ((long) now[1] - start) * TICK_MS / steps;
            if (ms > 0) {
                byName.merge(((String) now[0]).replaceAll("[0-9]+", "#"), ms, Double::sum);
            }
        });
        Map<String, Double> sorted = new LinkedHashMap<>();
        byName.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), Math.round(e.getValue() * 100) / 100.0));
        return sorted;
    }
}
