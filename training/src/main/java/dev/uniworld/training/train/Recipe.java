package dev.uniworld.training.train;

import dev.uniworld.model.config.Presets;
import dev.uniworld.model.config.UniWorldConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The UniWorld training recipe at ShapesWorld scale: two encoder pretraining phases standing in for the reference's
 * pretrained Qwen2.5-VL and SigLIP2, then stage 1 (text-to-image alignment) and stage 2 (reference consistency).
 * The fields from {@code siglipReconstruction} on were added after the first runs; recipes recorded before a field
 * existed read it as 0 or off.
 *
 * @param model the architecture trained (a preset, possibly with a coarser DiT patch; recorded in config.json)
 * @param seed seeds the weights, the data order, the noise and sigma draws
 * @param vlmSteps next-token pretraining steps of the VLM (captions + question answering), then frozen
 * @param vlmBatch VLM batch size
 * @param siglipSteps sigmoid-contrastive steps of the SigLIP encoder against a small text tower, then frozen
 * @param siglipBatch SigLIP batch size (every pair in it is a negative for the others)
 * @param stage1Steps text-to-image steps: VLM->DiT connector and DiT trained, no SigLIP features
 * @param stage2Steps mixed editing / perception / text-to-image steps with the SigLIP->DiT connector added
 * @param ditBatch batch size of both diffusion stages
 * @param encoderLr peak Adam learning rate of the encoder pretraining (VLM, SigLIP, autoencoder; the shipped recipe:
 *     1e-3, training/TRAINING.md, "Half the learning rate")
 * @param ditLr peak Adam learning rate of the diffusion stages
 * @param warmupSteps warm-up of every phase's {@link LearningRateSchedule}
 * @param editWeighting whether edit-region weighting multiplies the per-pixel loss (the ablation switches it off)
 * @param cfgDropout probability of dropping the instruction (classifier-free guidance training); 0 disables it
 * @param highNoiseShare share of diffusion samples whose sigma is drawn uniformly from [{@link #HIGH_NOISE_FLOOR}, 1)
 *     instead of the shifted logit-normal, which puts under 5% of its draws there; 0 keeps the reference's sampling
 *     (the shipped recipe: 0.25). Where the sampler starts, from pure noise, the DiT must already draw from its
 *     conditioning alone, and that regime is the one it learns least
 * @param editShare share of editing samples in stage 2
 * @param perceptionShare share of perception samples in stage 2 (the rest is text-to-image)
 * @param checkpointEvery steps between resumable checkpoints
 * @param siglipReconstruction weight of a per-token pixel reconstruction term added to SigLIP's sigmoid loss (a
 *     linear read-out from each token to its patch's pixels, discarded with the text tower); 0 keeps the reference's
 *     contrastive loss alone (the shipped recipe: 200, deviation 14 in training/TRAINING.md)
 * @param objectWeighting whether text-to-image samples are weighted like edits, with the target's plain background
 *     as the source, so that the cells of the drawn objects (a few percent of the image) weigh log2(x) + 1
 *     (deviation 15 in training/TRAINING.md; the shipped recipe: on)
 * @param autoencoderSteps reconstruction steps of the latent's autoencoder, after SigLIP and before stage 1, then
 *     frozen (standing in for FLUX's pretrained VAE); only models that denoise a latent have the phase
 * @param autoencoderBatch images per autoencoder step
 * @param vlmWordLoss weight of a read-out loss in the VLM phase that asks the VLM's last layer to name, at every text
 *     position, its own token and the one before it (two linear heads, discarded afterwards; deviation 17 in
 *     training/TRAINING.md); 0 keeps the next-token loss alone
 * @param blurShare share of stage-2 samples at sigma >= {@link #BLUR_SIGMA_FLOOR} whose noisy input is made from a box
 *     blur of the clean target (radius 1 to {@link #MAX_BLUR_RADIUS}) while the loss still asks for the sharp target
 *     (deviation 18 in training/TRAINING.md, for sharpening the sampler's soft first prediction); 0 keeps the
 *     reference's objective
 * @param vlmRestatesSubjects whether a describing VLM, after the caption, also names the objects the question is
 *     about before it answers (deviation 22 in training/TRAINING.md; off in the shipped recipe)
 * @param vlmWeightDecay decoupled weight decay of the VLM phase (AdamW's: every matrix and embedding shrinks by
 *     learning rate x decay at each step; norm gains and biases do not); 0 keeps plain Adam, as the recipe does
 *     (deviation 23 in training/TRAINING.md: at 0.1 the VLM did not answer better)
 * @param vlmQuestionsForCaptions whether the VLM phase's share of plain caption examples (a fifth) becomes question
 *     answering too, which still trains the caption before each answer of a VLM that describes first, the only kind
 *     it is allowed for (off in the shipped recipe: training/TRAINING.md, "At the lower rate")
 * @param namedEditShare share of stage 2's editing samples whose operation is drawn from the six that name what to
 *     draw ({@link TrainingData#NAMED_EDITS}: add, replace, adjust colour, adjust size, move, hybrid) instead of from
 *     all nine alike; 0 keeps the uniform draw, in which they are two thirds of the edits (the shipped recipe: 0)
 * @param referentLoss weight, in stage 2, of an auxiliary loss that asks the DiT's image tokens, where its
 *     double-stream blocks leave them, to mark the cells the prompt is about ({@link ReferentCells}): one linear
 *     head gives each token a logit, binary cross-entropy, the marked cells weighted as an edit region; the head is
 *     discarded afterwards. 0 trains on the velocity alone, as the reference does (the shipped recipe: 0.5,
 *     deviation 27 in training/TRAINING.md)
 * @param contentLoss weight, in stage 2, of an auxiliary loss that asks the same image tokens what the target holds
 *     in their cells ({@link CellContents}: the kind, colour and size of the shape there, or none): a second linear
 *     head, three softmax cross-entropies, the cells with a shape weighted as an edit region; discarded afterwards.
 *     0 for none (the shipped recipe: 0.2; deviation 28 in training/TRAINING.md)
 * @param stage2Seed seeds stage 2's data order, noise and sigma draws and its training-only heads in place of
 *     {@code seed}, so that a stage 2 can be repeated over another sequence from the same stage 1 ({@code
 *     --branch-from}), which no other field changes without changing what the earlier phases trained with; 0 (the
 *     shipped recipe) takes {@code seed}
 * @param answerSteps next-token steps of the VLM's answer layers ({@code model.vlm().answerLayers()}), the rest of the
 *     model frozen, on the answers' tokens of questions the VLM phase did not see (after the description, which they
 *     read, where the VLM describes first); the last phase, since nothing else reads them (deviation 29 in
 *     training/TRAINING.md). 0 leaves them as the copies the VLM phase made
 */
public record Recipe(UniWorldConfig model, long seed, int vlmSteps, int vlmBatch, int siglipSteps, int siglipBatch,
        int stage1Steps, int stage2Steps, int ditBatch, float encoderLr, float ditLr, int warmupSteps,
        boolean editWeighting, double cfgDropout, double highNoiseShare, double editShare, double perceptionShare,
        int checkpointEvery, double siglipReconstruction, boolean objectWeighting, int autoencoderSteps,
        int autoencoderBatch, double vlmWordLoss, double blurShare, boolean vlmRestatesSubjects,
        double vlmWeightDecay, boolean vlmQuestionsForCaptions, double namedEditShare, double referentLoss,
        double contentLoss, long stage2Seed, int answerSteps) {

    /** EMA decay cap: min((1 + k) / (10 + k), 0.999). */
    public static final double EMA_MAX_DECAY = 0.999;

    /** Lower end of the high-noise sigma range (see {@code highNoiseShare}). */
    public static final double HIGH_NOISE_FLOOR = 0.9;

    /** Lowest sigma whose input {@code blurShare} may blur: the 8-step sampler's last DiT pass is at about 0.19. */
    public static final double BLUR_SIGMA_FLOOR = 0.15;

    /** Largest box-blur radius of {@code blurShare}: 7x7, about as soft as the shipped DiT's copies. */
    public static final int MAX_BLUR_RADIUS = 3;

    public Recipe {
        require(vlmSteps >= 0 && siglipSteps >= 0 && stage1Steps >= 0 && stage2Steps >= 0 && autoencoderSteps >= 0
                && answerSteps >= 0, "step counts must be >= 0");
        require(answerSteps == 0 || model.vlm().answerLayers() > 0,
                "answerSteps needs a VLM with answer layers (--answers LAYERS,STEPS)");
        require((autoencoderSteps == 0 || autoencoderBatch >= 1) && (vlmSteps + answerSteps == 0 || vlmBatch >= 1)
                && (siglipSteps == 0 || siglipBatch >= 1), "a phase with steps needs a batch of at least 1");
        require(stage1Steps + stage2Steps == 0 || ditBatch >= 1,
                "ditBatch (--dit-batch) must be >= 1, was " + ditBatch);
        require(checkpointEvery >= 1, "checkpointEvery (--checkpoint-every) must be >= 1, was " + checkpointEvery);
        require(editShare + perceptionShare <= 1 && cfgDropout >= 0 && cfgDropout < 1,
                "shares must sum to at most 1 and cfgDropout lie in [0, 1)");
        require(highNoiseShare >= 0 && highNoiseShare <= 1, "highNoiseShare must lie in [0, 1], was " + highNoiseShare);
        require(!vlmRestatesSubjects || model.vlm().describesFirst(),
                "vlmRestatesSubjects needs a VLM that describes first");
        // a VLM that answers directly learns captions from the caption examples only
        require(!vlmQuestionsForCaptions || model.vlm().describesFirst(),
                "vlmQuestionsForCaptions needs a VLM that describes first");
        require(blurShare >= 0 && blurShare <= 1, "blurShare must lie in [0, 1], was " + blurShare);
        require(namedEditShare >= 0 && namedEditShare <= 1,
                "namedEditShare must lie in [0, 1], was " + namedEditShare);
        require(Double.isFinite(referentLoss) && referentLoss >= 0,
                "referentLoss must be finite and >= 0, was " + referentLoss);
        require(Double.isFinite(contentLoss) && contentLoss >= 0,
                "contentLoss must be finite and >= 0, was " + contentLoss);
        require(Double.isFinite(vlmWordLoss) && vlmWordLoss >= 0,
                "vlmWordLoss must be finite and >= 0, was " + vlmWordLoss);
        require(Float.isFinite(encoderLr) && encoderLr > 0 && Float.isFinite(ditLr) && ditLr > 0,
                "encoderLr and ditLr must be finite and > 0, were " + encoderLr + " and " + ditLr);
        require(Double.isFinite(vlmWeightDecay) && vlmWeightDecay >= 0 && vlmWeightDecay * encoderLr < 1,
                "vlmWeightDecay must be finite, >= 0 and below 1 / encoderLr, was " + vlmWeightDecay);
        require(Double.isFinite(siglipReconstruction) && siglipReconstruction >= 0,
                "siglipReconstruction must be finite and >= 0, was " + siglipReconstruction);
    }

    /**
     * The recipe of the shipped checkpoint (cl02s40 with ans7's answer layers in training/TRAINING.md, which gives each
     * choice's measurements): the tiny preset (8x8 pixel patches, the DiT predicting the clean image, aligned reference
     * tokens and the reference shortcut; the connector also reads the prompt's token embeddings, deviation 16), a VLM
     * that describes the image before it answers (deviation 21) trained for 48000 steps, 8000 SigLIP steps with the
     * pixel reconstruction term at weight 200, 4000 stage-1 and 40000 stage-2 steps with a quarter of the sigmas drawn
     * from [0.9, 1), stage 2's referent loss at weight 0.5 (deviation 27) and content loss at weight 0.2 (deviation
     * 28), 10% prompt dropout (so that classifier-free guidance is available: the preset's sampler guides prompts alone
     * at scale 6, which lifted cl02s20's validation generation from 27.0% to 48.7%, and not edits or maps, which lose
     * from scale 3), text-to-image samples weighted on their objects (deviation 15), the encoder phases at a peak rate
     * of 1e-3 (see {@code encoderLr}) and seed 10, and last, 32000 steps of three answer layers that the VLM's answers
     * run through (deviation 29). About 358 min on the slower 2-core machine of TRAINING.md (the VLM's 78 alone,
     * SigLIP's 20, stage 1's 12.5 and stage 2's 247), three times the two hours it was sized for, plus 32 for the
     * answer phase (timed on the Intel Xeon). On the validation split, at the shipped sampler,
     * against cl02s20 (the same recipe with a 20000-step stage 2 from the same stage 1), cl02s40 lifted edit success
     * from 47.4% to 78.3%, the perception overlap from 86.9% to 94.2% and generation from 48.7% to 65.0%; the answer
     * layers lifted its answers from 92.7% to 96.0%.
     */
    public static Recipe tiny() {
        UniWorldConfig model = Presets.tiny();
        return new Recipe(model.withVlm(model.vlm().withDescribesFirst(true).withAnswerLayers(3)), 10, 48_000, 32,
                8000, 64, 4000, 40_000, 16, 1e-3f, 6e-4f, 100, true, 0.1, 0.25, 0.5, 0.25, 200, 200, true, 0, 32, 0,
                0, false, 0, false, 0, 0.5, 0.2, 0, 32_000);
    }

    /** The preset's architecture with another DiT patch size. */
    public static UniWorldConfig withPatch(UniWorldConfig base, int patch) {
        return base.withDit(base.dit().withPatchSize(patch));
    }

    /** Same recipe with every phase's step count multiplied by {@code factor} (at least one step each if non-zero). */
    public Recipe scaled(double factor) {
        return with(r -> {
            r.vlmSteps = scale(vlmSteps, factor);
            r.siglipSteps = scale(siglipSteps, factor);
            r.stage1Steps = scale(stage1Steps, factor);
            r.stage2Steps = scale(stage2Steps, factor);
            r.autoencoderSteps = scale(autoencoderSteps, factor);
            r.answerSteps = scale(answerSteps, factor);
            r.warmupSteps = Math.max(1, (int) Math.round(warmupSteps * factor));
        });
    }

    public Recipe withSteps(int vlm, int siglip, int stage1, int stage2) {
        return with(r -> {
            r.vlmSteps = vlm;
            r.siglipSteps = siglip;
            r.stage1Steps = stage1;
            r.stage2Steps = stage2;
        });
    }

    public Recipe withBatches(int vlm, int siglip, int dit) {
        return with(r -> {
            r.vlmBatch = vlm;
            r.siglipBatch = siglip;
            r.ditBatch = dit;
        });
    }

    public Recipe withAutoencoder(int steps, int batch) {
        return with(r -> {
            r.autoencoderSteps = steps;
            r.autoencoderBatch = batch;
        });
    }

    public Recipe withModel(UniWorldConfig newModel) {
        return with(r -> r.model = newModel);
    }

    public Recipe withSeed(long newSeed) {
        return with(r -> r.seed = newSeed);
    }

    public Recipe withEditWeighting(boolean on) {
        return with(r -> r.editWeighting = on);
    }

    public Recipe withObjectWeighting(boolean on) {
        return with(r -> r.objectWeighting = on);
    }

    public Recipe withHighNoiseShare(double share) {
        return with(r -> r.highNoiseShare = share);
    }

    public Recipe withSiglipReconstruction(double weight) {
        return with(r -> r.siglipReconstruction = weight);
    }

    public Recipe withVlmWordLoss(double weight) {
        return with(r -> r.vlmWordLoss = weight);
    }

    public Recipe withBlurShare(double share) {
        return with(r -> r.blurShare = share);
    }

    public Recipe withVlmRestatesSubjects(boolean on) {
        return with(r -> r.vlmRestatesSubjects = on);
    }

    public Recipe withEncoderLr(float rate) {
        return with(r -> r.encoderLr = rate);
    }

    public Recipe withVlmWeightDecay(double decay) {
        return with(r -> r.vlmWeightDecay = decay);
    }

    public Recipe withVlmQuestionsForCaptions(boolean on) {
        return with(r -> r.vlmQuestionsForCaptions = on);
    }

    public Recipe withNamedEditShare(double share) {
        return with(r -> r.namedEditShare = share);
    }

    public Recipe withReferentLoss(double weight) {
        return with(r -> r.referentLoss = weight);
    }

    public Recipe withContentLoss(double weight) {
        return with(r -> r.contentLoss = weight);
    }

    public Recipe withStage2Seed(long newSeed) {
        return with(r -> r.stage2Seed = newSeed);
    }

    /** The seed of a diffusion stage's draws and heads: {@link #stage2Seed} for stage 2 where it is set, else seed. */
    public long seedOfStage(int stage) {
        return stage == 2 && stage2Seed != 0 ? stage2Seed : seed;
    }

    /** The same recipe with {@code layers} answer layers in the VLM, trained for {@code steps} in the last phase. */
    public Recipe withAnswers(int layers, int steps) {
        return with(r -> {
            r.model = model.withVlm(model.vlm().withAnswerLayers(layers));
            r.answerSteps = steps;
        });
    }

    public Recipe withCheckpointEvery(int steps) {
        return with(r -> r.checkpointEvery = steps);
    }

    /** A copy with the fields {@code edit} sets; the constructor checks the result as it checks any recipe. */
    private Recipe with(Consumer<RecipeBuilder> edit) {
        RecipeBuilder copy = new RecipeBuilder(this);
        edit.accept(copy);
        return copy.build();
    }

    /**
     * The phases in the order they run, as run states count them: the encoders, the latent's autoencoder for a model
     * that denoises a latent, the two diffusion stages, then the VLM's answer layers where it has them.
     */
    public List<String> phaseNames() {
        List<String> names = new ArrayList<>(model.latent().pixelSpace()
                ? List.of("vlm", "siglip", "stage1", "stage2") : List.of("vlm", "siglip", "autoencoder", "stage1",
                "stage2"));
        if (model.vlm().answerLayers() > 0) {
            names.add("answer");
        }
        return List.copyOf(names);
    }

    /** Where the named phase stands in {@link #phaseNames()}: a run state at this index is about to run it. */
    public int phaseIndex(String name) {
        int index = phaseNames().indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no phase '" + name + "' in " + phaseNames());
        }
        return index;
    }

    /** The learning-rate schedule every phase follows: {@link #warmupSteps} of warm-up, then cosine decay. */
    public LearningRateSchedule schedule() {
        return new LearningRateSchedule(warmupSteps);
    }

    private static void require(boolean holds, String reason) {
        if (!holds) {
            throw new IllegalArgumentException(reason);
        }
    }

    private static int scale(int steps, double factor) {
        return steps == 0 ? 0 : Math.max(1, (int) Math.round(steps * factor));
    }
}
