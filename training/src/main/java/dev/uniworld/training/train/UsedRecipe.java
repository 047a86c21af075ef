package dev.uniworld.training.train;

import dev.uniworld.model.config.ConnectorConfig;
import dev.uniworld.model.config.DitConfig;
import dev.uniworld.model.config.LatentConfig;
import dev.uniworld.model.config.SamplerConfig;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.config.VitConfig;
import dev.uniworld.model.config.VlmConfig;

/**
 * The fields of a recipe that a run starting from another run's finished phases (a branch) must share with the
 * recipe those phases ran: what they trained with, and the architecture the branch loads. A field outside that is
 * null, so that it neither blocks the branch nor shows among the differences a refusal names. Fields keep the names
 * and nesting of {@link Recipe}, so that a difference reads as in {@code recipe.json}
 * ("model.dit.alignedReferences: false here, true asked").
 */
record UsedRecipe(Model model, Long seed, Float encoderLr, Integer vlmSteps, Integer vlmBatch, Double vlmWordLoss,
        Boolean vlmRestatesSubjects, Double vlmWeightDecay, Boolean vlmQuestionsForCaptions, Integer siglipSteps,
        Integer siglipBatch, Double siglipReconstruction, Integer autoencoderSteps, Integer autoencoderBatch,
        Integer stage1Steps, Boolean objectWeighting) {

    /** The parts of {@link UniWorldConfig} a branch must share (null: not compared). */
    record Model(String name, Integer imageSize, VlmConfig vlm, VitConfig siglip, ConnectorConfig connector,
            DitConfig dit, LatentConfig latent, SamplerConfig sampler) {
    }

    /**
     * A model as training sees it: without the sampler's settings that only inference reads (the CFG scales, the
     * guidance interval and the fresh-noise shares), so that changing them neither blocks a resume or branch nor shows
     * among its differences.
     */
    static UniWorldConfig withoutInference(UniWorldConfig c) {
        return c.withSampler(c.sampler().withCfgScale(1).withCfgInterval(0, 1).withFreshNoise(0, 0));
    }

    /**
     * A recipe as the phases before the answer layers' see it: a VLM without them, no answer steps, and the
     * checkpoint interval, which changes no weight, set to 1.
     */
    static Recipe withoutAnswers(Recipe r) {
        return r.withAnswers(0, 0).withCheckpointEvery(1);
    }

    /** Whether two recipes train alike: equal but for the sampler's inference-only settings. */
    static boolean trainAlike(Recipe a, Recipe b) {
        return a.withModel(withoutInference(a.model())).equals(b.withModel(withoutInference(b.model())));
    }

    /**
     * The VLM's pretraining: its architecture (less its answer layers), steps, batch, learning rate, weight decay,
     * examples, mix and seed.
     */
    static UsedRecipe vlm(Recipe r) {
        // the answer layers are trained last, on top of the pretrained VLM: they do not change what it learnt
        return new UsedRecipe(new Model(null, null, r.model().vlm().withAnswerLayers(0), null, null, null, null, null),
                r.seed(),
                r.encoderLr(), r.vlmSteps(), r.vlmBatch(), r.vlmWordLoss(), r.vlmRestatesSubjects(),
                r.vlmWeightDecay(), r.vlmQuestionsForCaptions(), null, null, null, null, null, null, null);
    }

    /** This and SigLIP's pretraining in {@code r}: its architecture, steps, batch and reconstruction weight. */
    UsedRecipe withSiglip(Recipe r) {
        Model m = new Model(model.name, model.imageSize, model.vlm, r.model().siglip(), model.connector, model.dit,
                model.latent, model.sampler);
        return new UsedRecipe(m, seed, encoderLr, vlmSteps, vlmBatch, vlmWordLoss, vlmRestatesSubjects,
                vlmWeightDecay, vlmQuestionsForCaptions, r.siglipSteps(), r.siglipBatch(), r.siglipReconstruction(),
                autoencoderSteps, autoencoderBatch, stage1Steps, objectWeighting);
    }

    /**
     * This and the diffusion side of {@code trained} (the model as far as training has read it: see
     * {@code RunBranches}), with the step counts of the phases already done in {@code r}: the autoencoder's, and stage
     * 1's with its object weighting.
     */
    UsedRecipe withDiffusion(UniWorldConfig trained, Recipe r, boolean autoencoderDone, boolean stage1Done) {
        Model m = new Model(trained.name(), trained.imageSize(), model.vlm, model.siglip, trained.connector(),
                trained.dit(), trained.latent(), trained.sampler());
        return new UsedRecipe(m, seed, encoderLr, vlmSteps, vlmBatch, vlmWordLoss, vlmRestatesSubjects,
                vlmWeightDecay, vlmQuestionsForCaptions, siglipSteps, siglipBatch, siglipReconstruction,
                autoencoderDone ? r.autoencoderSteps() : null, autoencoderDone ? r.autoencoderBatch() : null,
                stage1Done ? r.stage1Steps() : null, stage1Done ? r.objectWeighting() : null);
    }
}
