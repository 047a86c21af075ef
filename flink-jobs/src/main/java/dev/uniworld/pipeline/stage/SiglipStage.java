package dev.uniworld.pipeline.stage;

import dev.uniworld.model.HostTensor;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.image.ImageCodec;
import dev.uniworld.pipeline.config.ModelSettings;
import dev.uniworld.pipeline.config.StageSettings;
import dev.uniworld.pipeline.model.LoadedModel;
import dev.uniworld.pipeline.record.Failure;
import dev.uniworld.pipeline.record.InFlight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stage 2, SigLIP encoding: the last hidden state of every patch of every input image, [N, P, Ds] per request, for
 * EDIT, PERCEIVE and image-producing AUTO requests. All images of a batch go through the encoder in one call; buckets
 * by image count so the split back per request is uniform.
 */
public final class SiglipStage extends BatchingStageOperator {

    private static final long serialVersionUID = 1L;

    public SiglipStage(StageSettings settings, ModelSettings modelSettings) {
        super(Stage.SIGLIP, settings, modelSettings);
    }

    @Override
    protected Object bucketOf(InFlight request) {
        return request.images().size();
    }

    @Override
    protected List<InFlight> compute(List<InFlight> batch, LoadedModel loaded) {
        int side = loaded.model().config().siglip().imageSize();
        ImageCodec codec = new ImageCodec(modelSettings.maxImagePixels());
        // Step 1: decode at the encoder's resolution (which may differ from the VLM's vision tower)
        InFlight[] out = new InFlight[batch.size()];
        List<Integer> ok = new ArrayList<>();
        List<HostTensor> images = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            try {
                images.add(ImageInputs.decode(batch.get(i), codec, side));
                ok.add(i);
            } catch (StageException e) {
                out[i] = batch.get(i).failed(new Failure(e.code(), stage.key(), e.field(), e.getMessage()));
            }
        }
        HostTensor all = ImageInputs.concat(images);
        if (all == null) {
            return Arrays.asList(out);
        }
        // Step 2: one encoder call, then each request takes back the rows of its own images
        HostTensor features = loaded.model().encodeSiglip(all); // [N, P, Ds]
        int row = 0;
        for (int b = 0; b < ok.size(); b++) {
            int count = Math.toIntExact(images.get(b).dim(0));
            out[ok.get(b)] = batch.get(ok.get(b)).withSiglip(features.rows(row, row + count));
            row += count;
        }
        return Arrays.asList(out);
    }
}
