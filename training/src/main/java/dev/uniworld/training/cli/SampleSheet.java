package dev.uniworld.training.cli;

import dev.uniworld.training.tasks.TaskSample;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays task samples out as a sheet of panels, two columns wide: each panel shows the input image, the category and
 * prompt, and the target (image, or answer text). Images are enlarged with nearest-neighbour sampling so that the
 * 64x64 pixels stay visible as they are.
 */
public final class SampleSheet {

    private static final int SCALE = 2;
    private static final int IMAGE = 64 * SCALE;
    private static final int TEXT_WIDTH = 250;
    private static final int PAD = 8;
    private static final int PANEL_WIDTH = IMAGE + TEXT_WIDTH + IMAGE + 4 * PAD;
    private static final int PANEL_HEIGHT = IMAGE + 2 * PAD;
    private static final int HEADER = 40;
    private static final int COLUMNS = 2;
    private static final Color PAPER = new Color(250, 250, 247);
    private static final Color INK = new Color(30, 30, 30);
    private static final Color MUTED = new Color(120, 120, 120);

    private SampleSheet() {
    }

    public static BufferedImage render(List<TaskSample> samples) {
        int rows = (samples.size() + COLUMNS - 1) / COLUMNS;
        BufferedImage sheet = new BufferedImage(COLUMNS * PANEL_WIDTH, HEADER + rows * PANEL_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setColor(PAPER);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString("ShapesWorld: one test sample per task category  (input | prompt | target)", PAD, 26);
            for (int i = 0; i < samples.size(); i++) {
                int x = (i % COLUMNS) * PANEL_WIDTH;
                int y = HEADER + (i / COLUMNS) * PANEL_HEIGHT;
                panel(g, samples.get(i), x, y);
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    private static void panel(Graphics2D g, TaskSample sample, int x, int y) {
        g.setColor(new Color(225, 225, 220));
        g.drawRect(x + 2, y + 2, PANEL_WIDTH - 4, PANEL_HEIGHT - 4);
        int inputX = x + PAD;
        int textX = inputX + IMAGE + PAD;
        int targetX = textX + TEXT_WIDTH + PAD;
        int top = y + PAD;
        if (sample.inputImages().isEmpty()) {
            placeholder(g, inputX, top, "(text only)");
        } else {
            g.drawImage(sample.inputImages().get(0), inputX, top, IMAGE, IMAGE, null);
        }
        g.setColor(MUTED);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(sample.family().label() + " / " + sample.category().label(), textX, top + 12);
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int lineY = top + 34;
        for (String line : wrap(sample.prompt(), g.getFontMetrics(), TEXT_WIDTH)) {
            g.drawString(line, textX, lineY);
            lineY += 17;
        }
        if (sample.expectsText()) {
            placeholder(g, targetX, top, "");
            g.setColor(INK);
            int fontSize = 18;
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, fontSize));
            // long answers ("bottom-right") shrink until they fit the target box
            while (g.getFontMetrics().stringWidth(sample.answer()) > IMAGE - PAD && fontSize > 9) {
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, --fontSize));
            }
            FontMetrics metrics = g.getFontMetrics();
            int width = metrics.stringWidth(sample.answer());
            g.drawString(sample.answer(), targetX + (IMAGE - width) / 2, top + IMAGE / 2 + 6);
        } else {
            g.drawImage(sample.targetImage(), targetX, top, IMAGE, IMAGE, null);
        }
    }

    private static void placeholder(Graphics2D g, int x, int y, String text) {
        g.setColor(new Color(238, 238, 233));
        g.fillRect(x, y, IMAGE, IMAGE);
        g.setColor(MUTED);
        g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 12));
        g.drawString(text, x + (IMAGE - g.getFontMetrics().stringWidth(text)) / 2, y + IMAGE / 2 + 4);
    }

    private static List<String> wrap(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (metrics.stringWidth(candidate) > width && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
