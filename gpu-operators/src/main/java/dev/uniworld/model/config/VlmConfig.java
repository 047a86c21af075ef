package dev.uniworld.model.config;

/**
 * The Qwen-style decoder-only VLM: RMSNorm, rotary positions, SwiGLU MLP, grouped-query causal attention, and a vision
 * tower whose patch tokens are merged 2x2 before they enter the sequence (as in Qwen2.5-VL).
 *
 * @param vocabSize token embedding rows and LM-head outputs (Qwen2.5: 152064)
 * @param hidden residual width (Qwen2.5-VL-7B: 3584)
 * @param layers decoder layers
 * @param heads query heads
 * @param kvHeads key/value heads; fewer than heads means grouped-query attention (7B: 4 for 28 query heads)
 * @param intermediate SwiGLU width (7B: 18944)
 * @param ropeTheta rotary base (Qwen2.5: 1e6, large because of its long context)
 * @param rmsNormEps RMSNorm epsilon
 * @param vision the VLM's own vision tower
 * @param mergeSize side of the square of vision patches merged into one VLM token
 * @param taskClasses outputs of the task head on the last token (answer, generate image)
 * @param describesFirst whether the VLM answers a question by first describing the image, then writing the answer
 *     after a full stop ({@code DescribedAnswers}); Qwen2.5-VL answers directly. Absent from older config.json files,
 *     which read as false
 * @param answerLayers copies of the top decoder layers that answers run through in their place (a describing VLM's
 *     answer, after its description), while the description, the DiT's connector and the task head use the layers
 *     themselves, so that answering can be trained further after the DiT has learnt to read the VLM's states
 *     (training/TRAINING.md, deviation 29). They start as exact copies, so the VLM answers as without them until they
 *     are trained. At most {@code layers}; absent from older config.json files, which read as 0
 */
public record VlmConfig(int vocabSize, int hidden, int layers, int heads, int kvHeads, int intermediate,
        double ropeTheta, double rmsNormEps, VitConfig vision, int mergeSize, int taskClasses, boolean describesFirst,
        int answerLayers) {

    public VlmConfig {
        Checks.positive("vocabSize", vocabSize);
        Checks.positive("hidden", hidden);
        Checks.positive("layers", layers);
        Checks.divides("hidden", hidden, "heads", heads);
        Checks.divides("heads", heads, "kvHeads", kvHeads);
        Checks.require((hidden / heads) % 2 == 0, "VLM head dim must be even for rotary positions");
        Checks.positive("intermediate", intermediate);
        Checks.positive("ropeTheta", ropeTheta);
        Checks.positive("rmsNormEps", rmsNormEps);
        Checks.divides("vision grid", vision.gridSize(), "mergeSize", mergeSize);
        Checks.positive("taskClasses", taskClasses);
        Checks.require(answerLayers >= 0 && answerLayers <= layers,
                "answerLayers must lie in [0, layers = " + layers + "], was " + answerLayers);
    }

    /** A VLM without answer layers. */
    public VlmConfig(int vocabSize, int hidden, int layers, int heads, int kvHeads, int intermediate,
            double ropeTheta, double rmsNormEps, VitConfig vision, int mergeSize, int taskClasses,
            boolean describesFirst) {
        this(vocabSize, hidden, layers, heads, kvHeads, intermediate, ropeTheta, rmsNormEps, vision, mergeSize,
                taskClasses, describesFirst, 0);
    }

    /** A VLM that answers directly, as Qwen2.5-VL does. */
    public VlmConfig(int vocabSize, int hidden, int layers, int heads, int kvHeads, int intermediate,
            double ropeTheta, double rmsNormEps, VitConfig vision, int mergeSize, int taskClasses) {
        this(vocabSize, hidden, layers, heads, kvHeads, intermediate, ropeTheta, rmsNormEps, vision, mergeSize,
                taskClasses, false);
    }

    /** The same VLM answering directly or after a description of the image. */
    public VlmConfig withDescribesFirst(boolean on) {
        return new VlmConfig(vocabSize, hidden, layers, heads, kvHeads, intermediate, ropeTheta, rmsNormEps, vision,
                mergeSize, taskClasses, on, answerLayers);
    }

    /** The same VLM with another vision tower. */
    public VlmConfig withVision(VitConfig newVision) {
        return withVision(newVision, mergeSize);
    }

    /** The same VLM with another vision tower whose patches merge m x m into one token. */
    public VlmConfig withVision(VitConfig newVision, int m) {
        return new VlmConfig(vocabSize, hidden, layers, heads, kvHeads, intermediate, ropeTheta, rmsNormEps, newVision,
                m, taskClasses, describesFirst, answerLayers);
    }

    /** The same VLM with another number of decoder layers, and at most as many answer layers. */
    public VlmConfig withLayers(int newLayers) {
        return new VlmConfig(vocabSize, hidden, newLayers, heads, kvHeads, intermediate, ropeTheta, rmsNormEps, vision,
                mergeSize, taskClasses, describesFirst, Math.min(answerLayers, Math.max(newLayers, 0)));
    }

    /** The same VLM with its top {@code count} layers copied for answering. */
    public VlmConfig withAnswerLayers(int count) {
        return new VlmConfig(vocabSize, hidden, layers, heads, kvHeads, intermediate, ropeTheta, rmsNormEps, vision,
                mergeSize, taskClasses, describesFirst, count);
    }

    public int headDim() {
        return hidden / heads;
    }

    /** VLM tokens contributed by one image (image-pad tokens between vision-start and vision-end). */
    public int tokensPerImage() {
        int side = vision.gridSize() / mergeSize;
        return side * side;
    }
}
