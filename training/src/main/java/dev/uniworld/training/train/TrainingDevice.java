package dev.uniworld.training.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Where a run trains. {@code auto}, the default, takes the first GPU the engine sees and the CPU when it sees none;
 * {@code cpu}, {@code gpu} (the first GPU) and {@code gpu:N} name a device and fail when it is not there. DJL's PyTorch
 * engine sees a GPU only through its CUDA native library, which Maven Central does not serve for the PyTorch version
 * this project uses: it must be installed by hand (training/README.md, `--device`).
 */
public final class TrainingDevice {

    /** The option's default. */
    public static final String AUTO = "auto";

    private TrainingDevice() {
    }

    /** The device {@code spec} names, against the GPUs the engine sees now. */
    public static Device resolve(String spec) {
        return resolve(spec, Engine.getInstance().getGpuCount());
    }

    /**
     * @param spec auto, cpu, gpu or gpu:N (case-insensitive)
     * @param gpuCount GPUs visible to the engine
     * @throws IllegalArgumentException for another spec, or a GPU that is not visible
     */
    public static Device resolve(String spec, int gpuCount) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        if (s.equals(AUTO)) {
            return gpuCount > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        int index;
        if (s.equals("gpu")) {
            index = 0;
        } else if (s.matches("gpu:\\d{1,3}")) {
            index = Integer.parseInt(s.substring(4));
        } else {
            throw new IllegalArgumentException("--device takes auto, cpu, gpu or gpu:N, not '" + spec + "'");
        }
        if (index >= gpuCount) {
            throw new IllegalArgumentException("--device " + spec + ": the engine sees " + gpuCount
                    + (gpuCount == 1 ? " GPU" : " GPUs") + (gpuCount == 0
                            ? " (DJL's PyTorch engine needs its CUDA native library to see any)" : ""));
        }
        return Device.gpu(index);
    }
}
