package dev.uniworld.model.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which device each stage runs on: the GPU index it is mapped to when that GPU exists, otherwise the CPU. The
 * fallback is per stage, so a plan written for a 2-GPU node still runs (on CPU where needed) on a laptop.
 */
public final class DevicePlan {

    private final Map<Stage, Integer> gpuIndex;
    private final int gpuCount;

    /**
     * @param gpuIndex GPU index per stage; stages not listed run on the CPU
     * @param gpuCount GPUs visible to this process
     */
    public DevicePlan(Map<Stage, Integer> gpuIndex, int gpuCount) {
        this.gpuIndex = gpuIndex.isEmpty() ? new EnumMap<>(Stage.class) : new EnumMap<>(gpuIndex);
        this.gpuCount = gpuCount;
    }

    /** The plan against the GPUs the engine sees now. */
    public static DevicePlan detect(Map<Stage, Integer> gpuIndex) {
        return new DevicePlan(gpuIndex, Engine.getInstance().getGpuCount());
    }

    /** Parses "vlm=0,siglip=0,dit=1" (blank: every stage on the CPU). */
    public static Map<Stage, Integer> parse(String spec) {
        Map<Stage, Integer> out = new EnumMap<>(Stage.class);
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String entry : spec.split(",")) {
            String[] kv = entry.split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected stage=gpuIndex, got '" + entry + "'");
            }
            out.put(Stage.parse(kv[0]), Integer.parseInt(kv[1].strip()));
        }
        return out;
    }

    public Device device(Stage stage) {
        Integer index = gpuIndex.get(stage);
        return index != null && index >= 0 && index < gpuCount ? Device.gpu(index) : Device.cpu();
    }

    /** One line per stage, for logs and results ("dit=gpu(1)"). */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Stage s : Stage.values()) {
            out.append(out.length() == 0 ? "" : ",").append(s.key()).append('=').append(device(s));
        }
        return out.toString();
    }
}
