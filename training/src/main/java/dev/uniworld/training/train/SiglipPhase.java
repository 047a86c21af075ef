package dev.uniworld.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.nn.Weights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stand-in for the pretrained SigLIP2: the image encoder learns SigLIP's sigmoid contrastive loss against a small text
 * tower on ShapesWorld image-caption pairs. The towers are discarded afterwards; the encoder is frozen from here on.
 */
final class SiglipPhase extends Phase {

    private final UniWorldModel model;
    private final TrainingData data;
    private final Recipe recipe;
    private final NDManager towerManager;
    private final ContrastiveTowers towers;

    SiglipPhase(UniWorldModel model, TrainingData data, Recipe recipe, int vocabSize) {
        this.model = model;
        this.data = data;
        this.recipe = recipe;
        this.towerManager = model.manager().newSubManager();
        this.towers = new ContrastiveTowers(vocabSize, TrainingData.MAX_CAPTION_TOKENS,
                model.config().siglip().hidden(), model.config().siglip().hidden());
        Weights.initializeSeeded("towers.", towers, towerManager, recipe.seed() + 17);
        towers.initLogitParameters();
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
        Map<String, Parameter> out = new LinkedHashMap<>(TrainingRun.withPrefix(model.parameters(), "siglip."));
        out.putAll(extraState());
        return out;
    }

    @Override
    Map<String, Parameter> extraState() {
        return Weights.named("towers.", towers);
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
        return new Batch(TrainingRun.images(sub, pairs.stream().map(TrainingData.CaptionPair::image).toList(),
                model.config().imageSize()), sub.create(ids, new Shape(b, length)),
                sub.create(keep, new Shape(b, length)));
    }

    @Override
    NDArray loss(ParameterStore store, Object prepared) {
        Batch batch = (Batch) prepared;
        NDArray patches = model.network().siglip().forward(store, batch.images(), true); // [B, P, D]
        NDArray image = towers.image(store, patches, true); // [B, E]
        NDArray text = towers.text(store, batch.ids(), batch.keep(), true); // [B, E]
        return towers.sigmoidLoss(store, image, text, true);
    }

    @Override
    void finish() {
        towerManager.close();
    }
}
