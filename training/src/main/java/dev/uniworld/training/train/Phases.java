package dev.uniworld.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.uniworld.model.HostTensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the phases share: picking the parameters they train, stacking their images. */
final class Phases {

    private Phases() {
    }

    /** The parameters whose path starts with {@code prefix}. */
    static Map<String, Parameter> withPrefix(Map<String, Parameter> all, String prefix) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        all.forEach((name, p) -> {
            if (name.startsWith(prefix)) {
                out.put(name, p);
            }
        });
        return out;
    }

    /** CHW images stacked into [N, 3, S, S]; null when there are none. */
    static NDArray images(NDManager manager, List<float[]> images, int side) {
        return images.isEmpty() ? null : HostTensor.images(images, side).toNDArray(manager);
    }
}
