package dev.uniworld.model.config;

/**
 * The two connector MLPs (Linear -> SiLU -> Linear) into the DiT's context width.
 *
 * @param contextDim DiT context width (FLUX: 4096, the T5-XXL width it was trained with)
 * @param hiddenDim inner MLP width (UniWorld-V1: 12288, 3x the context width)
 * @param extraTextTokens maximum tokens of the optional extra text encoder (the reference's T5) appended after the fused
 *     sequence; they arrive already at {@code contextDim} width; 0 disables the slot
 */
public record ConnectorConfig(int contextDim, int hiddenDim, int extraTextTokens) {

    public ConnectorConfig {
        Checks.positive("contextDim", contextDim);
        Checks.positive("hiddenDim", hiddenDim);
        Checks.nonNegative("extraTextTokens", extraTextTokens);
    }
}
