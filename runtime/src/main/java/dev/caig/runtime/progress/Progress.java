package dev.caig.runtime.progress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Progress of one long task. On a terminal it redraws a bar on one line; elsewhere (a Kubernetes pod, CI, a
 * pipe) it prints one JSON object per step, which log collectors and the operator can parse:
 * {@code {"task":"pretrain","step":3,"total":10,"unit":"epoch","elapsedSeconds":4.2,"loss":1.93}}.
 */
public final class Progress implements AutoCloseable {

    /** How progress is shown; {@link #auto()} picks from the environment. */
    public enum Mode {
        BAR, JSON, QUIET;

        /** A bar when stderr is a terminal, JSON lines otherwise; CAIG_PROGRESS=bar|json|quiet overrides. */
        public static Mode auto() {
            String forced = System.getenv("CAIG_PROGRESS");
            if (forced != null && !forced.isBlank()) {
                return Mode.valueOf(forced.trim().toUpperCase(Locale.ROOT));
            }
            return System.console() != null ? BAR : JSON;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BAR_WIDTH = 30;

    private final String task;
    private final String unit;
    private final long total;
    private final Mode mode;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private long done;
    private Listener listener = (task, step, total, unit) -> { };

    /** Told of every step, e.g. to publish {@code progress.json} where the operator reads it. */
    @FunctionalInterface
    public interface Listener {
        void advanced(String task, long step, long total, String unit);
    }

    public Progress(String task, long total, String unit, Mode mode, PrintStream out) {
        this.task = task;
        this.total = total;
        this.unit = unit;
        this.mode = mode;
        this.out = out;
    }

    /** Progress on stderr in the mode the environment asks for. */
    public static Progress start(String task, long total, String unit) {
        return new Progress(task, total, unit, Mode.auto(), System.err);
    }

    /** Adds a listener told of every step; returns this progress. */
    public Progress withListener(Listener newListener) {
        this.listener = newListener;
        return this;
    }

    public void advance(long steps) {
        advance(steps, Map.of());
    }

    /** Counts {@code steps} more units done and shows them with the latest metrics (loss, accuracy, ...). */
    public synchronized void advance(long steps, Map<String, ?> metrics) {
        done += steps;
        switch (mode) {
            case BAR -> drawBar(metrics);
            case JSON -> printJson(metrics);
            case QUIET -> { }
        }
        listener.advanced(task, done, total, unit);
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void drawBar(Map<String, ?> metrics) {
        double fraction = total > 0 ? Math.min(1.0, (double) done / total) : 0;
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        StringBuilder line = new StringBuilder("\r").append(task).append(" [")
                .append("=".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ")
                .append(done).append('/').append(total).append(' ').append(unit)
                .append(String.format(Locale.ROOT, " %.1fs", elapsedSeconds()));
        metrics.forEach((k, v) -> line.append(' ').append(k).append('=').append(format(v)));
        out.print(line);
        if (done >= total) {
            out.println();
        }
        out.flush();
    }

    private void printJson(Map<String, ?> metrics) {
        ObjectNode node = JSON.createObjectNode();
        node.put("task", task);
        node.put("step", done);
        node.put("total", total);
        node.put("unit", unit);
        node.put("elapsedSeconds", Math.round(elapsedSeconds() * 100) / 100.0);
        metrics.forEach((k, v) -> node.set(k, JSON.valueToTree(v)));
        out.println(node);
        out.flush();
    }

    private static String format(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return String.format(Locale.ROOT, "%.4f", ((Number) value).doubleValue());
        }
        return String.valueOf(value);
    }

    @Override
    public synchronized void close() {
        if (mode == Mode.BAR && done < total) {
            out.println();
            out.flush();
        }
    }
}
