package dev.uniworld.model.sampler;

import ai.djl.ndarray.NDArray;

/**
 * The training side of rectified flow: build the noisy input and the target velocity, and the (optionally
 * per-pixel weighted) MSE between prediction and target. The trainer draws sigma (e.g. sigmoid of a normal, shifted).
 */
public final class FlowMatchingObjective {

    private FlowMatchingObjective() {
    }

    /** x_sigma = (1 - sigma) x0 + sigma noise, for x0 and noise [B, C, h, w] and sigma [B]. */
    public static NDArray noisy(NDArray x0, NDArray noise, NDArray sigma) {
        NDArray s = sigma.reshape(sigma.getShape().get(0), 1, 1, 1); // [B, 1, 1, 1]
        return x0.mul(s.neg().add(1f)).add(noise.mul(s));
    }

    /** The velocity the DiT learns: noise - x0. */
    public static NDArray target(NDArray x0, NDArray noise) {
        return noise.sub(x0);
    }

    /**
     * The velocity that carries x_sigma = (1 - sigma) source + sigma noise to x0 in the time left, (x_sigma - x0) /
     * sigma, written as noise - x0 + (source - x0) (1 - sigma) / sigma so that it is exactly {@link #target} where the
     * source is x0 itself. A source degraded from x0 (a blurred copy) asks the DiT to restore the clean x0.
     *
     * @param x0 [B, C, h, w] the clean image the sampler should reach
     * @param source [B, C, h, w] what the noisy input was made from; sigma must be above 0 wherever it differs from x0
     * @param noise [B, C, h, w]
     * @param sigma [B]
     */
    public static NDArray restoringTarget(NDArray x0, NDArray source, NDArray noise, NDArray sigma) {
        NDArray s = sigma.reshape(sigma.getShape().get(0), 1, 1, 1); // [B, 1, 1, 1]
        return target(x0, noise).add(source.sub(x0).mul(s.neg().add(1f).div(s)));
    }

    /**
     * Per-sample weighted MSE.
     *
     * @param predicted [B, C, h, w]
     * @param target [B, C, h, w]
     * @param weights [B, 1, h, w] or [B, C, h, w] per-pixel weights (edit-region weighting); null for uniform
     * @return [B] mean weighted squared error per sample
     */
    public static NDArray loss(NDArray predicted, NDArray target, NDArray weights) {
        NDArray squared = predicted.sub(target).square(); // [B, C, h, w]
        if (weights != null) {
            squared = squared.mul(weights);
        }
        return squared.reshape(squared.getShape().get(0), -1).mean(new int[] {1}); // [B]
    }
}
