package dev.uniworld.model.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/** Walks a block tree by readable parameter paths ("dit.double0.img_attn.qkv.weight") and initializes it. */
public final class Weights {

    private Weights() {
    }

    /**
     * Every parameter under {@code root}, keyed by dotted path. DJL prefixes child names with a two-digit position
     * ("01vlm"); the prefix is dropped so that paths do not change when a stage is left out of a model.
     */
    public static Map<String, Parameter> named(String prefix, Block root) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect(prefix, root, out);
        return out;
    }

    private static void collect(String prefix, Block block, Map<String, Parameter> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            out.put(prefix + p.getKey(), p.getValue());
        }
        for (Pair<String, Block> child : block.getChildren()) {
            collect(prefix + child.getKey().replaceFirst("^\\d+", "") + ".", child.getValue(), out);
        }
    }

    /** Seeded initial values (see {@link SeededInitializer}) for every parameter of {@code root}. */
    public static void initializeSeeded(String prefix, Block root, NDManager manager, long seed) {
        for (Map.Entry<String, Parameter> e : named(prefix, root).entrySet()) {
            e.getValue().setInitializer(new SeededInitializer(seed, e.getKey(), e.getValue().getType()));
        }
        root.initialize(manager, DataType.FLOAT32);
    }

    /** Zeros everywhere: the cheap start for a model whose values come from a checkpoint next. */
    public static void initializeForLoading(Block root, NDManager manager) {
        root.setInitializer(Initializer.ZEROS, p -> true);
        root.initialize(manager, DataType.FLOAT32);
    }

    /** Total values in all parameters. */
    public static long count(Block root) {
        return named("", root).values().stream().mapToLong(p -> p.getShape().size()).sum();
    }
}
