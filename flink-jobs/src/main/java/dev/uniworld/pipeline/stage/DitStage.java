package dev.uniworld.pipeline.stage;

import dev.uniworld.events.ReasonCode;
import dev.uniworld.model.FusedContext;
import dev.uniworld.model.HostTensor;
import dev.uniworld.model.config.SamplerConfig;
import dev.uniworld.model.connector.FusionLayout;
import dev.uniworld.model.device.Stage;
import dev.uniworld.pipeline.config.ModelSettings;
import dev.uniworld.pipeline.config.StageSettings;
import dev.uniworld.pipeline.model.LoadedModel;
import dev.uniworld.pipeline.record.Failure;
import dev.uniworld.pipeline.record.InFlight;
import dev.uniworld.pipeline.record.RequestInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Stage 4, DiT denoising: the flow-matching sampler from seeded noise (one seed per request, so an image does not
 * depend on its batch neighbours) to latents [C, h, w]. Buckets by sampler settings (steps, guidance), which a batch
 * must share, and by whether a request is guided. A request whose latents are not finite fails with NON_FINITE_OUTPUT
 * instead of becoming a black image. With classifier-free guidance each step also runs the DiT on the unconditional
 * contexts fusion added, and follows unconditional + scale * (conditional - unconditional), each request at the scale
 * of its kind (prompt alone, or with images).
 */
public final class DitStage extends BatchingStageOperator {

    private static final long serialVersionUID = 1L;

    public DitStage(StageSettings settings, ModelSettings modelSettings) {
        super(Stage.DIT, settings, modelSettings);
    }

    @Override
    protected Object bucketOf(InFlight request) {
        RequestInfo q = request.request();
        // every sampler setting the batch shares must be in the key: compute() takes them from the first request.
        // Guided requests (fusion gave them an unconditional context) batch apart, so that a batch of unguided ones
        // runs one DiT pass per step, not two
        return (q.steps() == null ? "default" : q.steps()) + "/" + (q.guidance() == null ? "default" : q.guidance())
                + (request.unconditionalContext() == null ? "" : "/guided");
    }

    @Override
    protected List<InFlight> compute(List<InFlight> batch, LoadedModel loaded) {
        // Step 1: the batch's sampler settings (shared by its bucket) and one seed per request
        SamplerConfig sampler = sampler(loaded.model().config().sampler(), batch.get(0).request());
        long[] seeds = new long[batch.size()];
        for (int b = 0; b < batch.size(); b++) {
            seeds[b] = batch.get(b).request().effectiveSeed();
        }
        int[][] starts = referenceStarts(batch, loaded);
        FusedContext conditioning = stack(batch, InFlight::context, InFlight::pooled, starts);
        boolean guided = false;
        for (int[] referenceStarts : starts) {
            guided |= sampler.cfgScaleFor(referenceStarts.length > 0) > 1;
        }
        FusedContext unconditional = guided ? stack(batch, InFlight::unconditionalContext,
                InFlight::unconditionalPooled, starts) : null;
        // Step 2: denoise, then check every request's latents before they go on
        HostTensor latents = loaded.model().denoise(conditioning, unconditional, sampler, seeds); // [B, C, h, w]
        List<InFlight> out = new ArrayList<>(batch.size());
        for (int b = 0; b < batch.size(); b++) {
            HostTensor mine = latents.rows(b, b + 1);
            HostTensor sample = new HostTensor(mine.data(), Arrays.copyOfRange(mine.shape(), 1, 4)); // [C, h, w]
            out.add(allFinite(sample.data()) ? batch.get(b).withLatents(sample)
                    : batch.get(b).failed(new Failure(ReasonCode.NON_FINITE_OUTPUT, stage.key(), null,
                            "the DiT produced non-finite latents (NaN or infinity)")));
        }
        return out;
    }

    /**
     * Where each request's reference tokens sit in its context, from its prompt as fusion laid it out. The
     * unconditional context shares them: its prompt is the conditional one's image prefix.
     */
    private static int[][] referenceStarts(List<InFlight> batch, LoadedModel loaded) {
        int perImage = loaded.model().config().siglip().tokens();
        int visionEnd = loaded.model().specials().visionEnd();
        int[][] starts = new int[batch.size()][];
        for (int b = 0; b < batch.size(); b++) {
            int[] ids = batch.get(b).tokenIds();
            starts[b] = ids == null ? new int[0] : FusionLayout.imageStarts(ids, visionEnd, perImage);
        }
        return starts;
    }

    /** Per-request contexts [L_b, C] and pooled vectors [C] as one right-padded batch. */
    private static FusedContext stack(List<InFlight> batch, Function<InFlight, HostTensor> context,
            Function<InFlight, HostTensor> pooled, int[][] referenceStarts) {
        List<HostTensor> contexts = new ArrayList<>();
        List<HostTensor> vectors = new ArrayList<>();
        int[] lengths = new int[batch.size()];
        for (int b = 0; b < batch.size(); b++) {
            HostTensor c = context.apply(batch.get(b));
            if (c == null) {
                // fused before the CFG scale was raised (a restart with a new model.cfg-scale): fail it, not guess
                throw new StageException(ReasonCode.STAGE_FAILED, null, "request " + batch.get(b).requestId()
                        + " reached the DiT without the context classifier-free guidance needs; submit it again");
            }
            contexts.add(c);
            vectors.add(pooled.apply(batch.get(b)));
            lengths[b] = Math.toIntExact(c.dim(0));
        }
        return new FusedContext(HostTensor.padStack(contexts), lengths, HostTensor.padStack(vectors), referenceStarts);
    }

    private SamplerConfig sampler(SamplerConfig defaults, RequestInfo request) {
        int steps = request.steps() != null ? request.steps()
                : modelSettings.defaultSteps() > 0 ? modelSettings.defaultSteps() : defaults.steps();
        if (steps < 1 || steps > 1000) {
            throw new StageException(ReasonCode.PARAMETER_OUT_OF_RANGE, "parameters.steps",
                    "parameters.steps must be in 1..1000, was " + steps);
        }
        // the request's guidance is the DiT's distilled guidance (FLUX.1-dev's guidance_scale), not a CFG pass
        double guidance = request.guidance() != null ? request.guidance() : defaults.guidance();
        if (!(guidance >= 0) || Double.isInfinite(guidance)) {
            throw new StageException(ReasonCode.PARAMETER_OUT_OF_RANGE, "parameters.guidance",
                    "parameters.guidance must be a finite number >= 0, was " + guidance);
        }
        // everything else (shift, fresh noise, the guidance interval) is the model's own
        return modelSettings.servedGuidance(defaults).withSteps(steps).withGuidance(guidance);
    }

    static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
