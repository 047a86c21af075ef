package dev.uniworld.pipeline.io;

import dev.uniworld.events.ErrorInfo;
import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.ImageRef;
import dev.uniworld.events.RequestRejected;
import dev.uniworld.events.ResultStatus;
import dev.uniworld.events.StageTiming;
import dev.uniworld.model.image.ImageCodec;
import dev.uniworld.model.image.ImageSize;
import dev.uniworld.pipeline.record.Failure;
import dev.uniworld.pipeline.record.InFlight;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The last step: one {@link GenerationResult} per request (OK with an answer or an image, or FAILED with the error),
 * plus a {@link RequestRejected} from source "pipeline" for every failure, so that replay tooling watching the
 * rejected topic sees pipeline failures as it sees the gateway's.
 */
public final class ResultAssembler extends ProcessFunction<InFlight, GenerationResult> {

    private static final long serialVersionUID = 1L;
    public static final OutputTag<RequestRejected> REJECTED = new OutputTag<>("rejected",
            TypeInformation.of(RequestRejected.class));

    @Override
    public void processElement(InFlight r, Context ctx, Collector<GenerationResult> out) {
        Instant now = Instant.ofEpochMilli(ctx.timerService().currentProcessingTime());
        GenerationResult.Builder result = GenerationResult.newBuilder()
                .setRequestId(r.requestId())
                .setBatchId(r.request().batchId())
                .setTask(r.task())
                .setStages(r.trace().stream().map(t -> new StageTiming(t.stage(), t.device(), t.queueMillis(),
                        t.computeMillis(), t.batchSize())).toList())
                .setModelId(r.modelId())
                .setModelVersion(r.modelVersion())
                .setCompletedAt(now);
        Failure failure = r.failure();
        if (failure != null) {
            result.setStatus(ResultStatus.FAILED).setError(new ErrorInfo(failure.code(), failure.message()));
            ctx.output(REJECTED, RequestRejected.newBuilder()
                    .setRequestId(r.requestId())
                    .setReason(failure.code())
                    .setField(failure.field())
                    .setMessage(failure.message() + " (stage " + failure.stage() + ")")
                    .setSource("pipeline")
                    .setRejectedAt(now)
                    .build());
        } else {
            result.setStatus(ResultStatus.OK).setAnswer(r.answer()).setImage(r.png() == null ? null : image(r.png()));
        }
        out.collect(result.build());
    }

    static ImageRef image(byte[] png) {
        ImageSize size = ImageCodec.probe(png);
        return ImageRef.newBuilder().setInline(ByteBuffer.wrap(png)).setMediaType("image/png")
                .setWidth(size.width()).setHeight(size.height()).setSha256(sha256(png)).build();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
