package dev.uniworld.pipeline.stage;

import dev.uniworld.events.ReasonCode;
import dev.uniworld.model.HostTensor;
import dev.uniworld.model.image.ImageCodec;
import dev.uniworld.model.image.ImageTooLargeException;
import dev.uniworld.pipeline.record.InFlight;
import java.util.ArrayList;
import java.util.List;

/** Decodes a request's input images into model input [N, 3, S, S], naming the image that cannot be decoded. */
final class ImageInputs {

    private ImageInputs() {
    }

    /** [N, 3, side, side] in [-1, 1] for the request's N images; throws {@link StageException} for a bad one. */
    static HostTensor decode(InFlight request, ImageCodec codec, int side) {
        List<byte[]> images = request.images();
        float[] all = new float[images.size() * 3 * side * side];
        for (int i = 0; i < images.size(); i++) {
            String field = "images[" + i + "].inline";
            try {
                float[] chw = codec.toModelInput(images.get(i), side);
                System.arraycopy(chw, 0, all, i * chw.length, chw.length);
            } catch (ImageTooLargeException e) {
                throw new StageException(ReasonCode.IMAGE_TOO_LARGE, field, e.getMessage());
            } catch (RuntimeException e) {
                throw new StageException(ReasonCode.IMAGE_UNDECODABLE, field, field + " cannot be decoded: "
                        + e.getMessage());
            }
        }
        return new HostTensor(all, new long[] {images.size(), 3, side, side});
    }

    /** The images of several requests in order, or null when there are none (text-only prompts). */
    static HostTensor concat(List<HostTensor> perRequest) {
        List<HostTensor> nonEmpty = new ArrayList<>();
        for (HostTensor t : perRequest) {
            if (t != null && t.dim(0) > 0) {
                nonEmpty.add(t);
            }
        }
        return nonEmpty.isEmpty() ? null : HostTensor.concat(nonEmpty);
    }
}
