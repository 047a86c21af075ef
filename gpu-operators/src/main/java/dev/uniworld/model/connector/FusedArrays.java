package dev.uniworld.model.connector;

import ai.djl.ndarray.NDArray;

/**
 * The fusion stage's output on the device.
 *
 * @param context [B, L, C] fused context, zero rows past each sample's length
 * @param keep [B, L] 1 for valid context tokens, 0 for padding
 * @param pooled [B, C] mean of the sample's projected VLM tokens
 * @param layout where each fused token came from
 */
public record FusedArrays(NDArray context, NDArray keep, NDArray pooled, FusionLayout layout) {
}
