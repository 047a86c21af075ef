package dev.uniworld.cli;

import java.io.PrintWriter;

/** A one-line live progress display: done/failed counts, rate and time left, redrawn in place. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final int total;
    private final long startNanos = System.nanoTime();

    ProgressBar(PrintWriter out, int total) {
        this.out = out;
        this.total = total;
    }

    void show(int succeeded, int failed) {
        out.print('\r' + line(succeeded, failed, System.nanoTime() - startNanos));
        out.flush();
    }

    void finish(int succeeded, int failed) {
        show(succeeded, failed);
        out.println();
    }

    /** The text of the bar after {@code elapsedNanos}; separate from printing so it can be tested. */
    String line(int succeeded, int failed, long elapsedNanos) {
        int done = succeeded + failed;
        int filled = total == 0 ? WIDTH : Math.min(WIDTH, done * WIDTH / total);
        double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
        double rate = done / seconds;
        String eta = done == 0 ? "?" : String.format("%.0fs", (total - done) / Math.max(rate, 1e-9));
        return String.format("[%s%s] %d/%d done, %d failed, %.2f req/s, ETA %s   ", "#".repeat(filled),
                ".".repeat(WIDTH - filled), done, total, failed, rate, eta);
    }
}
