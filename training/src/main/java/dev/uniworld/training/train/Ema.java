package dev.uniworld.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exponential moving average of weights, as UniWorld keeps it: after update k (counting from 0) the average moves with
 * decay min((1 + k) / (10 + k), 0.999), so early averages follow the weights closely and later ones smooth over about a
 * thousand steps. The averages live in their own manager, in float32, beside the weights they follow.
 */
public final class Ema implements AutoCloseable {

    private final NDManager manager;
    private final Map<String, Parameter> tracked;
    private final Map<String, NDArray> averages = new LinkedHashMap<>();
    private final double maxDecay;
    private long updates;

    /** Starts the averages at the current weights. */
    public Ema(NDManager parent, Map<String, Parameter> tracked, double maxDecay) {
        this.manager = parent.newSubManager();
        this.tracked = new LinkedHashMap<>(tracked);
        this.maxDecay = maxDecay;
        for (Map.Entry<String, Parameter> e : tracked.entrySet()) {
            NDArray copy = e.getValue().getArray().duplicate();
            copy.attach(manager);
            averages.put(e.getKey(), copy);
        }
    }

    /** Decay used by update number {@code k} (0-based). */
    public static double decay(long k, double maxDecay) {
        return Math.min((1.0 + k) / (10.0 + k), maxDecay);
    }

    /** Moves every average towards its weight: avg = d * avg + (1 - d) * w. */
    public void update() {
        float d = (float) decay(updates++, maxDecay);
        try (NDManager scratch = manager.newSubManager()) {
            for (Map.Entry<String, NDArray> e : averages.entrySet()) {
                NDArray weight = tracked.get(e.getKey()).getArray();
                NDArray diff = weight.sub(e.getValue()); // w - avg, made in the weights' manager: move it
                diff.attach(scratch);
                e.getValue().addi(diff.muli(1 - d));
            }
        }
    }

    /** Copies the averages into the weights (for evaluation, shipping, or freezing a pretrained encoder). */
    public void copyToWeights() {
        for (Map.Entry<String, NDArray> e : averages.entrySet()) {
            e.getValue().copyTo(tracked.get(e.getKey()).getArray());
        }
    }

    /** Restores averages saved earlier (a resumed run), with the update count they had reached. */
    public void restore(Map<String, NDArray> saved, long savedUpdates) {
        for (Map.Entry<String, NDArray> e : averages.entrySet()) {
            NDArray value = saved.get(e.getKey());
            if (value == null) {
                throw new IllegalArgumentException("saved EMA lacks " + e.getKey());
            }
            value.copyTo(e.getValue());
        }
        updates = savedUpdates;
    }

    public Map<String, NDArray> averages() {
        return averages;
    }

    public long updates() {
        return updates;
    }

    @Override
    public void close() {
        manager.close();
    }
}
