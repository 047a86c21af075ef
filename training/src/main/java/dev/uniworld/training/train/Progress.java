package dev.uniworld.training.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress bar: phase, step, loss (and its running mean), speed and time left in the phase. On a terminal it
 * redraws one line; redirected to a file it prints a line every {@value #FILE_EVERY} steps.
 */
final class Progress {

    private static final int FILE_EVERY = 20;
    private static final int WIDTH = 24;

    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private String phase;
    private int total;
    private int first;
    private long phaseStart;
    private double mean = Double.NaN;

    Progress(PrintStream out) {
        this.out = out;
    }

    void startPhase(String name, int firstStep, int steps) {
        phase = name;
        first = firstStep;
        total = steps;
        phaseStart = System.nanoTime();
        mean = Double.NaN;
        out.printf("phase %s: steps %d..%d%n", name, firstStep, steps);
    }

    void step(int step, double loss, double elapsedTotal) {
        mean = Double.isNaN(mean) ? loss : 0.98 * mean + 0.02 * loss;
        int done = step + 1;
        if (!terminal && done % FILE_EVERY != 0 && done != total) {
            return;
        }
        double seconds = (System.nanoTime() - phaseStart) / 1e9;
        double rate = (done - first) / Math.max(seconds, 1e-9);
        double eta = (total - done) / Math.max(rate, 1e-9);
        int filled = (int) ((long) WIDTH * done / Math.max(1, total));
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String line = String.format(Locale.ROOT, "%-7s %6d/%-6d [%s] loss %.4f (avg %.4f) %.2f step/s ETA %s"
                + " (trained %s)", phase, done, total, bar, loss, mean, rate, clock(eta), clock(elapsedTotal));
        if (terminal) {
            out.print("\r" + line);
        } else {
            out.println(line);
        }
        out.flush();
    }

    void endPhase() {
        if (terminal) {
            out.println();
        }
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
