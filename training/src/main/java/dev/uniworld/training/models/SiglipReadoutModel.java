package dev.uniworld.training.models;

import ai.djl.Device;
import dev.uniworld.model.HostTensor;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.config.VitConfig;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.image.ImageCodec;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.tasks.Split;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskGenerator;
import dev.uniworld.training.tasks.TaskSample;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A calibration of the copy path: a checkpoint's frozen SigLIP tokens read back into pixels by the best linear map
 * from each token to its own patch ({@link PatchReadout}, fitted on the input images of training-split samples).
 * Every image task returns the read-out of its first input, so only the reconstruction category means anything: it
 * says how sharp a copy the tokens allow a reader that is one linear map per patch, as the DiT's reference shortcut
 * is. The DiT, which also reads the tokens through attention, can copy sharper than this, but an encoder whose
 * read-out is soft gives it less to copy from.
 */
public final class SiglipReadoutModel implements VisualModel {

    /** Name prefix on the command line: {@code siglip-readout:DIR}. */
    public static final String PREFIX = "siglip-readout:";
    /** Training-split images the map is fitted on: 64,000 patches at 64x64, some 10 s of encoding on 2 cores. */
    public static final int FIT_IMAGES = 1000;
    private static final int ENCODE_BATCH = 50;

    private final String name;
    private final UniWorldModel model;
    /** What a sample without an input gets: the identity baseline's empty answer and blank image. */
    private final IdentityModel withoutInput;
    private final int side;
    private final PatchReadout readout;

    /** Opens the checkpoint's SigLIP stage and fits the map on {@link #FIT_IMAGES} training-split inputs. */
    public SiglipReadoutModel(Path checkpoint, RenderConfig render) {
        this(checkpoint, render, FIT_IMAGES);
    }

    SiglipReadoutModel(Path checkpoint, RenderConfig render, int fitImages) {
        this.name = PREFIX + checkpoint;
        this.withoutInput = new IdentityModel(render);
        this.model = UniWorldModel.load(checkpoint, Device.cpu(), EnumSet.of(Stage.SIGLIP),
                SpecialTokens.WORD_LEVEL);
        VitConfig siglip = model.config().siglip();
        this.side = siglip.imageSize();
        this.readout = new PatchReadout(side, siglip.patchSize(), siglip.hidden());
        try {
            fit(new TaskGenerator(new TaskConfig(render, Set.of())), fitImages);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private void fit(TaskGenerator generator, int fitImages) {
        List<float[]> batch = new ArrayList<>(ENCODE_BATCH);
        int taken = 0;
        for (long index = 0; taken < fitImages; index++) {
            TaskSample sample = generator.sample(Split.TRAIN, index);
            if (sample.inputImages().isEmpty()) {
                continue; // text to image: no input to read
            }
            batch.add(ImageCodec.toModelInput(sample.inputImages().get(0), side));
            taken++;
            if (batch.size() == ENCODE_BATCH || taken == fitImages) {
                HostTensor tokens = model.encodeSiglip(HostTensor.images(batch, side)); // [B, P, Ds]
                for (int b = 0; b < batch.size(); b++) {
                    readout.add(tokens, b, batch.get(b));
                }
                batch.clear();
            }
        }
        readout.fit();
    }

    @Override
    public String name() {
        return name;
    }

    /** No answers: the calibration reads images only. */
    @Override
    public String answer(String prompt, List<BufferedImage> images) {
        return withoutInput.answer(prompt, images);
    }

    @Override
    public BufferedImage generate(String prompt, List<BufferedImage> images, long seed) {
        if (images.isEmpty()) {
            return withoutInput.generate(prompt, images, seed); // text to image: a blank image, as the identity's
        }
        float[] input = ImageCodec.toModelInput(images.get(0), side);
        HostTensor tokens = model.encodeSiglip(HostTensor.images(List.of(input), side)); // [1, P, Ds]
        return ImageCodec.toImage(readout.read(tokens, 0), side, side);
    }

    @Override
    public void close() {
        model.close();
    }
}
