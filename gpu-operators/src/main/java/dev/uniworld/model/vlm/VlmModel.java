package dev.uniworld.model.vlm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.uniworld.model.config.VlmConfig;
import dev.uniworld.model.nn.LinearLayer;
import dev.uniworld.model.nn.ModelBlock;
import dev.uniworld.model.nn.Ops;
import dev.uniworld.model.nn.RmsNorm;
import dev.uniworld.model.nn.Rotary;
import dev.uniworld.model.nn.Weights;
import dev.uniworld.model.tokenizer.SpecialTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Qwen-style VLM. A prompt is [bos, vision_start, image_pad x M, vision_end, ..., instruction...]; every image_pad
 * position takes the next vision-tower token. Positions are 1-D rotary (Qwen2.5-VL's 3-D M-RoPE collapses to this
 * for a single still image per position range). Sequences are right-padded: with causal attention no valid token sees a
 * pad, so a batch gives the same states as its samples one by one. Answer layers ({@link VlmConfig#answerLayers}) are
 * copies of the top decoder layers that answers are read from ({@link #answerStates}), trained further for answering
 * while the states the DiT reads stay as they were.
 */
public final class VlmModel extends ModelBlock {

    private final VlmConfig config;
    private final SpecialTokens specials;
    private final Parameter embedTokens;
    private final VisionTower visual;
    private final List<QwenDecoderLayer> layers = new ArrayList<>();
    private final RmsNorm norm;
    private final LinearLayer lmHead;
    private final LinearLayer taskHead;
    /** Copies of the top decoder layers that answers run through instead of them ({@link #forkAnswerLayers}). */
    private final List<QwenDecoderLayer> answerLayers = new ArrayList<>();

    public VlmModel(VlmConfig config, SpecialTokens specials) {
        this.config = config;
        this.specials = specials;
        embedTokens = weight("embed_tokens", config.vocabSize(), config.hidden());
        visual = addChildBlock("visual", new VisionTower(config));
        for (int i = 0; i < config.layers(); i++) {
            layers.add(addChildBlock("layer" + i, new QwenDecoderLayer(config)));
        }
        norm = addChildBlock("norm", new RmsNorm(config.hidden(), config.rmsNormEps()));
        lmHead = addChildBlock("lm_head", new LinearLayer(config.hidden(), config.vocabSize(), false));
        taskHead = addChildBlock("task_head", new LinearLayer(config.hidden(), config.taskClasses(), true));
        for (int i = 0; i < config.answerLayers(); i++) {
            answerLayers.add(addChildBlock("answer_layer" + i, new QwenDecoderLayer(config)));
        }
    }

    /** Whether a parameter path (below the VLM's own prefix) belongs to the answer layers. */
    public static boolean isAnswerLayerPath(String path) {
        return path.startsWith("answer_layer");
    }

    /**
     * Sets every answer layer to the decoder layer it stands in for (the i-th of n to layer {@code layers - n + i}), so
     * that the VLM answers as without them until they are trained further.
     */
    public void forkAnswerLayers() {
        int first = config.layers() - answerLayers.size();
        for (int i = 0; i < answerLayers.size(); i++) {
            Map<String, Parameter> copies = Weights.named("", answerLayers.get(i));
            Weights.named("", layers.get(first + i)).forEach((path, p) -> p.getArray()
                    .copyTo(copies.get(path).getArray()));
        }
    }

    /**
     * Last-layer hidden states after the final norm.
     *
     * @param tokenIds [B, T] int64, right-padded
     * @param images [N, 3, S, S] in [-1, 1], in the order their image_pad runs appear (row-major over the batch); null
     *     when no prompt holds an image
     * @return [B, T, D]
     */
    public NDArray forward(ParameterStore store, NDArray tokenIds, NDArray images, boolean training) {
        return norm.forward(store, states(store, tokenIds, images, layers.size(), training).get(1), training);
    }

    /**
     * What the DiT's connector reads: the last-layer states, and with {@code withEmbeddings} each token's input
     * embedding (the vision token at image positions) beside them, through the same final norm. In a VLM of a few
     * layers trained on next-token loss, the last layer holds the next token more than the current one ("a green
     * circle" and "a green square" differ by 0.03 rms at the shape word in the tiny preset's), so the words a picture
     * must show are read where they enter.
     *
     * @return [B, T, D], or [B, T, 2D] as (last-layer state, input embedding) with {@code withEmbeddings}
     */
    public NDArray conditioning(ParameterStore store, NDArray tokenIds, NDArray images, boolean withEmbeddings,
            boolean training) {
        NDList states = states(store, tokenIds, images, layers.size(), training);
        NDArray last = norm.forward(store, states.get(1), training); // [B, T, D]
        // [B, T, 2D] with the embeddings beside the last layer, else [B, T, D]
        return withEmbeddings ? last.concat(norm.forward(store, states.get(0), training), 2) : last;
    }

    /** The last-layer states of a {@link #conditioning} result: [B, T, D or 2D] -> [B, T, D]. */
    public NDArray lastLayer(NDArray conditioning) {
        return conditioning.get(":, :, :" + config.hidden());
    }

    /**
     * The states answers are read from: those of the answer layers in place of the top decoder layers, through the
     * final norm; without answer layers, {@link #forward}'s. A VLM that describes first writes its description from
     * {@link #forward}'s states and the answer after it from these ({@code GreedyDecoder}).
     *
     * @return [B, T, D]
     */
    public NDArray answerStates(ParameterStore store, NDArray tokenIds, NDArray images, boolean training) {
        if (answerLayers.isEmpty()) {
            return forward(store, tokenIds, images, training);
        }
        // the layers the answer layers stand in for are not run: the answer phase reads nothing from them
        NDList below = states(store, tokenIds, images, fork(), training);
        return throughAnswerLayers(store, below, training);
    }

    /**
     * What a decoder reads, from one pass through the layers below the answer layers: (the last layer's states, as
     * {@link #forward} gives them; those of the answer layers, as {@link #answerStates} gives them), each [B, T, D];
     * the same array twice without answer layers.
     */
    public NDList readingStates(ParameterStore store, NDArray tokenIds, NDArray images, boolean training) {
        NDList states = states(store, tokenIds, images, layers.size(), training);
        NDArray last = norm.forward(store, states.get(1), training); // [B, T, D]
        return new NDList(last, answerLayers.isEmpty() ? last : throughAnswerLayers(store, states, training));
    }

    /** The answer layers over a pass's states where they branch off, through the final norm: [B, T, D]. */
    private NDArray throughAnswerLayers(ParameterStore store, NDList states, boolean training) {
        NDArray x = states.get(2); // [B, T, D]
        for (QwenDecoderLayer layer : answerLayers) { // the rotary table and mask of the pass below
            x = layer.forward(store, x, states.get(3), states.get(4), states.get(5), training); // [B, T, D]
        }
        return norm.forward(store, x, training);
    }

    /** How many decoder layers lie below the answer layers. */
    private int fork() {
        return layers.size() - answerLayers.size();
    }

    /**
     * One pass through the first {@code depth} decoder layers: (input embeddings [B, T, D], the states leaving the last
     * layer run, before the final norm [B, T, D], the states entering the layers the answer layers stand in for [B, T,
     * D], the rotary cos and sin [T, hd] and the causal mask [T, T] the layers used, so that the answer layers reuse
     * them).
     */
    private NDList states(ParameterStore store, NDArray tokenIds, NDArray images, int depth, boolean training) {
        NDManager manager = tokenIds.getManager();
        int length = Math.toIntExact(tokenIds.getShape().get(1));
        NDArray x = Ops.takeRows(value(store, embedTokens, tokenIds, training), tokenIds); // [B, T, D]
        if (images != null && images.getShape().get(0) > 0) {
            x = withImageTokens(x, tokenIds, visual.forward(store, images, training)); // [B, T, D]
        }
        NDArray embedded = x;
        NDList rope = Rotary.sequence(manager, length, config.headDim(), config.ropeTheta()); // 2 x [T, hd]
        NDArray mask = Ops.causalMask(manager, length); // [T, T]
        NDArray forked = x;
        for (int i = 0; i < depth; i++) {
            x = layers.get(i).forward(store, x, rope.get(0), rope.get(1), mask, training); // [B, T, D]
            forked = i + 1 == fork() ? x : forked;
        }
        return new NDList(embedded, x, forked, rope.get(0), rope.get(1), mask);
    }

    /** Next-token logits: [..., D] -> [..., V]. */
    public NDArray lmLogits(ParameterStore store, NDArray hidden, boolean training) {
        return lmHead.forward(store, hidden, training);
    }

    /** Task logits (answer, generate image) from the last token's state: [B, D] -> [B, taskClasses]. */
    public NDArray taskLogits(ParameterStore store, NDArray lastHidden, boolean training) {
        return taskHead.forward(store, lastHidden, training);
    }

    /** The state at each sample's last valid position: hidden [B, T, D], lengths[b] -> [B, D]. */
    public static NDArray lastTokens(NDArray hidden, int[] lengths) {
        Shape s = hidden.getShape();
        long[] rows = new long[lengths.length];
        for (int b = 0; b < lengths.length; b++) {
            rows[b] = b * s.get(1) + lengths[b] - 1;
        }
        return hidden.reshape(s.get(0) * s.get(1), s.get(2)).get(hidden.getManager().create(rows)); // [B, D]
    }

    /** Replaces the embedding at every image_pad position by the next vision token, with one gather. */
    private NDArray withImageTokens(NDArray embedded, NDArray tokenIds, NDArray vision) {
        Shape s = embedded.getShape(); // [B, T, D]
        long visionTokens = vision.getShape().get(0) * vision.getShape().get(1);
        long[] ids = tokenIds.toLongArray();
        long[] rows = new long[ids.length];
        long next = 0;
        for (int i = 0; i < ids.length; i++) {
            rows[i] = ids[i] == specials.imagePad() ? s.get(0) * s.get(1) + next++ : i;
        }
        if (next != visionTokens) {
            throw new IllegalArgumentException("prompts hold " + next + " image_pad tokens but the images give "
                    + visionTokens + " vision tokens (" + config.tokensPerImage() + " per image)");
        }
        NDArray table = embedded.reshape(s.get(0) * s.get(1), s.get(2)) // [B*T + N*M, D]
                .concat(vision.reshape(visionTokens, s.get(2)), 0);
        return table.get(tokenIds.getManager().create(rows, new Shape(s.get(0), s.get(1)))); // [B, T, D]
    }

    /** Right-pads prompts with the pad id: [B, T] int64, T = longest prompt; rejects ids outside the vocabulary. */
    public NDArray padTokenIds(NDManager manager, int[][] tokenIds) {
        int longest = 0;
        for (int[] ids : tokenIds) {
            longest = Math.max(longest, ids.length);
        }
        long[] out = new long[tokenIds.length * longest];
        java.util.Arrays.fill(out, specials.pad());
        for (int b = 0; b < tokenIds.length; b++) {
            for (int t = 0; t < tokenIds[b].length; t++) {
                if (tokenIds[b][t] < 0 || tokenIds[b][t] >= config.vocabSize()) {
                    throw new IllegalArgumentException("token id " + tokenIds[b][t] + " outside the vocabulary");
                }
                out[b * longest + t] = tokenIds[b][t];
            }
        }
        return manager.create(out, new Shape(tokenIds.length, longest));
    }

    public VlmConfig config() {
        return config;
    }

    public SpecialTokens specials() {
        return specials;
    }

    /** Inputs: tokenIds [B, T] int64 and optionally images [N, 3, S, S]; output: hidden [B, T, D]. */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray images = inputs.size() > 1 ? inputs.get(1) : null;
        return new NDList(forward(store, inputs.get(0), images, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(config.hidden())};
    }
}
