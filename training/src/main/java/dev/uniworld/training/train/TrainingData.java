package dev.uniworld.training.train;

import dev.uniworld.model.image.ImageCodec;
import dev.uniworld.model.tokenizer.PromptBuilder;
import dev.uniworld.model.tokenizer.WordTokenizer;
import dev.uniworld.training.tasks.Split;
import dev.uniworld.training.tasks.TaskCategory;
import dev.uniworld.training.tasks.TaskFamily;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Batches for every phase, drawn from the training split only and determined by (seed, phase, step): a resumed run
 * sees exactly the batches it would have seen, and no batch ever touches a validation or test seed.
 */
public final class TrainingData {

    /**
     * The edit operations whose instruction names what to draw (a kind, colour, size or place), as opposed to
     * removal, extraction and background, which {@link Recipe#namedEditShare} draws more often.
     */
    static final List<TaskCategory> NAMED_EDITS = List.of(TaskCategory.ADD, TaskCategory.REPLACE,
            TaskCategory.ADJUST_COLOUR, TaskCategory.ADJUST_SIZE, TaskCategory.MOVE, TaskCategory.HYBRID);

    private final TaskGenerator generator;
    private final PromptBuilder prompts;
    private final VlmExamples vlm;
    private final Recipe recipe;
    private final int imageSize;

    public TrainingData(TaskGenerator generator, WordTokenizer tokenizer, Recipe recipe) {
        this.generator = generator;
        this.recipe = recipe;
        this.prompts = new PromptBuilder(tokenizer, recipe.model().vlm().tokensPerImage());
        this.imageSize = recipe.model().imageSize();
        this.vlm = new VlmExamples(tokenizer, prompts, recipe.model().vlm().describesFirst(),
                recipe.vlmRestatesSubjects(), this::pixels);
    }

    /** An image pair for the contrastive phase. */
    public record CaptionPair(float[] image, int[] caption) {
    }

    /**
     * One diffusion sample.
     *
     * @param promptIds the VLM prompt (instruction, then one vision block per input image)
     * @param inputs CHW inputs in [-1, 1], prompt order
     * @param target CHW target in [-1, 1]
     * @param weights per-pixel loss weights [H * W]; null for uniform
     * @param referentCells the token-grid cells the prompt acts on ({@link ReferentCells}), row-major; null where the
     *     recipe has no referent loss, the prompt was dropped or the task names no cells
     * @param contents what the target holds in each token-grid cell ({@link CellContents}); null where the recipe has
     *     no content loss, the prompt was dropped or the target is not a scene
     */
    public record DitExample(int[] promptIds, List<float[]> inputs, float[] target, float[] weights,
            boolean[] referentCells, CellContents contents) {
    }

    /**
     * 60% question answering, 20% captions, 20% instructions (task head: generate image); with
     * {@link Recipe#vlmQuestionsForCaptions} 80% question answering and no plain captions.
     */
    List<VlmExamples.VlmExample> vlmBatch(int step) {
        return vlmBatch(step, recipe.vlmQuestionsForCaptions() ? 0.8 : 0.6);
    }

    /**
     * Question answering alone, for the VLM's answer layers: the examples {@link #vlmBatch} would draw at the same step
     * with every one a question.
     */
    List<VlmExamples.VlmExample> questionBatch(int step) {
        return vlmBatch(step, 1);
    }

    private List<VlmExamples.VlmExample> vlmBatch(int step, double questionShare) {
        Random rng = random(recipe.seed(), 1, step);
        List<VlmExamples.VlmExample> out = new ArrayList<>();
        for (int i = 0; i < recipe.vlmBatch(); i++) {
            long index = (long) step * recipe.vlmBatch() + i;
            double pick = rng.nextDouble();
            if (pick < questionShare) {
                out.add(vlm.question(pickSample(TaskFamily.UNDERSTANDING, rng, index)));
            } else if (pick < 0.8) {
                TaskSample s = generator.sample(Split.TRAIN, 1_000_000_000L + index);
                out.add(vlm.caption(sceneImage(s), ShapesTokenizer.caption(sceneOf(s))));
            } else {
                TaskFamily family = TaskFamily.values()[1 + rng.nextInt(3)];
                out.add(vlm.instruction(pickSample(family, rng, 2_000_000_000L + index)));
            }
        }
        return out;
    }

    public List<CaptionPair> siglipBatch(int step) {
        List<CaptionPair> out = new ArrayList<>();
        for (int i = 0; i < recipe.siglipBatch(); i++) {
            TaskSample s = generator.sample(Split.TRAIN, 3_000_000_000L + (long) step * recipe.siglipBatch() + i);
            out.add(new CaptionPair(pixels(sceneImage(s)), vlm.captionIds(ShapesTokenizer.caption(sceneOf(s)))));
        }
        return out;
    }

    /**
     * Images the latent's autoencoder learns to reconstruct: every picture the DiT may have to draw, so each sample's
     * target (a scene, an edited scene or a perception map) where it has one, its input scene otherwise.
     */
    public List<float[]> autoencoderBatch(int step) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < recipe.autoencoderBatch(); i++) {
            TaskSample s = generator.sample(Split.TRAIN, 6_000_000_000L + (long) step * recipe.autoencoderBatch() + i);
            out.add(pixels(s.targetImage() != null ? s.targetImage() : s.inputImages().get(0)));
        }
        return out;
    }

    /** Stage 1: text to image only. Stage 2: editing / perception / text to image by the recipe's shares. */
    public List<DitExample> ditBatch(int stage, int step) {
        Random rng = stageRandom(10, stage, step);
        List<DitExample> out = new ArrayList<>();
        for (int i = 0; i < recipe.ditBatch(); i++) {
            long index = 4_000_000_000L * stage + (long) step * recipe.ditBatch() + i;
            TaskFamily family = TaskFamily.GENERATION;
            if (stage == 2) {
                double pick = rng.nextDouble();
                family = pick < recipe.editShare() ? TaskFamily.EDITING
                        : pick < recipe.editShare() + recipe.perceptionShare() ? TaskFamily.PERCEPTION
                        : TaskFamily.GENERATION;
            }
            boolean dropPrompt = rng.nextDouble() < recipe.cfgDropout();
            TaskCategory category = ditCategory(family, rng);
            out.add(ditExample(generator.sample(category, Split.TRAIN, index), dropPrompt));
        }
        return out;
    }

    /** A diffusion example of one task sample (also used by the ablation to build fixed edit sets). */
    public DitExample ditExample(TaskSample s, boolean dropPrompt) {
        int[] ids = prompts.build(dropPrompt ? "" : s.prompt(), s.inputImages().size());
        List<float[]> inputs = s.inputImages().stream().map(this::pixels).toList();
        float[] weights = null;
        int cell = recipe.model().dit().patchSize() * recipe.model().latent().downsample();
        if (recipe.editWeighting() && !s.inputImages().isEmpty()) {
            weights = EditRegionMask.pixelWeights(s.inputImages().get(0), s.targetImage(), cell);
        } else if (recipe.objectWeighting() && s.inputImages().isEmpty()) {
            weights = EditRegionMask.objectWeights(s.targetImage(), s.targetScene().background().rgb(), cell);
        }
        // without its prompt a sample names nothing: only the picture could tell the heads where the words act and
        // what an edit draws there
        boolean[] referent = recipe.referentLoss() > 0 && !dropPrompt ? ReferentCells.of(s, cell) : null;
        CellContents contents = recipe.contentLoss() > 0 && !dropPrompt ? CellContents.of(s, cell) : null;
        return new DitExample(ids, inputs, pixels(s.targetImage()), weights, referent, contents);
    }

    /**
     * The category of a diffusion sample of {@code family}: uniform over the family's, but for the named edits'
     * extra share. The share's draw is taken only where the share is set, so that a recipe without it draws the same
     * batches as before it existed.
     */
    TaskCategory ditCategory(TaskFamily family, Random rng) {
        if (family == TaskFamily.EDITING && recipe.namedEditShare() > 0 && rng.nextDouble() < recipe.namedEditShare()) {
            return NAMED_EDITS.get(rng.nextInt(NAMED_EDITS.size()));
        }
        return uniformCategory(family, rng);
    }

    private TaskSample pickSample(TaskFamily family, Random rng, long index) {
        return generator.sample(uniformCategory(family, rng), Split.TRAIN, index);
    }

    private static TaskCategory uniformCategory(TaskFamily family, Random rng) {
        List<TaskCategory> categories = family.categories();
        return categories.get(rng.nextInt(categories.size()));
    }

    /** The VLM's sequences, as {@link #vlmBatch} builds them. */
    VlmExamples vlmExamples() {
        return vlm;
    }

    float[] pixels(BufferedImage image) {
        return ImageCodec.toModelInput(image, imageSize);
    }

    private static dev.uniworld.training.shapes.Scene sceneOf(TaskSample s) {
        return s.inputScenes().isEmpty() ? s.targetScene() : s.inputScenes().get(0);
    }

    private static BufferedImage sceneImage(TaskSample s) {
        return s.inputImages().isEmpty() ? s.targetImage() : s.inputImages().get(0);
    }

    /** The generator of a diffusion stage's stream {@code base + stage}: stage 2's is seeded by its own seed. */
    private Random stageRandom(int base, int stage, int step) {
        return random(recipe.seedOfStage(stage), base + stage, step);
    }

    private static Random random(long seed, int phase, int step) {
        return new Random(seed * 1_000_003L + phase * 7_919L * 1_000_000L + step);
    }

    /** Host-side normal noise for the diffusion stages, determined by (seed, stage, step). */
    public float[] noise(int stage, int step, int count) {
        Random rng = stageRandom(100, stage, step);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) rng.nextGaussian();
        }
        return out;
    }

    /**
     * Two uniform [0, 1) draws per sample for the high-noise share of sigmas, per (seed, stage, step); a stream of its
     * own, so a recipe without the share sees the same sigmas as before it existed.
     */
    public double[] highNoiseDraws(int stage, int step, int samples) {
        return uniforms(stageRandom(300, stage, step), 2 * samples);
    }

    /** Two uniform [0, 1) draws per sample for the blurred inputs of {@link Recipe#blurShare}; a stream of its own. */
    public double[] blurDraws(int stage, int step, int samples) {
        return uniforms(stageRandom(400, stage, step), 2 * samples);
    }

    private static double[] uniforms(Random rng, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = rng.nextDouble();
        }
        return out;
    }

    /** Standard normal draws for sigma = sigmoid(N(0, 1)), per (seed, stage, step). */
    public double[] sigmaNormals(int stage, int step, int count) {
        Random rng = stageRandom(200, stage, step);
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = rng.nextGaussian();
        }
        return out;
    }
}
