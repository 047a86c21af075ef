package dev.uniworld.pipeline.stage;

import dev.uniworld.events.Task;
import dev.uniworld.model.HostTensor;
import dev.uniworld.pipeline.config.FailureInjector;
import dev.uniworld.pipeline.config.ModelSettings;
import dev.uniworld.pipeline.config.StageSettings;
import dev.uniworld.pipeline.record.InFlight;
import dev.uniworld.pipeline.record.InFlightSerializer;
import dev.uniworld.pipeline.record.RequestInfo;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

/** Records and harnesses for operator tests: the seeded tiny model (no checkpoint), on the CPU. */
final class StageRecords {

    static final ModelSettings MODEL = ModelSettings.defaults().withCheckpointDir("target/no-checkpoint")
            .withDefaultSteps(2);

    private StageRecords() {
    }

    static StageSettings batching(String stage, int maxBatch, long maxWaitMillis) {
        return StageSettings.defaults(stage).withBatching(maxBatch, maxWaitMillis)
                .withFailureInjector(FailureInjector.NONE);
    }

    static RequestInfo request(String id, Task task, Integer width, Integer height) {
        return new RequestInfo(id, null, "make the red circle blue", task, null, null, 7L, width, height, null, 0, 0);
    }

    /** A record as the DiT hands it to decode: latents [3, 64, 64]. */
    static InFlight decoded(String id, Integer width, Integer height) {
        float[] latents = new float[3 * 64 * 64];
        Arrays.fill(latents, 0.25f);
        return InFlight.admitted(request(id, Task.GENERATE, width, height), List.of())
                .withLatents(new HostTensor(latents, new long[] {3, 64, 64}));
    }

    static OneInputStreamOperatorTestHarness<InFlight, InFlight> harness(
            OneInputStreamOperator<InFlight, InFlight> operator) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(operator, InFlightSerializer.INSTANCE);
    }
}
