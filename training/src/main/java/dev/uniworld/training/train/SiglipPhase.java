package dev.uniworld.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.config.VitConfig;
import dev.uniworld.model.nn.LinearLayer;
import dev.uniworld.model.nn.Ops;
import dev.uniworld.model.nn.Weights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stand-in for the pretrained SigLIP2: the image encoder learns SigLIP's sigmoid contrastive loss against a small text
 * tower on ShapesWorld image-caption pairs, plus, where the recipe weighs it ({@link Recipe#siglipReconstruction}), the
 * mean squared error of a linear read-out from each patch token to that patch's pixels. The towers and the read-out
 * are discarded afterwards; the encoder is frozen from here on.
 */
final class SiglipPhase extends Phase {

    private static final String READOUT = "pixel_readout.";

    private final UniWorldModel model;
    private final TrainingData data;
    private final Recipe recipe;
    private final NDManager towerManager;
    private final ContrastiveTowers towers;
    /** Patch token [D] -> its patch's pixels [3 * p * p]; null when the recipe has no reconstruction term. */
    private final LinearLayer pixelReadout;

    SiglipPhase(UniWorldModel model, TrainingData data, Recipe recipe, int vocabSize) {
        this.model = model;
        this.data = data;
        this.recipe = recipe;
        this.towerManager = model.manager().newSubManager();
        this.towers = new ContrastiveTowers(vocabSize, VlmExamples.MAX_CAPTION_TOKENS,
                model.config().siglip().hidden(), model.config().siglip().hidden());
        Weights.initializeSeeded("towers.", towers, towerManager, recipe.seed() + 17);
        towers.initLogitParameters();
        if (recipe.siglipReconstruction() > 0) {
            VitConfig siglip = model.config().siglip();
            pixelReadout = new LinearLayer(siglip.hidden(), 3L * siglip.patchSize() * siglip.patchSize(), true);
            Weights.initializeSeeded(READOUT, pixelReadout, towerManager, recipe.seed() + 19);
        } else {
            pixelReadout = null;
        }
    }

    record Batch(NDArray images, NDArray ids, NDArray keep) {
    }

    @Override
    String name() {
        return "siglip";
    }

    @Override
    int steps() {
        return recipe.siglipSteps();
    }

    @Override
    float peakLr() {
        return recipe.encoderLr();
    }

    @Override
    Map<String, Parameter> trainable() {
        Map<String, Parameter> out = new LinkedHashMap<>(Phases.withPrefix(model.parameters(), "siglip."));
        out.putAll(extraState());
        return out;
    }

    @Override
    Map<String, Parameter> extraState() {
        Map<String, Parameter> out = new LinkedHashMap<>(Weights.named("towers.", towers));
        if (pixelReadout != null) {
            out.putAll(Weights.named(READOUT, pixelReadout));
        }
        return out;
    }

    @Override
    Object prepare(NDManager sub, int step) {
        List<TrainingData.CaptionPair> pairs = data.siglipBatch(step);
        int b = pairs.size();
        int length = pairs.stream().mapToInt(p -> p.caption().length).max().orElse(1);
        long[] ids = new long[b * length];
        float[] keep = new float[b * length];
        for (int i = 0; i < b; i++) {
            int[] caption = pairs.get(i).caption();
            for (int t = 0; t < caption.length; t++) {
                ids[i * length + t] = caption[t];
                keep[i * length + t] = 1f;
            }
        }
        return new Batch(Phases.images(sub, pairs.stream().map(TrainingData.CaptionPair::image).toList(),
                model.config().imageSize()), sub.create(ids, new Shape(b, length)),
                sub.create(keep, new Shape(b, length)));
    }

    @Override
    NDArray loss(ParameterStore store, Object prepared) {
        Batch batch = (Batch) prepared;
        NDArray patches = model.network().siglip().forward(store, batch.images(), true); // [B, P, D]
        NDArray image = towers.image(store, patches, true); // [B, E]
        NDArray text = towers.text(store, batch.ids(), batch.keep(), true); // [B, E]
        NDArray loss = towers.sigmoidLoss(store, image, text, true);
        if (pixelReadout == null) {
            return loss;
        }
        NDArray pixels = Ops.patchify(batch.images(), model.config().siglip().patchSize()); // [B, P, 3 * p * p]
        NDArray error = pixelReadout.forward(store, patches, true).sub(pixels).square().mean(); // scalar
        return loss.add(error.mul((float) recipe.siglipReconstruction()));
    }

    @Override
    void finish() {
        towerManager.close();
    }
}
