package dev.caig.runtime.stage;

import dev.caig.runtime.progress.Progress;

/**
 * Progress over many small items (files of a data set) told about 20 times in all rather than once per item, so
 * ten thousand images do not print ten thousand lines. Thread-safe.
 */
final class ProgressInSteps {
    private static final int REPORTS = 20;

    private final Progress progress;
    private final long total;
    private final long step;
    private long done;
    private long reported;

    ProgressInSteps(Progress progress, long total) {
        this.progress = progress;
        this.total = total;
        this.step = Math.max(1, total / REPORTS);
    }

    synchronized void oneDone() {
        done++;
        if (done - reported >= step || done == total) {
            progress.advance(done - reported);
            reported = done;
        }
    }
}
