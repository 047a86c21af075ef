package dev.uniworld.pipeline.stage;

import dev.uniworld.model.FusedContext;
import dev.uniworld.model.HostTensor;
import dev.uniworld.model.VlmEncoding;
import dev.uniworld.model.device.Stage;
import dev.uniworld.pipeline.config.ModelSettings;
import dev.uniworld.pipeline.config.StageSettings;
import dev.uniworld.pipeline.model.LoadedModel;
import dev.uniworld.pipeline.record.InFlight;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 3, connector fusion: VLM states and SigLIP features through their MLP connectors into one DiT context per
 * request ([L, C] plus a pooled [C]). Buckets by image count: text-to-image and edit requests fuse separately.
 */
public final class FusionStage extends BatchingStageOperator {

    private static final long serialVersionUID = 1L;

    public FusionStage(StageSettings settings, ModelSettings modelSettings) {
        super(Stage.FUSION, settings, modelSettings);
    }

    @Override
    protected Object bucketOf(InFlight request) {
        return request.siglip() == null ? 0L : request.siglip().dim(0);
    }

    @Override
    protected List<InFlight> compute(List<InFlight> batch, LoadedModel loaded) {
        // Step 1: re-pad the prompts' states into [B, T, Dv] and stack the images' features in prompt order
        List<HostTensor> hidden = new ArrayList<>();
        List<HostTensor> siglip = new ArrayList<>();
        int[][] ids = new int[batch.size()][];
        for (int b = 0; b < batch.size(); b++) {
            hidden.add(batch.get(b).vlmHidden());
            siglip.add(batch.get(b).siglip());
            ids[b] = batch.get(b).tokenIds();
        }
        VlmEncoding vlm = new VlmEncoding(HostTensor.padStack(hidden), ids);
        // Step 2: fuse, then cut each request's context back to its own length
        FusedContext fused = loaded.model().fuse(vlm, ImageInputs.concat(siglip), null, null);
        List<InFlight> out = new ArrayList<>(batch.size());
        for (int b = 0; b < batch.size(); b++) {
            HostTensor context = fused.context().sequence(b, fused.lengths()[b]); // [L_b, C]
            HostTensor pooled = fused.pooled().rows(b, b + 1); // [1, C]
            out.add(batch.get(b).withContext(context, new HostTensor(pooled.data(), new long[] {pooled.dim(1)})));
        }
        return out;
    }
}
