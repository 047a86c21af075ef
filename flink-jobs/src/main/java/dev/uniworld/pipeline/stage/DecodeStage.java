package dev.uniworld.pipeline.stage;

import dev.uniworld.model.HostTensor;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.image.ImageCodec;
import dev.uniworld.pipeline.config.ModelSettings;
import dev.uniworld.pipeline.config.StageSettings;
import dev.uniworld.pipeline.model.LoadedModel;
import dev.uniworld.pipeline.record.InFlight;
import dev.uniworld.pipeline.record.RequestInfo;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 5, decode: latents to pixels (the VAE, or the identity in pixel space) and PNG. The model draws at its native
 * resolution; a request asking for another width or height gets the image rescaled (bilinear), so every result has
 * the size it asked for. Buckets by output size.
 */
public final class DecodeStage extends BatchingStageOperator {

    private static final long serialVersionUID = 1L;

    public DecodeStage(StageSettings settings, ModelSettings modelSettings) {
        super(Stage.DECODE, settings, modelSettings);
    }

    @Override
    protected Object bucketOf(InFlight request) {
        RequestInfo q = request.request();
        return List.of(q.width() == null ? -1 : q.width(), q.height() == null ? -1 : q.height());
    }

    @Override
    protected List<InFlight> compute(List<InFlight> batch, LoadedModel loaded) {
        List<HostTensor> latents = new ArrayList<>();
        for (InFlight request : batch) {
            HostTensor l = request.latents(); // [C, h, w]
            latents.add(new HostTensor(l.data(), new long[] {1, l.dim(0), l.dim(1), l.dim(2)}));
        }
        HostTensor pixels = loaded.model().decode(HostTensor.concat(latents)); // [B, 3, H, W]
        int height = Math.toIntExact(pixels.dim(2));
        int width = Math.toIntExact(pixels.dim(3));
        List<InFlight> out = new ArrayList<>(batch.size());
        for (int b = 0; b < batch.size(); b++) {
            RequestInfo q = batch.get(b).request();
            BufferedImage image = ImageCodec.toImage(pixels.rows(b, b + 1).data(), height, width);
            int wantWidth = q.width() == null ? width : q.width();
            int wantHeight = q.height() == null ? height : q.height();
            out.add(batch.get(b).withPng(ImageCodec.encodePng(wantWidth == width && wantHeight == height ? image
                    : rescale(image, wantWidth, wantHeight))));
        }
        return out;
    }

    static BufferedImage rescale(BufferedImage source, int width, int height) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, width, height, null);
        g.dispose();
        return target;
    }
}
