package dev.uniworld.training.cli;

import dev.uniworld.training.train.Recipe;
import picocli.CommandLine.Option;

/** The {@code train} options that change how the recipe trains: step counts, batches, rates, losses and data. */
final class RecipeOptions {

    @Option(names = "--scale", defaultValue = "1", description = "multiply every phase's steps (default: 1)")
    private double scale;

    @Option(names = "--steps", split = ",",
            description = "steps per phase: vlm,siglip,stage1,stage2[,answer] (overrides the recipe and --scale; "
                    + "without the fifth, the answer layers are not trained and answer as the layers they copy)")
    private int[] steps;

    @Option(names = "--answers", split = ",", paramLabel = "LAYERS,STEPS", description = "copies of the VLM's top "
            + "layers that answers run through in their place (the DiT reads the layers themselves), and the steps of "
            + "the last phase, which trains them alone on the answers (0,0: none; default: the recipe's; over "
            + "--steps)")
    private int[] answers;

    @Option(names = "--dit-batch", description = "batch size of the diffusion stages (default: the recipe's)")
    private Integer ditBatch;

    @Option(names = "--seed", description = "seed of weights, data, noise (default: the recipe's)")
    private Long seed;

    @Option(names = "--stage2-seed", description = "seed of stage 2's data, noise and training-only heads, so that a "
            + "stage 2 can be repeated over another sequence from the same stage 1 (--branch-from); 0 takes --seed "
            + "(default: the recipe's, 0)")
    private Long stage2Seed;

    @Option(names = "--high-noise-share", description = "share of diffusion samples with sigma drawn uniformly from "
            + "[0.9, 1) instead of the shifted logit-normal (default: the recipe's, 0.25)")
    private Double highNoiseShare;

    @Option(names = "--blur-share", description = "share of stage-2 samples (at sigma >= 0.15) whose noisy input is "
            + "made from a box-blurred target, radius 1-3, while the loss asks for the sharp one (default: the "
            + "recipe's, 0)")
    private Double blurShare;

    @Option(names = "--named-edit-share", description = "share of stage 2's edits drawn from the six operations that "
            + "name what to draw (add, replace, adjust colour, adjust size, move, hybrid) instead of from all nine "
            + "alike (default: the recipe's, 0)")
    private Double namedEditShare;

    @Option(names = "--referent-loss", description = "weight of stage 2's referent loss: a training-only head on the "
            + "DiT's image tokens marks the cells the prompt acts on (the edit region, the segmented object, the drawn "
            + "objects), 0 for none (default: the recipe's, 0.5)")
    private Double referentLoss;

    @Option(names = "--content-loss", description = "weight of stage 2's content loss: a training-only head on the "
            + "DiT's image tokens names the kind, colour and size of the shape the target holds in each cell, 0 for "
            + "none (default: the recipe's, 0.2)")
    private Double contentLoss;

    @Option(names = "--no-edit-weighting", description = "switch edit-region weighting off (ablation)")
    private boolean noEditWeighting;

    @Option(names = "--object-weighting", negatable = true, description = "weigh the objects' cells of text-to-image "
            + "samples like an edit region; --no-object-weighting weighs every pixel alike, as UniWorld does (default: "
            + "the recipe's, on)")
    private Boolean objectWeighting;

    @Option(names = "--siglip-reconstruction", description = "weight of the SigLIP phase's per-token pixel "
            + "reconstruction term, 0 for none (default: the recipe's)")
    private Double siglipReconstruction;

    @Option(names = "--vlm-word-loss", description = "weight of the VLM phase's word read-out (its last layer names "
            + "each text position's token and the one before it), 0 for none (default: the recipe's)")
    private Double vlmWordLoss;

    @Option(names = "--encoder-lr", description = "peak learning rate of the encoder phases (VLM, SigLIP, autoencoder) "
            + "(default: the recipe's)")
    private Float encoderLr;

    @Option(names = "--vlm-weight-decay", description = "AdamW's decoupled weight decay in the VLM phase (matrices and "
            + "embeddings, not norm gains or biases), 0 for plain Adam (default: the recipe's)")
    private Double vlmWeightDecay;

    @Option(names = "--restate-subjects", description = "a VLM that describes first also writes, after the caption's "
            + "full stop, the objects the question is about and a second full stop, then the answer (default: off)")
    private boolean restateSubjects;

    @Option(names = "--vlm-questions-for-captions", description = "the VLM phase trains question answering (with the "
            + "caption before each answer) where it trained plain captions: 80%% questions, 20%% instructions; needs a "
            + "VLM that describes first (default: off)")
    private boolean vlmQuestionsForCaptions;

    @Option(names = "--checkpoint-every", description = "steps between resumable checkpoints (default: the recipe's)")
    private Integer checkpointEvery;

    /** {@code recipe} with these options: first scaled, then the step counts, then every other setting. */
    Recipe applyTo(Recipe recipe) {
        recipe = recipe.scaled(scale);
        if (steps != null) {
            if (steps.length != 4 && steps.length != 5) {
                throw new IllegalArgumentException(
                        "--steps takes four or five numbers: vlm,siglip,stage1,stage2[,answer]");
            }
            recipe = recipe.withSteps(steps[0], steps[1], steps[2], steps[3])
                    .withAnswers(recipe.model().vlm().answerLayers(), steps.length == 5 ? steps[4] : 0);
        }
        if (answers != null) {
            if (answers.length != 2) {
                throw new IllegalArgumentException("--answers takes two numbers: layers,steps");
            }
            recipe = recipe.withAnswers(answers[0], answers[1]);
        }
        if (ditBatch != null) {
            recipe = recipe.withBatches(recipe.vlmBatch(), recipe.siglipBatch(), ditBatch);
        }
        if (seed != null) {
            recipe = recipe.withSeed(seed);
        }
        if (stage2Seed != null) {
            recipe = recipe.withStage2Seed(stage2Seed);
        }
        if (highNoiseShare != null) {
            recipe = recipe.withHighNoiseShare(highNoiseShare);
        }
        if (blurShare != null) {
            recipe = recipe.withBlurShare(blurShare);
        }
        if (namedEditShare != null) {
            recipe = recipe.withNamedEditShare(namedEditShare);
        }
        if (referentLoss != null) {
            recipe = recipe.withReferentLoss(referentLoss);
        }
        if (contentLoss != null) {
            recipe = recipe.withContentLoss(contentLoss);
        }
        if (noEditWeighting) {
            recipe = recipe.withEditWeighting(false);
        }
        if (objectWeighting != null) {
            recipe = recipe.withObjectWeighting(objectWeighting);
        }
        if (siglipReconstruction != null) {
            recipe = recipe.withSiglipReconstruction(siglipReconstruction);
        }
        if (vlmWordLoss != null) {
            recipe = recipe.withVlmWordLoss(vlmWordLoss);
        }
        if (encoderLr != null) {
            recipe = recipe.withEncoderLr(encoderLr);
        }
        if (vlmWeightDecay != null) {
            recipe = recipe.withVlmWeightDecay(vlmWeightDecay);
        }
        if (restateSubjects) {
            recipe = recipe.withVlmRestatesSubjects(true);
        }
        if (vlmQuestionsForCaptions) {
            recipe = recipe.withVlmQuestionsForCaptions(true);
        }
        if (checkpointEvery != null) {
            recipe = recipe.withCheckpointEvery(checkpointEvery);
        }
        return recipe;
    }
}
