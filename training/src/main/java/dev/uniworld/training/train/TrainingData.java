package dev.uniworld.training.train;

import dev.uniworld.model.Task;
import dev.uniworld.model.image.ImageCodec;
import dev.uniworld.model.tokenizer.DescribedAnswers;
import dev.uniworld.model.tokenizer.PromptBuilder;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.tokenizer.WordTokenizer;
import dev.uniworld.training.tasks.Split;
import dev.uniworld.training.tasks.TaskCategory;
import dev.uniworld.training.tasks.TaskFamily;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Batches for every phase, drawn from the training split only and determined by (seed, phase, step): a resumed run
 * sees exactly the batches it would have seen, and no batch ever touches a validation or test seed.
 */
public final class TrainingData {

    /** Caption prompts of the VLM are capped at this many words (four objects need about 30). */
    static final int MAX_CAPTION_TOKENS = 40;

    private final TaskGenerator generator;
    private final WordTokenizer tokenizer;
    private final PromptBuilder prompts;
    private final SpecialTokens specials;
    private final Recipe recipe;
    private final int imageSize;

    public TrainingData(TaskGenerator generator, WordTokenizer tokenizer, Recipe recipe) {
        this.generator = generator;
        this.tokenizer = tokenizer;
        this.recipe = recipe;
        this.specials = tokenizer.specials();
        this.prompts = new PromptBuilder(tokenizer, recipe.model().vlm().tokensPerImage());
        this.imageSize = recipe.model().imageSize();
    }

    /**
     * A VLM sequence: ids, the weight of each position's next-token prediction in the loss (summing to 1 over an
     * example, so that every example weighs the same), and an optional task label.
     */
    public record VlmExample(int[] ids, float[] weights, int taskPosition, int taskLabel, float[] image) {
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
     */
    public record DitExample(int[] promptIds, List<float[]> inputs, float[] target, float[] weights) {
    }

    /** 60% question answering, 20% captions, 20% instructions (task head: generate image). */
    public List<VlmExample> vlmBatch(int step) {
        Random rng = random(1, step);
        List<VlmExample> out = new ArrayList<>();
        for (int i = 0; i < recipe.vlmBatch(); i++) {
            long index = (long) step * recipe.vlmBatch() + i;
            double pick = rng.nextDouble();
            if (pick < 0.6) {
                out.add(question(pickSample(TaskFamily.UNDERSTANDING, rng, index)));
            } else if (pick < 0.8) {
                TaskSample s = generator.sample(Split.TRAIN, 1_000_000_000L + index);
                out.add(caption(sceneImage(s), ShapesTokenizer.caption(sceneOf(s))));
            } else {
                TaskFamily family = TaskFamily.values()[1 + rng.nextInt(3)];
                out.add(instruction(pickSample(family, rng, 2_000_000_000L + index)));
            }
        }
        return out;
    }

    public List<CaptionPair> siglipBatch(int step) {
        List<CaptionPair> out = new ArrayList<>();
        for (int i = 0; i < recipe.siglipBatch(); i++) {
            TaskSample s = generator.sample(Split.TRAIN, 3_000_000_000L + (long) step * recipe.siglipBatch() + i);
            out.add(new CaptionPair(pixels(sceneImage(s)), captionIds(ShapesTokenizer.caption(sceneOf(s)))));
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
        Random rng = random(10 + stage, step);
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
            out.add(ditExample(pickSample(family, rng, index), dropPrompt));
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
        return new DitExample(ids, inputs, pixels(s.targetImage()), weights);
    }

    private TaskSample pickSample(TaskFamily family, Random rng, long index) {
        List<TaskCategory> categories = family.categories();
        return generator.sample(categories.get(rng.nextInt(categories.size())), Split.TRAIN, index);
    }

    /**
     * prompt (question + image) -> answer words and the stop token; the task head learns "answer" here. A VLM that
     * describes first ({@code VlmConfig#describesFirst}) is taught to write the image's caption and a full stop before
     * the answer; the description and the answer each carry half of the example's weight.
     */
    VlmExample question(TaskSample s) {
        int[] prompt = prompts.build(s.prompt(), s.inputImages().size());
        int[] answer = concat(tokenizer.encode(s.answer()), new int[] {specials.eos()});
        float[] image = pixels(s.inputImages().get(0));
        if (!recipe.model().vlm().describesFirst()) {
            int[] ids = concat(prompt, answer);
            return new VlmExample(ids, spread(ids.length, prompt.length - 1, answer.length, 1f), prompt.length - 1,
                    Task.ANSWER.ordinal(), image);
        }
        int[] description = concat(captionIds(ShapesTokenizer.caption(s.inputScenes().get(0))),
                tokenizer.encode(DescribedAnswers.SEPARATOR));
        int[] ids = concat(prompt, description, answer);
        float[] weights = spread(ids.length, prompt.length - 1, description.length, 0.5f);
        float[] answerWeights = spread(ids.length, prompt.length - 1 + description.length, answer.length, 0.5f);
        for (int t = 0; t < ids.length; t++) {
            weights[t] += answerWeights[t];
        }
        return new VlmExample(ids, weights, prompt.length - 1, Task.ANSWER.ordinal(), image);
    }

    /** bos, the image's vision block, then the caption and the stop token under the loss. */
    VlmExample caption(BufferedImage image, String caption) {
        int[] vision = prompts.build("", 1);
        int[] ids = concat(vision, captionIds(caption), new int[] {specials.eos()});
        return new VlmExample(ids, spread(ids.length, vision.length - 1, ids.length - vision.length, 1f), -1, -1,
                pixels(image));
    }

    /**
     * An image instruction: next-token loss on its words (they close the prompt, after any image), task head
     * "generate image" on the prompt's last token.
     */
    VlmExample instruction(TaskSample s) {
        int[] ids = prompts.build(s.prompt(), s.inputImages().size());
        int words = tokenizer.encode(s.prompt()).length;
        float[] image = s.inputImages().isEmpty() ? null : pixels(s.inputImages().get(0));
        return new VlmExample(ids, spread(ids.length, ids.length - 1 - words, words, 1f), ids.length - 1,
                Task.GENERATE_IMAGE.ordinal(), image);
    }

    /** Weights over {@code length} positions: {@code total} shared by {@code count} of them from {@code from}. */
    private static float[] spread(int length, int from, int count, float total) {
        float[] weights = new float[length];
        Arrays.fill(weights, from, from + count, total / count);
        return weights;
    }

    int[] captionIds(String caption) {
        int[] ids = tokenizer.encode(caption);
        return Arrays.copyOf(ids, Math.min(MAX_CAPTION_TOKENS, ids.length));
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

    private Random random(int phase, int step) {
        return new Random(recipe.seed() * 1_000_003L + phase * 7_919L * 1_000_000L + step);
    }

    /** Host-side normal noise for the diffusion stages, determined by (seed, stage, step). */
    public float[] noise(int stage, int step, int count) {
        Random rng = random(100 + stage, step);
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
        return uniforms(random(300 + stage, step), 2 * samples);
    }

    /** Two uniform [0, 1) draws per sample for the blurred inputs of {@link Recipe#blurShare}; a stream of its own. */
    public double[] blurDraws(int stage, int step, int samples) {
        return uniforms(random(400 + stage, step), 2 * samples);
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
        Random rng = random(200 + stage, step);
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = rng.nextGaussian();
        }
        return out;
    }

    private static int[] concat(int[]... parts) {
        int length = 0;
        for (int[] p : parts) {
            length += p.length;
        }
        int[] out = new int[length];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
