package dev.uniworld.pipeline.stage;

import dev.uniworld.model.FusedContext;
import dev.uniworld.model.HostTensor;
import dev.uniworld.model.VlmEncoding;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.tokenizer.PromptBuilder;
import dev.uniworld.pipeline.config.ModelSettings;
import dev.uniworld.pipeline.config.StageSettings;
import dev.uniworld.pipeline.model.LoadedModel;
import dev.uniworld.pipeline.record.InFlight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stage 3, connector fusion: VLM states and SigLIP features through their MLP connectors into one DiT context per
 * request ([L, C] plus a pooled [C]). Buckets by image count: text-to-image and edit requests fuse separately.
 *
 * <p>With classifier-free guidance (a served CFG scale above 1 for the bucket's kind: prompts alone, or requests with
 * images) it also fuses each request's unconditional context: the same images without the instruction, as prompt
 * dropout showed them in training. That prompt is the first {@link PromptBuilder#instructionStart} tokens of the
 * request's own, and the VLM is causal, so its hidden states are the first rows of those the VLM stage already
 * computed: no second VLM pass.
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
        HostTensor images = ImageInputs.concat(siglip);
        FusedContext fused = loaded.model().fuse(vlm, images, null, null);
        List<InFlight> out = new ArrayList<>(batch.size());
        for (int b = 0; b < batch.size(); b++) {
            out.add(batch.get(b).withContext(fused.context().sequence(b, fused.lengths()[b]), pooled(fused, b)));
        }
        // Step 3: with CFG, the unconditional contexts from the prompts' image prefixes
        boolean withImages = batch.get(0).siglip() != null; // one bucket, one image count
        if (modelSettings.servedGuidance(loaded.model().config().sampler()).cfgScaleFor(withImages) > 1) {
            FusedContext unconditional = loaded.model().fuse(unconditional(vlm, batch, loaded), images, null, null);
            for (int b = 0; b < batch.size(); b++) {
                out.set(b, out.get(b).withUnconditionalContext(
                        unconditional.context().sequence(b, unconditional.lengths()[b]), pooled(unconditional, b)));
            }
        }
        return out;
    }

    /** Each prompt's first tokens up to its instruction, and their hidden states: [B, T', Dv]. */
    private static VlmEncoding unconditional(VlmEncoding vlm, List<InFlight> batch, LoadedModel loaded) {
        PromptBuilder prompts = new PromptBuilder(loaded.tokenizer(), loaded.model().config().vlm().tokensPerImage());
        List<HostTensor> hidden = new ArrayList<>();
        int[][] ids = new int[batch.size()][];
        for (int b = 0; b < batch.size(); b++) {
            InFlight request = batch.get(b);
            int images = request.siglip() == null ? 0 : Math.toIntExact(request.siglip().dim(0));
            int length = prompts.instructionStart(images);
            ids[b] = Arrays.copyOf(request.tokenIds(), length);
            hidden.add(vlm.hidden().sequence(b, length)); // [T'_b, Dv]
        }
        return new VlmEncoding(HostTensor.padStack(hidden), ids);
    }

    private static HostTensor pooled(FusedContext fused, int row) {
        HostTensor pooled = fused.pooled().rows(row, row + 1); // [1, C]
        return new HostTensor(pooled.data(), new long[] {pooled.dim(1)});
    }
}
