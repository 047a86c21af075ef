package dev.uniworld.training.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The loss log: one CSV row per step (appended as the run goes, so a crash loses nothing written), and a PNG plot of
 * the smoothed curve per phase, drawn with Java2D.
 */
public final class LossLog {

    static final String HEADER = "global_step,phase,step,loss,lr,elapsed_s";

    /** One logged step. */
    public record Row(long globalStep, String phase, int step, double loss, double lr, double elapsed) {
        String csv() {
            return String.format(Locale.ROOT, "%d,%s,%d,%.6f,%.3e,%.1f", globalStep, phase, step, loss, lr, elapsed);
        }
    }

    private final Path csv;
    private final List<Row> rows = new ArrayList<>();

    /** Opens the log; rows at or past {@code resumeGlobalStep} (written after the last checkpoint) are dropped. */
    public LossLog(Path csv, long resumeGlobalStep) throws IOException {
        this.csv = csv;
        if (Files.exists(csv)) {
            for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
                String[] f = line.split(",");
                if (f.length == 6 && !line.startsWith("global_step") && Long.parseLong(f[0]) < resumeGlobalStep) {
                    rows.add(new Row(Long.parseLong(f[0]), f[1], Integer.parseInt(f[2]), Double.parseDouble(f[3]),
                            Double.parseDouble(f[4]), Double.parseDouble(f[5])));
                }
            }
        }
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        rows.forEach(r -> text.append(r.csv()).append('\n'));
        // rewritten beside it and renamed over it: a kill meanwhile leaves the whole history, never half of it
        RunFiles.writeWhole(csv, part -> Files.writeString(part, text, StandardCharsets.UTF_8));
    }

    public void add(Row row) throws IOException {
        rows.add(row);
        Files.writeString(csv, row.csv() + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    /** Puts the rows appended so far on the disk: a resume point must not hold steps its log has lost. */
    void sync() throws IOException {
        RunFiles.forceFile(csv);
    }

    public List<Row> rows() {
        return rows;
    }

    /**
     * Raw loss (faint) and a moving average (solid) per phase against the global step, from the first step logged to
     * the last (a run branched from a later phase starts past 0); log-scale y.
     */
    public void plot(Path png) throws IOException {
        int width = 900;
        int height = 500;
        int left = 70;
        int right = 20;
        int top = 40;
        int bottom = 50;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("UniWorld-Tiny training loss (log scale; faint: per step, solid: moving average of 50)", left, 20);
        if (rows.isEmpty()) {
            ImageIO.write(image, "png", png.toFile());
            return;
        }
        long minStep = rows.stream().mapToLong(Row::globalStep).min().orElseThrow();
        long maxStep = rows.stream().mapToLong(Row::globalStep).max().orElseThrow() + 1;
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (Row r : rows) {
            if (r.loss() > 0 && Double.isFinite(r.loss())) {
                lo = Math.min(lo, Math.log10(r.loss()));
                hi = Math.max(hi, Math.log10(r.loss()));
            }
        }
        if (hi - lo < 1e-6) {
            hi = lo + 1;
        }
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        g.drawRect(left, top, plotW, plotH);
        for (int tick = (int) Math.floor(lo); tick <= Math.ceil(hi); tick++) {
            int y = top + (int) ((hi - tick) / (hi - lo) * plotH);
            if (y >= top && y <= top + plotH) {
                g.drawString(String.format(Locale.ROOT, "1e%d", tick), 10, y + 4);
                g.drawLine(left - 4, y, left, y);
            }
        }
        g.drawString("global step (" + minStep + " - " + maxStep + ")", left + plotW / 2 - 60, height - 15);
        Color[] palette = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd)};
        Map<String, List<Row>> byPhase = new LinkedHashMap<>();
        rows.forEach(r -> byPhase.computeIfAbsent(r.phase(), k -> new ArrayList<>()).add(r));
        int legendY = top + 15;
        int colour = 0;
        for (Map.Entry<String, List<Row>> e : byPhase.entrySet()) {
            Color c = palette[colour++ % palette.length];
            List<Row> phase = e.getValue();
            double sum = 0;
            int[] xs = new int[phase.size()];
            int[] raw = new int[phase.size()];
            int[] avg = new int[phase.size()];
            java.util.ArrayDeque<Double> window = new java.util.ArrayDeque<>();
            for (int i = 0; i < phase.size(); i++) {
                Row r = phase.get(i);
                double v = Math.max(r.loss(), 1e-12);
                window.add(v);
                sum += v;
                if (window.size() > 50) {
                    sum -= window.poll();
                }
                xs[i] = left + (int) ((double) (r.globalStep() - minStep) / (maxStep - minStep) * plotW);
                raw[i] = yOf(Math.log10(v), lo, hi, top, plotH);
                avg[i] = yOf(Math.log10(sum / window.size()), lo, hi, top, plotH);
            }
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 60));
            g.setStroke(new BasicStroke(1f));
            g.drawPolyline(xs, raw, xs.length);
            g.setColor(c);
            g.setStroke(new BasicStroke(2f));
            g.drawPolyline(xs, avg, xs.length);
            g.drawString(e.getKey(), left + plotW - 80, legendY);
            legendY += 15;
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static int yOf(double value, double lo, double hi, int top, int plotH) {
        double clamped = Math.max(lo, Math.min(hi, value));
        return top + (int) ((hi - clamped) / (hi - lo) * plotH);
    }
}
