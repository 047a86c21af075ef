package dev.uniworld.model.config;

import java.util.Objects;

/**
 * The whole model: one config per stage plus the image geometry they share.
 *
 * @param name preset name, recorded in checkpoints
 * @param imageSize square output (and reference input) side in pixels
 * @param vlm the VLM encoder
 * @param siglip the SigLIP encoder
 * @param connector the fusion connectors
 * @param dit the diffusion transformer
 * @param latent the space the DiT works in
 * @param sampler default sampling settings
 */
public record UniWorldConfig(String name, int imageSize, VlmConfig vlm, VitConfig siglip, ConnectorConfig connector,
        DitConfig dit, LatentConfig latent, SamplerConfig sampler) {

    public UniWorldConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vlm, "vlm");
        Objects.requireNonNull(siglip, "siglip");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(dit, "dit");
        Objects.requireNonNull(latent, "latent");
        Objects.requireNonNull(sampler, "sampler");
        Checks.divides("imageSize", imageSize, "latent.downsample * dit.patchSize",
                (long) latent.downsample() * dit.patchSize());
    }

    /** The same model with another DiT. */
    public UniWorldConfig withDit(DitConfig newDit) {
        return new UniWorldConfig(name, imageSize, vlm, siglip, connector, newDit, latent, sampler);
    }

    /** The same model with other connectors. */
    public UniWorldConfig withConnector(ConnectorConfig newConnector) {
        return new UniWorldConfig(name, imageSize, vlm, siglip, newConnector, dit, latent, sampler);
    }

    /** The same model with another VLM. */
    public UniWorldConfig withVlm(VlmConfig newVlm) {
        return new UniWorldConfig(name, imageSize, newVlm, siglip, connector, dit, latent, sampler);
    }

    /** The same model with another SigLIP encoder. */
    public UniWorldConfig withSiglip(VitConfig newSiglip) {
        return new UniWorldConfig(name, imageSize, vlm, newSiglip, connector, dit, latent, sampler);
    }

    /** The same model denoising in another space (pixels, or an autoencoder's latent). */
    public UniWorldConfig withLatent(LatentConfig newLatent) {
        return new UniWorldConfig(name, imageSize, vlm, siglip, connector, dit, newLatent, sampler);
    }

    /** The same model with other default sampler settings. */
    public UniWorldConfig withSampler(SamplerConfig newSampler) {
        return new UniWorldConfig(name, imageSize, vlm, siglip, connector, dit, latent, newSampler);
    }

    /** Latent side: imageSize / downsample. */
    public int latentSize() {
        return imageSize / latent.downsample();
    }

    /** DiT image tokens per sample. */
    public int imageTokens() {
        int side = latentSize() / dit.patchSize();
        return side * side;
    }

    /** Values per DiT image token (latent channels x patch area). */
    public int patchDim() {
        return latent.channels() * dit.patchSize() * dit.patchSize();
    }
}
