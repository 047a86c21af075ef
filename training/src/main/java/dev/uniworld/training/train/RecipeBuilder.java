package dev.uniworld.training.train;

import dev.uniworld.model.config.UniWorldConfig;

/**
 * A mutable copy of a {@link Recipe}'s fields, so that each of the recipe's {@code with...} methods names only the
 * field it changes and the record's components are listed in order in one place ({@link #build()}). Fields carry
 * the record's names and meanings; {@link #build()} validates through the record's constructor.
 */
final class RecipeBuilder {

    UniWorldConfig model;
    long seed;
    int vlmSteps;
    int vlmBatch;
    int siglipSteps;
    int siglipBatch;
    int stage1Steps;
    int stage2Steps;
    int ditBatch;
    float encoderLr;
    float ditLr;
    int warmupSteps;
    boolean editWeighting;
    double cfgDropout;
    double highNoiseShare;
    double editShare;
    double perceptionShare;
    int checkpointEvery;
    double siglipReconstruction;
    boolean objectWeighting;
    int autoencoderSteps;
    int autoencoderBatch;
    double vlmWordLoss;
    double blurShare;
    boolean vlmRestatesSubjects;
    double vlmWeightDecay;
    boolean vlmQuestionsForCaptions;
    double namedEditShare;
    double referentLoss;
    double contentLoss;
    long stage2Seed;
    int answerSteps;

    RecipeBuilder(Recipe recipe) {
        model = recipe.model();
        seed = recipe.seed();
        vlmSteps = recipe.vlmSteps();
        vlmBatch = recipe.vlmBatch();
        siglipSteps = recipe.siglipSteps();
        siglipBatch = recipe.siglipBatch();
        stage1Steps = recipe.stage1Steps();
        stage2Steps = recipe.stage2Steps();
        ditBatch = recipe.ditBatch();
        encoderLr = recipe.encoderLr();
        ditLr = recipe.ditLr();
        warmupSteps = recipe.warmupSteps();
        editWeighting = recipe.editWeighting();
        cfgDropout = recipe.cfgDropout();
        highNoiseShare = recipe.highNoiseShare();
        editShare = recipe.editShare();
        perceptionShare = recipe.perceptionShare();
        checkpointEvery = recipe.checkpointEvery();
        siglipReconstruction = recipe.siglipReconstruction();
        objectWeighting = recipe.objectWeighting();
        autoencoderSteps = recipe.autoencoderSteps();
        autoencoderBatch = recipe.autoencoderBatch();
        vlmWordLoss = recipe.vlmWordLoss();
        blurShare = recipe.blurShare();
        vlmRestatesSubjects = recipe.vlmRestatesSubjects();
        vlmWeightDecay = recipe.vlmWeightDecay();
        vlmQuestionsForCaptions = recipe.vlmQuestionsForCaptions();
        namedEditShare = recipe.namedEditShare();
        referentLoss = recipe.referentLoss();
        contentLoss = recipe.contentLoss();
        stage2Seed = recipe.stage2Seed();
        answerSteps = recipe.answerSteps();
    }

    /** @throws IllegalArgumentException where the edited fields break one of {@link Recipe}'s rules */
    Recipe build() {
        return new Recipe(model, seed, vlmSteps, vlmBatch, siglipSteps, siglipBatch, stage1Steps, stage2Steps,
                ditBatch, encoderLr, ditLr, warmupSteps, editWeighting, cfgDropout, highNoiseShare, editShare,
                perceptionShare, checkpointEvery, siglipReconstruction, objectWeighting, autoencoderSteps,
                autoencoderBatch, vlmWordLoss, blurShare, vlmRestatesSubjects, vlmWeightDecay,
                vlmQuestionsForCaptions, namedEditShare, referentLoss, contentLoss, stage2Seed,
                answerSteps);
    }
}
