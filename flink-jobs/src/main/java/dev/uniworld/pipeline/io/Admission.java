package dev.uniworld.pipeline.io;

import dev.uniworld.events.GenerationParameters;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.ImageRef;
import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.Task;
import dev.uniworld.pipeline.config.ModelSettings;
import dev.uniworld.pipeline.record.Failure;
import dev.uniworld.pipeline.record.InFlight;
import dev.uniworld.pipeline.record.RequestInfo;
import dev.uniworld.pipeline.stage.Routes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;

/**
 * Turns an accepted request into the pipeline's own record, leaving Avro behind at the edge. The gateway has
 * validated it already; what is checked again here is what would otherwise crash a stage (a task this pipeline does
 * not run, an image by URI, an output size out of range). Such requests go to {@link Routes#FAILED}, as do records the
 * source could not read as a request ({@code UNDESERIALIZABLE}, task {@code UNKNOWN}).
 */
public final class Admission extends ProcessFunction<Either<GenerationRequest, UnreadableRequest>, InFlight> {

    private static final long serialVersionUID = 1L;
    /** Largest image file read by URI; larger files would not fit the model's input limits anyway. */
    private static final long MAX_IMAGE_FILE_BYTES = 64L * 1024 * 1024;
    private final ModelSettings model;

    public Admission(ModelSettings model) {
        this.model = model;
    }

    @Override
    public void processElement(Either<GenerationRequest, UnreadableRequest> accepted, Context ctx,
            Collector<InFlight> out) {
        if (accepted.isLeft()) {
            admit(accepted.left(), ctx, out);
        } else {
            UnreadableRequest unreadable = accepted.right();
            RequestInfo info = new RequestInfo(unreadable.requestId(), null, "", Task.UNKNOWN, null, null, null, null,
                    null, null, 0, ctx.timerService().currentProcessingTime());
            ctx.output(Routes.FAILED, InFlight.admitted(info, List.of()).failed(new Failure(
                    ReasonCode.UNDESERIALIZABLE, "admission", "value", "the record at " + unreadable.coordinates()
                    + " is not a readable request: " + unreadable.problem())));
        }
    }

    private void admit(GenerationRequest request, Context ctx, Collector<InFlight> out) {
        GenerationParameters p = request.getParameters() == null ? new GenerationParameters()
                : request.getParameters();
        RequestInfo info = new RequestInfo(request.getRequestId(), request.getBatchId(),
                request.getPrompt() == null ? "" : request.getPrompt(), request.getTask(), p.getSteps(),
                p.getGuidance(), p.getSeed(), p.getWidth(), p.getHeight(), p.getMaxAnswerTokens(),
                request.getSubmittedAt() == null ? 0 : request.getSubmittedAt().toEpochMilli(),
                ctx.timerService().currentProcessingTime(),
                request.getDeadline() == null ? 0 : request.getDeadline().toEpochMilli());
        List<byte[]> images = new ArrayList<>();
        Failure failure = null;
        for (int i = 0; i < request.getImages().size() && failure == null; i++) {
            ImageRef ref = request.getImages().get(i);
            if (ref.getInline() != null) {
                images.add(bytes(ref.getInline()));
            } else {
                try {
                    images.add(ImageFiles.read(ref.getUri(), MAX_IMAGE_FILE_BYTES));
                } catch (ImageFiles.UnreadableImageException e) {
                    failure = new Failure(e.reason(), "admission", "images[" + i + "].uri",
                            "images[" + i + "].uri: " + e.getMessage());
                }
            }
        }
        if (failure == null) {
            failure = check(info);
        }
        InFlight record = InFlight.admitted(info, failure == null ? images : List.of());
        if (failure == null) {
            out.collect(record);
        } else {
            ctx.output(Routes.FAILED, record.failed(failure));
        }
    }

    private Failure check(RequestInfo info) {
        if (info.requestedTask() == Task.UNKNOWN) {
            return new Failure(ReasonCode.UNKNOWN_TASK, "admission", "task", "task UNKNOWN: a task this pipeline "
                    + "version does not know");
        }
        if (outOfRange(info.width()) || outOfRange(info.height())) {
            return new Failure(ReasonCode.PARAMETER_OUT_OF_RANGE, "admission", "parameters.width",
                    "parameters.width and parameters.height must be in 1.." + model.maxOutputSide());
        }
        if (info.maxAnswerTokens() != null && info.maxAnswerTokens() < 1) {
            return new Failure(ReasonCode.PARAMETER_OUT_OF_RANGE, "admission", "parameters.maxAnswerTokens",
                    "parameters.maxAnswerTokens must be >= 1");
        }
        return null;
    }

    private boolean outOfRange(Integer side) {
        return side != null && (side < 1 || side > model.maxOutputSide());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
