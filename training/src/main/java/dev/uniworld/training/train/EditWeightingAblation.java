package dev.uniworld.training.train;

import dev.uniworld.training.eval.EditScore;
import dev.uniworld.training.eval.PairedOutcomes;
import dev.uniworld.training.eval.SceneDetector;
import dev.uniworld.training.models.UniWorldCheckpointModel;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.tasks.Split;
import dev.uniworld.training.tasks.TaskCategory;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The edit-region weighting ablation: from the same post-stage-1 state, the shipped recipe's stage 2 ({@link
 * Recipe#tiny()}) runs twice with the same seed and step budget, once with and once without the weighting; both EMA
 * checkpoints are then scored on small-region edits (at most {@value #SMALL_REGION} of the token grid changed) drawn
 * from the validation split, never the test split. Both arms see the same edits with the same seeds, so the report
 * also counts the edits on which they disagree and gives McNemar's exact p-value. The state must come from the
 * shipped recipe's earlier phases, or the branch is refused. An arm whose run is under way is resumed, and one with a
 * model is only scored, so that an arm may also be trained beforehand with {@code ./uniworld train --branch-from
 * RUN/state-after-stage1}.
 */
public final class EditWeightingAblation {

    /** Largest edited share of the token grid that counts as a small-region edit. */
    static final double SMALL_REGION = 0.15;
    private static final List<TaskCategory> LOCAL_EDITS = List.of(TaskCategory.ADD, TaskCategory.REMOVE,
            TaskCategory.REPLACE, TaskCategory.ADJUST_COLOUR, TaskCategory.ADJUST_SIZE, TaskCategory.MOVE);

    private EditWeightingAblation() {
    }

    /** Arguments: run directory (with state-after-stage1), output directory, stage-2 steps, samples to score. */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: EditWeightingAblation RUN OUT STEPS SAMPLES (RUN holds state-after-stage1)");
            System.exit(2);
        }
        Path run = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int steps = Integer.parseInt(args[2]);
        int samples = Integer.parseInt(args[3]);
        PrintStream console = System.out;
        Recipe shipped = Recipe.tiny();
        List<TaskSample> probe = smallRegionEdits(shipped, samples);
        StringBuilder table = new StringBuilder("| edit-region weighting | small-region edit success | applied | "
                + "preserved | mean abs. error inside the edit region | outside it |\n|---|---|---|---|---|---|\n");
        List<ArmScore> arms = new ArrayList<>();
        for (boolean weighting : new boolean[] {true, false}) {
            // the answer layers' phase reads no image: the arms end with stage 2
            Recipe recipe = shipped.withEditWeighting(weighting).withSteps(shipped.vlmSteps(), shipped.siglipSteps(),
                    shipped.stage1Steps(), steps).withAnswers(0, 0);
            Path dir = out.resolve(weighting ? "weighted" : "unweighted");
            if (!Files.exists(dir.resolve("model"))) {
                if (!TrainingRun.started(dir)) { // a kill may have left the resume point under another name
                    RunBranches.branch(run.resolve("state-after-stage1"), dir, recipe);
                }
                new TrainingRun(recipe, dir, console).run();
            }
            ArmScore score = score(dir.resolve("model"), probe, shipped);
            arms.add(score);
            table.append(String.format(Locale.ROOT, "| %s | %.1f%% | %.1f%% | %.1f%% | %.1f | %.1f |%n",
                    weighting ? "on" : "off", 100 * score.successRate(), 100 * score.applied(),
                    100 * score.preserved(), score.errorInside(), score.errorOutside()));
        }
        PairedOutcomes pairs = PairedOutcomes.of(arms.get(0).success(), arms.get(1).success());
        String report = "the shipped recipe's stage 2 for " + steps + " steps from the same post-stage-1 state, seed "
                + shipped.seed() + "; " + probe.size() + " small-region validation edits (<= "
                + (int) (100 * SMALL_REGION) + "% of the token grid)\n\n" + table
                + String.format(Locale.ROOT, "%nsame edits, same seeds: both arms succeed on %d, only the weighted arm "
                        + "on %d, only the unweighted arm on %d, neither on %d; McNemar's exact p = %.3g%n",
                        pairs.both(), pairs.firstOnly(), pairs.secondOnly(), pairs.neither(), pairs.exactMcNemarP())
                + byOperation(probe, arms.get(0).success(), arms.get(1).success());
        Files.writeString(out.resolve("ablation.md"), report);
        console.println(report);
    }

    /** Success of each arm per edit operation, with the operation's paired disagreements. */
    private static String byOperation(List<TaskSample> probe, boolean[] weighted, boolean[] unweighted) {
        StringBuilder table = new StringBuilder("\n| operation | edits | on | off | only on | only off |\n"
                + "|---|---|---|---|---|---|\n");
        for (TaskCategory category : LOCAL_EDITS) {
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < probe.size(); i++) {
                if (probe.get(i).category() == category) {
                    indices.add(i);
                }
            }
            boolean[] on = new boolean[indices.size()];
            boolean[] off = new boolean[indices.size()];
            for (int j = 0; j < indices.size(); j++) {
                on[j] = weighted[indices.get(j)];
                off[j] = unweighted[indices.get(j)];
            }
            PairedOutcomes pairs = PairedOutcomes.of(on, off);
            int n = Math.max(1, pairs.total());
            table.append(String.format(Locale.ROOT, "| %s | %d | %.1f%% | %.1f%% | %d | %d |%n", category.label(),
                    pairs.total(), 100.0 * (pairs.both() + pairs.firstOnly()) / n,
                    100.0 * (pairs.both() + pairs.secondOnly()) / n, pairs.firstOnly(), pairs.secondOnly()));
        }
        return table.toString();
    }

    /** Local edits from the validation split whose edit mask covers at most {@link #SMALL_REGION} of the grid. */
    static List<TaskSample> smallRegionEdits(Recipe recipe, int count) {
        TaskGenerator generator = new TaskGenerator(new TaskConfig(new RenderConfig(recipe.model().imageSize()),
                Set.of()));
        int cell = recipe.model().dit().patchSize() * recipe.model().latent().downsample();
        List<TaskSample> out = new ArrayList<>();
        for (long index = 0; out.size() < count; index++) {
            TaskCategory category = LOCAL_EDITS.get((int) (index % LOCAL_EDITS.size()));
            TaskSample s = generator.sample(category, Split.VALIDATION, index);
            boolean[] mask = EditRegionMask.tokenMask(s.inputImages().get(0), s.targetImage(), cell);
            int edited = EditRegionMask.count(mask);
            if (edited > 0 && edited <= SMALL_REGION * mask.length) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * One arm's scores on the probe: each edit's success (for the paired count), the applied and preserved rates, and
     * the mean absolute RGB error (0-255) of the output against the target inside the edit region (the token-grid
     * mask of the pair) and outside it, a finer reading than success while success is rare.
     */
    record ArmScore(boolean[] success, double applied, double preserved, double errorInside, double errorOutside) {

        double successRate() {
            int passed = 0;
            for (boolean s : success) {
                passed += s ? 1 : 0;
            }
            return (double) passed / success.length;
        }
    }

    private static ArmScore score(Path checkpoint, List<TaskSample> probe, Recipe recipe) {
        SceneDetector detector = new SceneDetector();
        int cell = recipe.model().dit().patchSize() * recipe.model().latent().downsample();
        boolean[] success = new boolean[probe.size()];
        double[] rates = new double[2];
        double[] error = new double[2];
        long[] pixels = new long[2];
        try (UniWorldCheckpointModel model = new UniWorldCheckpointModel(checkpoint)) {
            for (int i = 0; i < probe.size(); i++) {
                TaskSample s = probe.get(i);
                BufferedImage output = model.generate(s.prompt(), s.inputImages(), s.seed());
                EditScore e = EditScore.of(s.inputScenes().get(0), s.targetScene(), detector.detect(output));
                success[i] = e.success();
                rates[0] += e.applied() ? 1 : 0;
                rates[1] += e.preserved() ? 1 : 0;
                boolean[] mask = EditRegionMask.tokenMask(s.inputImages().get(0), s.targetImage(), cell);
                BufferedImage target = s.targetImage();
                int gridW = target.getWidth() / cell;
                for (int y = 0; y < target.getHeight(); y++) {
                    for (int x = 0; x < target.getWidth(); x++) {
                        int inside = mask[(y / cell) * gridW + x / cell] ? 0 : 1;
                        error[inside] += absDiff(output.getRGB(x, y), target.getRGB(x, y));
                        pixels[inside]++;
                    }
                }
            }
        }
        return new ArmScore(success, rates[0] / probe.size(), rates[1] / probe.size(), error[0] / pixels[0],
                error[1] / pixels[1]);
    }

    private static double absDiff(int a, int b) {
        return (Math.abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF)) + Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF))
                + Math.abs((a & 0xFF) - (b & 0xFF))) / 3.0;
    }
}
