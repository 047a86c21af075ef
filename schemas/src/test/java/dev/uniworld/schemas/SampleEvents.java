package dev.uniworld.schemas;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import dev.uniworld.events.BatchState;
import dev.uniworld.events.BatchStatus;
import dev.uniworld.events.ErrorInfo;
import dev.uniworld.events.GenerationParameters;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.ImageRef;
import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.RequestRejected;
import dev.uniworld.events.ResultStatus;
import dev.uniworld.events.StageTiming;
import dev.uniworld.events.Task;

/** One fully populated instance of every event type. */
public final class SampleEvents {

    public static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    private SampleEvents() {
    }

    public static ImageRef inlineImage() {
        return ImageRef.newBuilder().setInline(ByteBuffer.wrap(new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3}))
                .setMediaType("image/png").setWidth(64).setHeight(64).setSha256("ab".repeat(32)).build();
    }

    public static GenerationRequest request(String id) {
        return GenerationRequest.newBuilder()
                .setRequestId(id).setBatchId("batch-1").setBatchSize(3).setTenant("tests")
                .setTask(Task.EDIT).setPrompt("make the red circle blue")
                .setImages(List.of(inlineImage(),
                        ImageRef.newBuilder().setUri("file:///data/in/a.png").setWidth(64).setHeight(64).build()))
                .setParameters(GenerationParameters.newBuilder().setSteps(20).setGuidance(3.5f).setSeed(42L)
                        .setWidth(64).setHeight(64).setMaxAnswerTokens(8).build())
                .setPriority(2).setSubmittedAt(T0).setDeadline(T0.plusSeconds(60)).build();
    }

    /** A request with every optional field left at its default. */
    public static GenerationRequest minimalRequest(String id) {
        return GenerationRequest.newBuilder().setRequestId(id).setTask(Task.GENERATE).setPrompt("a red circle")
                .setParameters(GenerationParameters.newBuilder().build()).setSubmittedAt(T0).build();
    }

    public static GenerationResult okResult(String id) {
        return GenerationResult.newBuilder().setRequestId(id).setBatchId("batch-1").setTask(Task.EDIT)
                .setStatus(ResultStatus.OK).setImage(inlineImage())
                .setStages(List.of(StageTiming.newBuilder().setStage("vlm").setDevice("cpu()").setQueueMillis(3)
                        .setComputeMillis(12).setBatchSize(4).build()))
                .setModelId("uniworld-tiny").setModelVersion("sha256:00").setCompletedAt(T0.plusMillis(900)).build();
    }

    public static GenerationResult failedResult(String id) {
        return GenerationResult.newBuilder().setRequestId(id).setTask(Task.GENERATE).setStatus(ResultStatus.FAILED)
                .setError(ErrorInfo.newBuilder().setCode(ReasonCode.NON_FINITE_OUTPUT)
                        .setMessage("dit produced NaN").build())
                .setCompletedAt(T0).build();
    }

    public static RequestRejected rejected(String id) {
        return RequestRejected.newBuilder().setRequestId(id).setReason(ReasonCode.PARAMETER_OUT_OF_RANGE)
                .setField("parameters.steps").setMessage("parameters.steps must be 1..200, was 0")
                .setPayloadSize(321).setTopic("uniworld.requests").setPartition(1).setOffset(77L)
                .setRejectedAt(T0).build();
    }

    public static BatchStatus batch(String id) {
        return BatchStatus.newBuilder().setBatchId(id).setTotal(3).setSucceeded(2).setFailed(1)
                .setState(BatchState.COMPLETED_WITH_FAILURES).setUpdatedAt(T0).build();
    }
}
