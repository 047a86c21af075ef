package dev.uniworld.training.train;

import dev.uniworld.training.models.UniWorldCheckpointModel;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.tasks.Split;
import dev.uniworld.training.tasks.TaskCategory;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A PNG of what a checkpoint does on one validation sample per category: input | target | model output, with the
 * prompt (and, for questions, the expected and the given answer). Arguments: checkpoint directory, output PNG.
 */
public final class OutputSheet {

    private static final int SCALE = 2;
    private static final int IMAGE = 64 * SCALE;
    private static final int PAD = 6;
    private static final int TEXT = 330;
    private static final int ROW = IMAGE + 2 * PAD;
    private static final int WIDTH = 3 * (IMAGE + PAD) + TEXT + 2 * PAD;

    private OutputSheet() {
    }

    public static void main(String[] args) throws Exception {
        Path checkpoint = Path.of(args[0]);
        TaskGenerator generator = new TaskGenerator(new TaskConfig(RenderConfig.DEFAULT, java.util.Set.of()));
        List<TaskCategory> categories = List.of(TaskCategory.values());
        BufferedImage sheet = new BufferedImage(WIDTH, 30 + categories.size() * ROW, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setColor(new Color(250, 250, 247));
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("UniWorld-Tiny on validation samples: input | target | model output", PAD, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        try (UniWorldCheckpointModel model = new UniWorldCheckpointModel(checkpoint)) {
            for (int i = 0; i < categories.size(); i++) {
                TaskSample s = generator.sample(categories.get(i), Split.VALIDATION, i);
                int y = 30 + i * ROW + PAD;
                if (!s.inputImages().isEmpty()) {
                    g.drawImage(s.inputImages().get(0), PAD, y, IMAGE, IMAGE, null);
                }
                String answer = null;
                if (s.expectsText()) {
                    answer = model.answer(s.prompt(), s.inputImages());
                } else {
                    g.drawImage(s.targetImage(), PAD + IMAGE + PAD, y, IMAGE, IMAGE, null);
                    g.drawImage(model.generate(s.prompt(), s.inputImages(), s.seed()), PAD + 2 * (IMAGE + PAD), y,
                            IMAGE, IMAGE, null);
                }
                int x = 3 * (IMAGE + PAD) + PAD;
                g.setColor(Color.GRAY);
                g.drawString(s.category().label(), x, y + 14);
                g.setColor(Color.BLACK);
                g.drawString(s.prompt(), x, y + 32);
                if (answer != null) {
                    g.drawString("expected: " + s.answer() + "   model: " + answer, x, y + 50);
                }
            }
        }
        g.dispose();
        ImageIO.write(sheet, "png", Path.of(args[1]).toFile());
    }
}
