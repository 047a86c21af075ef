package dev.uniworld.model.config;

import java.util.Map;
import java.util.TreeSet;

/**
 * Named model sizes. {@code tiny} is the embedded default that trains on a CPU; {@code uniworld-v1} carries the
 * reference dimensions (Qwen2.5-VL-7B, SigLIP2 so400m, FLUX.1-dev) and is only ever counted, never instantiated here.
 */
public final class Presets {

    public static final String TINY = "tiny";
    public static final String SMALL = "small";
    public static final String UNIWORLD_V1 = "uniworld-v1";

    // Pixel space at 64x64 with 8x8 patches gives 64 DiT tokens, one per SigLIP token; see PixelSpaceCodec for why
    // no autoencoder. A patch holds 192 values against a width of 128, so the tiny DiT predicts the clean image
    // (DitConfig.predictsImage), which needs far fewer, rather than the velocity, which carries all of the noise. The
    // presets trained here place reference tokens at the positions they cover (DitConfig.alignedReferences);
    // uniworld-v1 keeps the reference layout, (0, 0) for every context token. The tiny VLM's three layers keep little
    // of each word in the last one, so tiny's connector also reads the token embeddings (ConnectorConfig). Its DiT's
    // first prediction of a copy is soft, and Euler steps keep that softness; steps that draw their noise afresh let
    // the later ones sharpen what a reference image says, so tiny samples edits and perception that way, and prompts
    // alone (which fresh noise would redraw) with Euler steps (SamplerConfig.referenceFreshNoise). Guidance at 6 makes
    // a prompt alone draw what it names far more often, while from scale 3 it pulls edits and perception maps away
    // from their inputs, so only prompts alone are guided (SamplerConfig.referenceCfgScale; chosen on validation).
    private static final UniWorldConfig TINY_CONFIG = new UniWorldConfig(TINY, 64,
            new VlmConfig(256, 96, 3, 4, 2, 256, 10_000, 1e-6, new VitConfig(64, 8, 64, 2, 4, 128, 1e-6), 2, 2),
            new VitConfig(64, 8, 64, 2, 4, 192, 1e-6),
            new ConnectorConfig(128, 256, 0, true),
            new DitConfig(128, 4, 2, 4, 4, 8, 64, true, 10_000, true, true, true, false),
            LatentConfig.pixels(),
            SamplerConfig.fluxDefaults().withSteps(8).withFreshNoise(0, 1).withCfgScales(6, 1));

    private static final UniWorldConfig SMALL_CONFIG = new UniWorldConfig(SMALL, 128,
            new VlmConfig(1024, 256, 6, 8, 2, 704, 10_000, 1e-6, new VitConfig(128, 16, 192, 4, 4, 768, 1e-6), 2, 2),
            new VitConfig(128, 16, 256, 6, 4, 1024, 1e-6),
            new ConnectorConfig(384, 1152, 0, false),
            new DitConfig(384, 6, 4, 8, 4, 8, 128, true, 10_000, true, false, false, false),
            LatentConfig.pixels(),
            SamplerConfig.fluxDefaults().withSteps(20));

    // Qwen2.5-VL-7B (vision tower at 448^2, patch 14, 2x2 merge), SigLIP2 so400m at 512^2 patch 16, connectors
    // 3584/1152 -> 12288 -> 4096, FLUX.1-dev (19 double + 38 single blocks) on the 16-channel 8x VAE latent.
    private static final UniWorldConfig UNIWORLD_V1_CONFIG = new UniWorldConfig(UNIWORLD_V1, 1024,
            new VlmConfig(152_064, 3584, 28, 28, 4, 18_944, 1_000_000, 1e-6,
                    new VitConfig(448, 14, 1280, 32, 16, 3420, 1e-6), 2, 2),
            new VitConfig(512, 16, 1152, 27, 16, 4304, 1e-6),
            new ConnectorConfig(4096, 12_288, 512, false),
            new DitConfig(3072, 24, 19, 38, 4, 2, 256, true, 10_000, false, false, false, false),
            new LatentConfig(16, 8, 128), // FLUX VAE: 16 channels, 8x down, base width 128
            SamplerConfig.fluxDefaults());

    private static final Map<String, UniWorldConfig> ALL = Map.of(
            TINY, TINY_CONFIG, SMALL, SMALL_CONFIG, UNIWORLD_V1, UNIWORLD_V1_CONFIG);

    private Presets() {
    }

    /** The preset with this name; throws listing the known names otherwise. */
    public static UniWorldConfig get(String name) {
        UniWorldConfig config = ALL.get(name);
        if (config == null) {
            throw new IllegalArgumentException("unknown preset '" + name + "', known: " + new TreeSet<>(ALL.keySet()));
        }
        return config;
    }

    /** All presets by name (immutable). */
    public static Map<String, UniWorldConfig> all() {
        return ALL;
    }

    public static UniWorldConfig tiny() {
        return TINY_CONFIG;
    }
}
