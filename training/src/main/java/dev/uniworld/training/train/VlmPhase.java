package dev.uniworld.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.nn.LinearLayer;
import dev.uniworld.model.nn.Weights;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.vlm.VlmModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stand-in for the pretrained Qwen2.5-VL: the whole VLM (vision tower included) learns ShapesWorld captions and
 * question answering with a next-token loss on the answer words, plus the task head's answer / generate choice, plus,
 * where the recipe weighs it ({@link Recipe#vlmWordLoss}), a read-out of each text position's own token and the one
 * before it from the last layer (the heads are discarded afterwards).
 *
 * <p>Questions of the same kind, past those the VLM phase drew, train the VLM's answer layers in the
 * recipe's last phase ({@code answer}), with the rest frozen: the next-token loss on the answer's tokens alone, read
 * through the answer layers after the description they follow, so that the states the DiT was trained on do not move.
 */
final class VlmPhase extends Phase {

    private static final String WORD_READOUT = "word_readout.";

    private final UniWorldModel model;
    private final TrainingData data;
    private final Recipe recipe;
    private final NDManager readoutManager;
    /** Last-layer state [D] -> logits of [its own token, the token before it] [2V]; null without the word loss. */
    private final LinearLayer wordReadout;
    /** Whether this is the answer layers' phase rather than the VLM's pretraining. */
    private final boolean answerLayers;

    VlmPhase(UniWorldModel model, TrainingData data, Recipe recipe, boolean answerLayers) {
        this.model = model;
        this.data = data;
        this.recipe = recipe;
        this.answerLayers = answerLayers;
        this.readoutManager = model.manager().newSubManager();
        if (recipe.vlmWordLoss() > 0 && !answerLayers) {
            int hidden = model.config().vlm().hidden();
            wordReadout = new LinearLayer(hidden, 2L * model.config().vlm().vocabSize(), true);
            Weights.initializeSeeded(WORD_READOUT, wordReadout, readoutManager, recipe.seed() + 23);
        } else {
            wordReadout = null;
        }
    }

    /**
     * @param words [B, T, 2] int64: each position's own token and the one before it
     * @param wordMask [B, T] weights of the word read-out: each example's text positions share 1 / B
     */
    record Batch(NDArray ids, NDArray images, NDArray next, NDArray lossMask, NDArray taskRows, NDArray taskLabels,
            NDArray words, NDArray wordMask) {
    }

    @Override
    String name() {
        return answerLayers ? "answer" : "vlm";
    }

    @Override
    int steps() {
        return answerLayers ? recipe.answerSteps() : recipe.vlmSteps();
    }

    @Override
    float peakLr() {
        return recipe.encoderLr();
    }

    @Override
    float weightDecay() {
        return (float) recipe.vlmWeightDecay();
    }

    @Override
    Map<String, Parameter> trainable() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        Phases.withPrefix(model.parameters(), "vlm.").forEach((name, p) -> {
            boolean answering = RunBranches.isAnswerLayer(name);
            // the LM head also writes the descriptions, through the layers below: the answer layers train alone
            if (answering == answerLayers) {
                out.put(name, p);
            }
        });
        out.putAll(extraState());
        return out;
    }

    @Override
    Map<String, Parameter> extraState() {
        return wordReadout == null ? Map.of() : Weights.named(WORD_READOUT, wordReadout);
    }

    @Override
    Object prepare(NDManager sub, int step) {
        // the answer layers learn to answer, on questions the VLM phase did not see
        List<VlmExamples.VlmExample> examples = answerLayers ? data.questionBatch(recipe.vlmSteps() + step)
                : data.vlmBatch(step);
        int b = examples.size();
        int length = examples.stream().mapToInt(e -> e.ids().length).max().orElse(1);
        int[][] ids = new int[b][];
        float[] next = new float[b * length];
        float[] mask = new float[b * length];
        long[] words = new long[b * length * 2];
        float[] wordMask = new float[b * length];
        SpecialTokens specials = model.network().vlm().specials();
        List<float[]> images = new ArrayList<>();
        List<Long> rows = new ArrayList<>();
        List<Long> labels = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            VlmExamples.VlmExample e = examples.get(i);
            ids[i] = e.ids();
            float[] weights = answerLayers ? answerWeights(e) : e.weights();
            for (int t = 0; t + 1 < e.ids().length; t++) {
                next[i * length + t] = e.ids()[t + 1];
                // every example weighs the same: a 30-word caption must not outweigh a one-word answer 30 to 1
                mask[i * length + t] = weights[t] / b;
            }
            wordTargets(e.ids(), specials, i * length, words, wordMask, b);
            if (e.image() != null) {
                images.add(e.image());
            }
            if (e.taskLabel() >= 0) {
                rows.add((long) i * length + e.taskPosition());
                labels.add((long) e.taskLabel());
            }
        }
        VlmModel vlm = model.network().vlm();
        return new Batch(vlm.padTokenIds(sub, ids), Phases.images(sub, images, model.config().imageSize()),
                sub.create(next, new Shape(b, length)).toType(ai.djl.ndarray.types.DataType.INT64, false),
                sub.create(mask, new Shape(b, length)),
                sub.create(rows.stream().mapToLong(Long::longValue).toArray()),
                sub.create(labels.stream().mapToLong(Long::longValue).toArray()),
                sub.create(words, new Shape(b, length, 2)), sub.create(wordMask, new Shape(b, length)));
    }

    /**
     * The answer layers' loss: the answer's tokens alone, sharing the example's weight. The description before them is
     * read, not learnt: the decoder writes it through the layers below ({@code GreedyDecoder}).
     */
    static float[] answerWeights(VlmExamples.VlmExample e) {
        float[] weights = new float[e.weights().length];
        if (e.answerFrom() < 0) {
            return weights;
        }
        int count = e.ids().length - 1 - e.answerFrom();
        Arrays.fill(weights, e.answerFrom(), e.answerFrom() + count, 1f / count);
        return weights;
    }

    /**
     * Fills one example's word read-out targets from {@code offset} on: every position after bos that holds a word
     * (not an image placeholder) names itself and its predecessor; the example's positions share 1 / batch.
     */
    static void wordTargets(int[] ids, SpecialTokens specials, int offset, long[] words, float[] wordMask,
            int batch) {
        int counted = 0;
        for (int t = 1; t < ids.length; t++) {
            counted += ids[t] == specials.imagePad() ? 0 : 1;
        }
        for (int t = 1; t < ids.length; t++) {
            words[2 * (offset + t)] = ids[t];
            words[2 * (offset + t) + 1] = ids[t - 1];
            wordMask[offset + t] = ids[t] == specials.imagePad() ? 0f : 1f / (counted * batch);
        }
    }

    @Override
    NDArray loss(ParameterStore store, Object prepared) {
        Batch batch = (Batch) prepared;
        VlmModel vlm = model.network().vlm();
        NDArray hidden = answerLayers ? vlm.answerStates(store, batch.ids(), batch.images(), true)
                : vlm.forward(store, batch.ids(), batch.images(), true); // [B, T, D]
        NDArray logp = vlm.lmLogits(store, hidden, true).logSoftmax(2); // [B, T, V]
        NDArray picked = logp.gather(batch.next().expandDims(2), 2).squeeze(2); // [B, T]
        NDArray lm = picked.mul(batch.lossMask()).sum().neg(); // mean over examples of each one's token mean
        if (answerLayers) {
            return lm; // the task head reads the states below the answer layers, trained in the VLM phase
        }
        if (wordReadout != null) {
            Shape h = hidden.getShape();
            NDArray wordLogp = wordReadout.forward(store, hidden, true)
                    .reshape(h.get(0), h.get(1), 2, -1).logSoftmax(3); // [B, T, 2, V]
            NDArray named = wordLogp.gather(batch.words().expandDims(3), 3).squeeze(3).sum(new int[] {2}); // [B, T]
            lm = lm.add(named.mul(batch.wordMask()).sum().neg().mul((float) recipe.vlmWordLoss()));
        }
        if (batch.taskRows().size() == 0) {
            return lm;
        }
        Shape s = hidden.getShape();
        NDArray last = hidden.reshape(s.get(0) * s.get(1), s.get(2)).get(batch.taskRows()); // [R, D]
        NDArray taskLogp = vlm.taskLogits(store, last, true).logSoftmax(1); // [R, 2]
        NDArray task = taskLogp.gather(batch.taskLabels().expandDims(1), 1).mean().neg();
        return lm.add(task);
    }

    @Override
    void finish() {
        if (!answerLayers) {
            model.network().vlm().forkAnswerLayers(); // before the phase's end is saved: the VLM answers as trained
        }
        readoutManager.close();
    }
}
