package dev.uniworld.pipeline.stage;

import ai.djl.Device;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;

/**
 * Which GPU a stage subtask uses. Flink isolates no GPUs per operator (every operator in a task manager sees all of
 * the task manager's GPUs), so each subtask picks one itself: from the configured list when there is one, else from
 * the task manager's {@code gpu} external resource, the subtask index modulo the number of candidates. A slot whose
 * GPU the engine cannot see (CPU-only natives, or a laptop running a cluster's configuration) falls back to the CPU.
 *
 * @param gpuSlot the GPU index chosen, or -1 when there was no candidate
 * @param device  where the stage computes
 */
public record DeviceAssignment(int gpuSlot, Device device) {

    public static DeviceAssignment assign(List<Integer> configured, Collection<ExternalResourceInfo> gpus,
            int subtaskIndex, int visibleGpus) {
        List<Integer> candidates = configured.isEmpty() ? indices(gpus) : configured;
        if (candidates.isEmpty()) {
            return new DeviceAssignment(-1, Device.cpu());
        }
        int slot = candidates.get(subtaskIndex % candidates.size());
        return new DeviceAssignment(slot, slot < visibleGpus ? Device.gpu(slot) : Device.cpu());
    }

    /** The "index" property of each GPU resource (what Flink's GPU driver reports), ascending. */
    static List<Integer> indices(Collection<ExternalResourceInfo> gpus) {
        return gpus.stream().map(info -> info.getProperty("index")).flatMap(Optional::stream)
                .map(String::strip).map(Integer::parseInt).sorted().toList();
    }

    /** True when a GPU was assigned but the computation runs on the CPU. */
    public boolean fellBack() {
        return gpuSlot >= 0 && !device.isGpu();
    }

    /** What results record: {@code gpu(1)}, {@code cpu()}, or {@code cpu() [gpu 3 not visible]} after a fallback. */
    public String label() {
        return fellBack() ? device + " [gpu " + gpuSlot + " not visible]" : device.toString();
    }
}
