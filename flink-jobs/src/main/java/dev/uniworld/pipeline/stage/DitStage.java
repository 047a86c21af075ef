package dev.uniworld.pipeline.stage;

import dev.uniworld.events.ReasonCode;
import dev.uniworld.model.FusedContext;
import dev.uniworld.model.HostTensor;
import dev.uniworld.model.config.SamplerConfig;
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

/**
 * Stage 4, DiT denoising: the flow-matching sampler from seeded noise (one seed per request, so an image does not
 * depend on its batch neighbours) to latents [C, h, w]. Buckets by sampler settings (steps, guidance), which a batch
 * must share. A request whose latents are not finite fails with NON_FINITE_OUTPUT instead of becoming a black image.
 */
public final class DitStage extends BatchingStageOperator {

    private static final long serialVersionUID = 1L;

    public DitStage(StageSettings settings, ModelSettings modelSettings) {
        super(Stage.DIT, settings, modelSettings);
    }

    @Override
    protected Object bucketOf(InFlight request) {
        RequestInfo q = request.request();
        // every sampler setting the batch shares must be in the key: compute() takes them from the first request
        return (q.steps() == null ? "default" : q.steps()) + "/" + (q.guidance() == null ? "default" : q.guidance());
    }

    @Override
    protected List<InFlight> compute(List<InFlight> batch, LoadedModel loaded) {
        // Step 1: the batch's sampler settings (shared by its bucket) and one seed per request
        SamplerConfig sampler = sampler(loaded.model().config().sampler(), batch.get(0).request());
        List<HostTensor> contexts = new ArrayList<>();
        List<HostTensor> pooled = new ArrayList<>();
        int[] lengths = new int[batch.size()];
        long[] seeds = new long[batch.size()];
        for (int b = 0; b < batch.size(); b++) {
            InFlight request = batch.get(b);
            contexts.add(request.context());
            pooled.add(request.pooled());
            lengths[b] = Math.toIntExact(request.context().dim(0));
            seeds[b] = request.request().effectiveSeed();
        }
        FusedContext conditioning = new FusedContext(HostTensor.padStack(contexts), lengths,
                HostTensor.padStack(pooled));
        // Step 2: denoise, then check every request's latents before they go on
        HostTensor latents = loaded.model().denoise(conditioning, null, sampler, seeds); // [B, C, h, w]
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
        return new SamplerConfig(steps, guidance, defaults.cfgScale(), defaults.resolutionShift(),
                defaults.baseShift(), defaults.maxShift(), defaults.baseSeqLen(), defaults.maxSeqLen());
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
