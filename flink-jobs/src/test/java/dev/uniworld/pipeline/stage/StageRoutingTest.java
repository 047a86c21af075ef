package dev.uniworld.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.Task;
import dev.uniworld.model.HostTensor;
import dev.uniworld.model.image.ImageCodec;
import dev.uniworld.pipeline.record.InFlight;
import dev.uniworld.pipeline.record.RequestInfo;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;

/** The VLM stage routes each task family its own way; the DiT refuses to pass on non-finite latents. */
@SuppressWarnings("try") // the harnesses close() declares InterruptedException
class StageRoutingTest {

    @Test
    void theVlmAnswersUnderstandingSendsGenerationToFusionAndEditsToSiglip() throws Exception {
        try (var harness = StageRecords.harness(new VlmStage(StageRecords.batching("vlm", 8, 60_000),
                StageRecords.MODEL))) {
            harness.open();
            // Given
            byte[] png = png();
            harness.processElement(record("understand", Task.UNDERSTAND, List.of(png)));
            harness.processElement(record("generate", Task.GENERATE, List.of()));
            harness.processElement(record("edit", Task.EDIT, List.of(png)));
            harness.processElement(record("perceive", Task.PERCEIVE, List.of(png)));
            harness.processElement(record("broken", Task.EDIT, List.of(new byte[] {1, 2, 3})));
            // When
            harness.endInput();
            // Then
            InFlight answered = only(harness.getSideOutput(Routes.ANSWERED));
            assertEquals("understand", answered.requestId());
            assertNotNull(answered.answer());
            assertNull(answered.vlmHidden());
            InFlight textToImage = only(harness.getSideOutput(Routes.TEXT_TO_IMAGE));
            assertEquals("generate", textToImage.requestId());
            assertEquals(textToImage.tokenIds().length, textToImage.vlmHidden().dim(0));
            List<InFlight> toSiglip = harness.extractOutputValues();
            assertEquals(List.of("edit", "perceive"), toSiglip.stream().map(InFlight::requestId).toList());
            InFlight failed = only(harness.getSideOutput(Routes.FAILED));
            assertEquals(ReasonCode.IMAGE_UNDECODABLE, failed.failure().code());
            assertEquals("images[0].inline", failed.failure().field());
        }
    }

    @Test
    void theDitFailsARequestWhoseLatentsAreNotFiniteAndKeepsItsNeighbours() throws Exception {
        // unguided: these hand-made contexts carry no unconditional one
        try (var harness = StageRecords.harness(new DitStage(StageRecords.batching("dit", 8, 60_000),
                StageRecords.MODEL.withCfgScale(1)))) {
            harness.open();
            // Given: two requests, one of them conditioned on NaN
            harness.processElement(new StreamRecord<>(fused("fine", 0.1f)));
            harness.processElement(new StreamRecord<>(fused("poisoned", Float.NaN)));
            // When
            harness.endInput();
            // Then
            assertEquals("fine", harness.extractOutputValues().get(0).requestId());
            InFlight failed = only(harness.getSideOutput(Routes.FAILED));
            assertEquals("poisoned", failed.requestId());
            assertEquals(ReasonCode.NON_FINITE_OUTPUT, failed.failure().code());
            assertEquals("dit", failed.trace().get(0).stage());
        }
    }

    private static InFlight fused(String id, float value) {
        float[] context = new float[20 * 128];
        Arrays.fill(context, value);
        float[] pooled = new float[128];
        Arrays.fill(pooled, value);
        RequestInfo request = StageRecords.request(id, Task.GENERATE, null, null);
        return InFlight.admitted(request, List.of()).withContext(new HostTensor(context, new long[] {20, 128}),
                new HostTensor(pooled, new long[] {128}));
    }

    private static StreamRecord<InFlight> record(String id, Task task, List<byte[]> images) {
        return new StreamRecord<>(InFlight.admitted(StageRecords.request(id, task, null, null), images));
    }

    private static InFlight only(java.util.Collection<StreamRecord<InFlight>> records) {
        assertEquals(1, records.size(), String.valueOf(records));
        return records.iterator().next().getValue();
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        image.setRGB(10, 10, 0xFF0000);
        return ImageCodec.encodePng(image);
    }
}
