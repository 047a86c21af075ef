package dev.uniworld.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.Task;
import dev.uniworld.pipeline.record.InFlight;
import dev.uniworld.pipeline.record.RequestInfo;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;

/** A request whose deadline has passed when it reaches a stage fails there at once, and takes no stage time. */
@SuppressWarnings("try") // the harnesses close() declares InterruptedException
class DeadlineTest {

    @Test
    void anExpiredRequestFailsAtTheStageAndTheOthersRun() throws Exception {
        try (var harness = StageRecords.harness(new VlmStage(StageRecords.batching("vlm", 8, 60_000),
                StageRecords.MODEL))) {
            harness.open();
            harness.setProcessingTime(10_000);
            // Given: one past its deadline, one before it, one without
            harness.processElement(generate("late", 9_999));
            harness.processElement(generate("in-time", 10_001));
            harness.processElement(generate("no-deadline", 0));
            // When
            harness.endInput();
            // Then
            List<InFlight> failed = harness.getSideOutput(Routes.FAILED).stream().map(StreamRecord::getValue).toList();
            assertEquals(List.of("late"), failed.stream().map(InFlight::requestId).toList());
            assertEquals(ReasonCode.DEADLINE_EXPIRED, failed.get(0).failure().code());
            assertEquals("deadline", failed.get(0).failure().field());
            String message = failed.get(0).failure().message();
            assertTrue(message.startsWith("deadline: passed at") && message.contains("before stage vlm"), message);
            assertEquals("vlm", failed.get(0).trace().get(0).stage());
            assertEquals(List.of("in-time", "no-deadline"), harness.getSideOutput(Routes.TEXT_TO_IMAGE).stream()
                    .map(r -> r.getValue().requestId()).toList());
        }
    }

    private static StreamRecord<InFlight> generate(String id, long deadline) {
        RequestInfo request = new RequestInfo(id, null, "a red circle", Task.GENERATE, null, null, 7L, null, null,
                null, 0, 0, deadline);
        return new StreamRecord<>(InFlight.admitted(request, List.of()));
    }
}
