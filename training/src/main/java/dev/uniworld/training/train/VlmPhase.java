package dev.uniworld.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.vlm.VlmModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stand-in for the pretrained Qwen2.5-VL: the whole VLM (vision tower included) learns ShapesWorld captions and
 * question answering with a next-token loss on the answer words, plus the task head's answer / generate choice.
 */
final class VlmPhase extends Phase {

    private final UniWorldModel model;
    private final TrainingData data;
    private final Recipe recipe;

    VlmPhase(UniWorldModel model, TrainingData data, Recipe recipe) {
        this.model = model;
        this.data = data;
        this.recipe = recipe;
    }

    record Batch(NDArray ids, NDArray images, NDArray next, NDArray lossMask, NDArray taskRows, NDArray taskLabels) {
    }

    @Override
    String name() {
        return "vlm";
    }

    @Override
    int steps() {
        return recipe.vlmSteps();
    }

    @Override
    float peakLr() {
        return recipe.encoderLr();
    }

    @Override
    Map<String, Parameter> trainable() {
        return TrainingRun.withPrefix(model.parameters(), "vlm.");
    }

    @Override
    Object prepare(NDManager sub, int step) {
        List<TrainingData.VlmExample> examples = data.vlmBatch(step);
        int b = examples.size();
        int length = examples.stream().mapToInt(e -> e.ids().length).max().orElse(1);
        int[][] ids = new int[b][];
        float[] next = new float[b * length];
        float[] mask = new float[b * length];
        List<float[]> images = new ArrayList<>();
        List<Long> rows = new ArrayList<>();
        List<Long> labels = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            TrainingData.VlmExample e = examples.get(i);
            ids[i] = e.ids();
            int predicted = 0;
            for (boolean p : e.predicts()) {
                predicted += p ? 1 : 0;
            }
            for (int t = 0; t + 1 < e.ids().length; t++) {
                next[i * length + t] = e.ids()[t + 1];
                // every example weighs the same: a 30-word caption must not outweigh a one-word answer 30 to 1
                mask[i * length + t] = e.predicts()[t] ? 1f / (predicted * b) : 0f;
            }
            if (e.image() != null) {
                images.add(e.image());
            }
            if (e.taskLabel() >= 0) {
                rows.add((long) i * length + e.taskPosition());
                labels.add((long) e.taskLabel());
            }
        }
        VlmModel vlm = model.network().vlm();
        return new Batch(vlm.padTokenIds(sub, ids), TrainingRun.images(sub, images, model.config().imageSize()),
                sub.create(next, new Shape(b, length)).toType(ai.djl.ndarray.types.DataType.INT64, false),
                sub.create(mask, new Shape(b, length)),
                sub.create(rows.stream().mapToLong(Long::longValue).toArray()),
                sub.create(labels.stream().mapToLong(Long::longValue).toArray()));
    }

    @Override
    NDArray loss(ParameterStore store, Object prepared) {
        Batch batch = (Batch) prepared;
        VlmModel vlm = model.network().vlm();
        NDArray hidden = vlm.forward(store, batch.ids(), batch.images(), true); // [B, T, D]
        NDArray logp = vlm.lmLogits(store, hidden, true).logSoftmax(2); // [B, T, V]
        NDArray picked = logp.gather(batch.next().expandDims(2), 2).squeeze(2); // [B, T]
        NDArray lm = picked.mul(batch.lossMask()).sum().neg(); // mean over examples of each one's token mean
        if (batch.taskRows().size() == 0) {
            return lm;
        }
        Shape s = hidden.getShape();
        NDArray last = hidden.reshape(s.get(0) * s.get(1), s.get(2)).get(batch.taskRows()); // [R, D]
        NDArray taskLogp = vlm.taskLogits(store, last, true).logSoftmax(1); // [R, 2]
        NDArray task = taskLogp.gather(batch.taskLabels().expandDims(1), 1).mean().neg();
        return lm.add(task);
    }
}
