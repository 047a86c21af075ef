package dev.uniworld.pipeline.config;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * How one stage runs. Keys below are relative to {@code stage.<name>.} (for example {@code stage.dit.max-batch}).
 *
 * @param parallelism      {@code parallelism}: subtasks of the stage (default 1)
 * @param maxBatchSize     {@code max-batch}: requests per model call (default 16; 8 for dit, whose batch-16 gain
 *                         over batch 8 is small while its latency doubles)
 * @param maxWaitMillis    {@code max-wait-ms}: the longest a request waits for its batch to fill (default 20 ms;
 *                         50 ms for dit, which costs 100x more per call than it waits)
 * @param slotSharingGroup {@code slot-group}: the stage's own slot sharing group (default the stage name), so every
 *                         stage gets its own slot and can be pinned to its own GPU
 * @param gpus             {@code gpus}: GPU indices to spread subtasks over, comma separated; empty (the default)
 *                         reads them from Flink's {@code gpu} external resource
 * @param failureInjector  test-only hook (default none)
 */
public record StageSettings(int parallelism, int maxBatchSize, long maxWaitMillis, String slotSharingGroup,
        List<Integer> gpus, FailureInjector failureInjector) implements Serializable {

    public StageSettings {
        if (parallelism < 1 || maxBatchSize < 1 || maxWaitMillis < 0) {
            throw new IllegalArgumentException("parallelism and max-batch must be >= 1, max-wait-ms >= 0");
        }
        Objects.requireNonNull(slotSharingGroup, "slotSharingGroup");
        gpus = List.copyOf(gpus);
        Objects.requireNonNull(failureInjector, "failureInjector");
    }

    public static StageSettings defaults(String stage) {
        boolean dit = stage.equals("dit");
        return new StageSettings(1, dit ? 8 : 16, dit ? 50 : 20, stage, List.of(), FailureInjector.NONE);
    }

    public StageSettings withParallelism(int value) {
        return new StageSettings(value, maxBatchSize, maxWaitMillis, slotSharingGroup, gpus, failureInjector);
    }

    public StageSettings withBatching(int maxBatch, long maxWait) {
        return new StageSettings(parallelism, maxBatch, maxWait, slotSharingGroup, gpus, failureInjector);
    }

    public StageSettings withGpus(List<Integer> value) {
        return new StageSettings(parallelism, maxBatchSize, maxWaitMillis, slotSharingGroup, value, failureInjector);
    }

    public StageSettings withFailureInjector(FailureInjector value) {
        return new StageSettings(parallelism, maxBatchSize, maxWaitMillis, slotSharingGroup, gpus, value);
    }
}
