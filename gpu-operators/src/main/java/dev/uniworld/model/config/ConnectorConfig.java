package dev.uniworld.model.config;

/**
 * The two connector MLPs (Linear -> SiLU -> Linear) into the DiT's context width.
 *
 * @param contextDim DiT context width (FLUX: 4096, the T5-XXL width it was trained with)
 * @param hiddenDim inner MLP width (UniWorld-V1: 12288, 3x the context width)
 * @param extraTextTokens maximum tokens of the optional extra text encoder (the reference's T5) appended after the
 *     fused sequence; they arrive already at {@code contextDim} width; 0 disables the slot
 * @param tokenEmbeddings whether the VLM connector reads each prompt token's input embedding beside the VLM's
 *     last-layer state (UniWorld: last-layer states only). A VLM of a few layers keeps little of the current word
 *     in its last layer (see {@code VlmModel#conditioning}). Absent from older config.json files, which read as false
 */
public record ConnectorConfig(int contextDim, int hiddenDim, int extraTextTokens, boolean tokenEmbeddings) {

    public ConnectorConfig {
        Checks.positive("contextDim", contextDim);
        Checks.positive("hiddenDim", hiddenDim);
        Checks.nonNegative("extraTextTokens", extraTextTokens);
    }

    /** Width of the VLM connector's input for a VLM {@code vlmHidden} wide. */
    public int vlmInputWidth(int vlmHidden) {
        return tokenEmbeddings ? 2 * vlmHidden : vlmHidden;
    }

    public ConnectorConfig withTokenEmbeddings(boolean on) {
        return new ConnectorConfig(contextDim, hiddenDim, extraTextTokens, on);
    }
}
