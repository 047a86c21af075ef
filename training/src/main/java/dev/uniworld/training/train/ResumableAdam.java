package dev.uniworld.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with the update of DJL's {@code Optimizer.adam()} (the engine's fused Adam step, the same bias correction,
 * betas, epsilon and gradient clipping), whose moment estimates and update counts a run's checkpoint can save and
 * restore. DJL's Adam keeps them private, so a resumed run had to restart them; with this one it continues exactly
 * where the interrupted run stopped. DJL's Adam counts updates over all parameters and this one per parameter; the
 * two agree because every step updates every parameter the phase trains. With a weight decay it is AdamW: before
 * each update every weight of two or more dimensions (matrices, embeddings, convolution kernels) is multiplied by
 * 1 - rate x decay, decoupled from the gradient's moments; norm gains and biases are left alone, as is usual.
 */
final class ResumableAdam extends Optimizer implements AutoCloseable {

    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    static final float EPSILON = 1e-8f;

    private static final String MEAN = "mean.";
    private static final String VARIANCE = "variance.";
    private static final String UPDATES = "updates.";

    private final Tracker learningRate;
    private final float weightDecay;
    private final Map<String, NDArray> means = new HashMap<>();
    private final Map<String, NDArray> variances = new HashMap<>();
    private final Map<String, Integer> updates = new HashMap<>();

    /**
     * @param learningRate the rate by update count (1 for the first update)
     * @param clipGradient each gradient element is clipped to [-clip, clip] before the moments see it
     */
    ResumableAdam(Tracker learningRate, float clipGradient) {
        this(learningRate, clipGradient, 0f);
    }

    /**
     * @param learningRate the rate by update count (1 for the first update)
     * @param clipGradient each gradient element is clipped to [-clip, clip] before the moments see it
     * @param weightDecay decoupled decay of the weights of two or more dimensions, per unit of learning rate
     */
    ResumableAdam(Tracker learningRate, float clipGradient, float weightDecay) {
        super(new Settings().optClipGrad(clipGradient));
        if (!(Float.isFinite(weightDecay) && weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be finite and >= 0, was " + weightDecay);
        }
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
    }

    @Override
    public void update(String name, NDArray weight, NDArray gradient) {
        int t = updates.merge(name, 1, Integer::sum);
        float rate = learningRate.getNewValue(name, t);
        // the bias corrections of both moments, folded into the step size
        float corrected = (float) (rate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t)));
        if (!Float.isFinite(corrected) || !Float.isFinite(getWeightDecay())) {
            throw new IllegalStateException("learning rate " + corrected + " or weight decay " + getWeightDecay()
                    + " is not finite for " + name);
        }
        if (weightDecay > 0 && weight.getShape().dimension() >= 2) {
            weight.muli(1 - rate * weightDecay);
        }
        NDArray mean = means.computeIfAbsent(name, k -> weight.zerosLike());
        NDArray variance = variances.computeIfAbsent(name, k -> weight.zerosLike());
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, gradient, mean, variance), new NDList(weight), rate,
                corrected, getWeightDecay(), rescaleGrad, clipGrad, BETA1, BETA2, EPSILON, true, false);
    }

    /** Moments and update counts by name, for a checkpoint; the counts are 1-element arrays made in {@code manager}. */
    Map<String, NDArray> state(NDManager manager) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : updates.entrySet()) {
            out.put(MEAN + e.getKey(), means.get(e.getKey()));
            out.put(VARIANCE + e.getKey(), variances.get(e.getKey()));
            out.put(UPDATES + e.getKey(), manager.create(new float[] {e.getValue()}));
        }
        return out;
    }

    /**
     * Takes up the state that {@link #state} saved, for every parameter this phase trains; the moments are copied into
     * arrays owned by the parameters' own manager, so {@code saved} may be closed afterwards.
     *
     * @return false, with nothing taken up, when a trained parameter has no saved moments (a branch seeded it)
     * @throws IllegalStateException when saved moments have another shape than their weight
     */
    boolean restore(Map<String, NDArray> saved, Map<String, Parameter> trainable) {
        for (Map.Entry<String, Parameter> e : trainable.entrySet()) {
            String name = e.getKey();
            NDArray mean = saved.get(MEAN + name);
            NDArray variance = saved.get(VARIANCE + name);
            if (mean == null || variance == null || !saved.containsKey(UPDATES + name)) {
                return false;
            }
            Shape shape = e.getValue().getArray().getShape();
            if (!mean.getShape().equals(shape) || !variance.getShape().equals(shape)) {
                throw new IllegalStateException("saved moments of " + name + " are " + mean.getShape()
                        + ", the weight " + shape);
            }
        }
        for (Map.Entry<String, Parameter> e : trainable.entrySet()) {
            String name = e.getKey();
            NDArray weight = e.getValue().getArray();
            means.computeIfAbsent(name, k -> weight.zerosLike()).set(saved.get(MEAN + name).toFloatArray());
            variances.computeIfAbsent(name, k -> weight.zerosLike()).set(saved.get(VARIANCE + name).toFloatArray());
            updates.put(name, Math.round(saved.get(UPDATES + name).getFloat()));
        }
        return true;
    }

    /** Frees the moments (they live as long as the model's manager otherwise). */
    @Override
    public void close() {
        means.values().forEach(NDArray::close);
        variances.values().forEach(NDArray::close);
        means.clear();
        variances.clear();
        updates.clear();
    }

    /** DJL's optimizer settings (gradient clipping; no weight decay, gradients taken as they are). */
    private static final class Settings extends OptimizerBuilder<Settings> {
        @Override
        protected Settings self() {
            return this;
        }
    }
}
