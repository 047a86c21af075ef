package dev.uniworld.training.models;

import dev.uniworld.model.FusedContext;
import dev.uniworld.model.HostTensor;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.VlmEncoding;
import dev.uniworld.model.config.SamplerConfig;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.image.ImageCodec;
import dev.uniworld.model.tokenizer.DescribedAnswers;
import dev.uniworld.model.tokenizer.PromptBuilder;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.tokenizer.WordTokenizer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/**
 * A UniWorld checkpoint as a {@link VisualModel}: questions go through the VLM's greedy decoder, image tasks through
 * VLM encoding, SigLIP encoding of the input images, connector fusion and the DiT sampler with the checkpoint's default
 * sampler settings (seeded per sample, so an evaluation repeats exactly). With classifier-free guidance the
 * unconditional branch keeps the input images and drops the instruction, as prompt dropout did in training.
 */
public final class UniWorldCheckpointModel implements VisualModel {

    /** Longest answer ("top-left" is three tokens). */
    private static final int MAX_ANSWER_TOKENS = 6;

    private final String name;
    private final UniWorldModel model;
    private final WordTokenizer tokenizer;
    private final PromptBuilder prompts;
    private final SamplerConfig sampler;
    private final DescribedAnswers described;

    /** The checkpoint with its own sampler settings. */
    public UniWorldCheckpointModel(Path checkpoint) {
        this(checkpoint, SamplerOverrides.NONE);
    }

    /** @param overrides sampler settings that replace the checkpoint's own */
    public UniWorldCheckpointModel(Path checkpoint, SamplerOverrides overrides) {
        this.name = checkpoint.toString();
        this.tokenizer = WordTokenizer.forCheckpoint(checkpoint);
        this.model = UniWorldModel.load(checkpoint, ai.djl.Device.cpu(), EnumSet.allOf(Stage.class),
                SpecialTokens.WORD_LEVEL);
        try {
            this.described = new DescribedAnswers(model.config().vlm(), tokenizer);
        } catch (RuntimeException e) {
            model.close(); // a checkpoint whose answers cannot be read leaves no weights open
            throw e;
        }
        this.prompts = new PromptBuilder(tokenizer, model.config().vlm().tokensPerImage());
        this.sampler = overrides.applyTo(model.config().sampler());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String answer(String prompt, List<BufferedImage> images) {
        return reply(prompt, images).answer();
    }

    @Override
    public Reply reply(String prompt, List<BufferedImage> images) {
        int[] ids = prompts.build(prompt, images.size());
        int[][] written = model.answer(new int[][] {ids}, pixels(images), described.tokenBudget(MAX_ANSWER_TOKENS),
                described.separatorId());
        return new Reply(tokenizer.decode(described.answer(written[0], MAX_ANSWER_TOKENS)),
                tokenizer.decode(written[0]), model.config().vlm().describesFirst());
    }

    @Override
    public BufferedImage generate(String prompt, List<BufferedImage> images, long seed) {
        // Step 1: VLM encoding of the instruction and its images, SigLIP encoding of the images, connector fusion
        HostTensor inputs = pixels(images);
        HostTensor siglip = inputs == null ? null : model.encodeSiglip(inputs);
        FusedContext context = conditioning(prompt, images.size(), inputs, siglip);
        // Step 2: where this kind of sample is guided, the same images without the instruction
        FusedContext unconditional = sampler.cfgScaleFor(!images.isEmpty()) > 1
                ? conditioning("", images.size(), inputs, siglip) : null;
        // Step 3: denoising from the sample's seed, then decode
        HostTensor latents = model.denoise(context, unconditional, sampler, new long[] {seed});
        HostTensor image = model.decode(latents);
        int side = Math.toIntExact(image.dim(2));
        return ImageCodec.toImage(image.data(), side, side);
    }

    private FusedContext conditioning(String prompt, int images, HostTensor inputs, HostTensor siglip) {
        VlmEncoding vlm = model.encodeVlm(new int[][] {prompts.build(prompt, images)}, inputs);
        return model.fuse(vlm, siglip, null, null);
    }

    private HostTensor pixels(List<BufferedImage> images) {
        int side = model.config().imageSize();
        return images.isEmpty() ? null
                : HostTensor.images(images.stream().map(i -> ImageCodec.toModelInput(i, side)).toList(), side);
    }

    @Override
    public void close() {
        model.close();
    }
}
