package dev.uniworld.training.cli;

import dev.uniworld.model.config.LatentConfig;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.config.VlmConfig;
import dev.uniworld.training.train.Recipe;
import picocli.CommandLine.Option;

/** The {@code train} options that choose the architecture trained: recorded in the run's config.json. */
final class ModelOptions {

    /** The latent's downsampling: 64x64 pixels to the 8x8 grid of the tiny DiT's 64 tokens. */
    private static final int LATENT_DOWNSAMPLE = 8;

    @Option(names = "--preset", defaultValue = "tiny", description = "model preset (default: ${DEFAULT-VALUE})")
    private String preset;

    @Option(names = "--patch", description = "DiT patch size (default: the preset's)")
    private Integer patch;

    @Option(names = "--predict", description = "what the DiT outputs: image (the clean image) or velocity "
            + "(default: the preset's)")
    private String predict;

    @Option(names = "--latent", description = "denoise the latent of an autoencoder with this many channels (8x "
            + "down, one DiT token per latent pixel) instead of pixels (default: the preset's space)")
    private Integer latentChannels;

    @Option(names = "--autoencoder", split = ",", description = "with --latent: the autoencoder's steps,batch,width "
            + "(default: 2000,16,16)")
    private int[] autoencoder;

    @Option(names = "--token-embeddings", negatable = true, description = "the DiT's VLM connector also reads each "
            + "prompt token's input embedding beside the VLM's last-layer state; --no-token-embeddings reads the last "
            + "layer alone, as UniWorld does (default: the preset's, on in tiny)")
    private Boolean tokenEmbeddings;

    @Option(names = "--absolute-positions", negatable = true, description = "each DiT image token's embedding also "
            + "gets a fixed sine-cosine code of its place in the image, as DiT's do; FLUX's tokens know their place "
            + "only through rotary positions (default: the preset's, off in tiny)")
    private Boolean absolutePositions;

    @Option(names = "--vlm-stem", description = "the VLM vision tower's patch embedding: 0 for one linear map per "
            + "patch, as Qwen2.5-VL's; W for a stem of stride-2 2x2 convolutions, the first W channels wide "
            + "(default: the preset's, 0 in tiny)")
    private Integer vlmStem;

    @Option(names = "--vlm-vision", split = ",", description = "the VLM vision tower's input side (images are "
            + "resized to it) and merge window, e.g. 72,3: 9x9 patches of 8 merged into 3x3 tokens, one per "
            + "ShapesWorld cell (default: the preset's, 64,2 in tiny)")
    private int[] vlmVision;

    @Option(names = "--describe-first", negatable = true, description = "the VLM learns to answer a question by "
            + "first writing the image's caption and a full stop, then the answer; --no-describe-first answers "
            + "directly, as UniWorld's VLM does (default: on with the tiny preset, the preset's own otherwise)")
    private Boolean describeFirst;

    @Option(names = "--vlm-layers", description = "decoder layers of the VLM (default: the preset's, 3 in tiny)")
    private Integer vlmLayers;

    /** {@code recipe} training the architecture these options name (and, for a latent, its autoencoder phase). */
    Recipe applyTo(Recipe recipe) {
        if (!Presets.TINY.equals(preset)) {
            // the recipe's answer phase needs its answer layers in any preset (--answers 0,0 drops both)
            UniWorldConfig other = Presets.get(preset);
            recipe = recipe.withModel(other.withVlm(other.vlm().withAnswerLayers(recipe.model().vlm().answerLayers())));
        }
        if (patch != null) {
            recipe = recipe.withModel(Recipe.withPatch(recipe.model(), patch));
        }
        if (predict != null) {
            recipe = recipe.withModel(recipe.model().withDit(recipe.model().dit().withPredictsImage(predictsImage())));
        }
        if (tokenEmbeddings != null) {
            UniWorldConfig model = recipe.model();
            recipe = recipe.withModel(model.withConnector(model.connector().withTokenEmbeddings(tokenEmbeddings)));
        }
        if (absolutePositions != null) {
            recipe = recipe.withModel(recipe.model().withDit(recipe.model().dit()
                    .withAbsolutePositions(absolutePositions)));
        }
        if (vlmStem != null) {
            VlmConfig vlm = recipe.model().vlm();
            recipe = recipe.withModel(recipe.model().withVlm(vlm.withVision(vlm.vision().withStemWidth(vlmStem))));
        }
        if (vlmVision != null) {
            if (vlmVision.length != 2) {
                throw new IllegalArgumentException("--vlm-vision takes two numbers: side,merge");
            }
            VlmConfig vlm = recipe.model().vlm();
            VlmConfig resized = vlm.withVision(vlm.vision().withImageSize(vlmVision[0]), vlmVision[1]);
            recipe = recipe.withModel(recipe.model().withVlm(resized));
        }
        if (describeFirst != null) {
            recipe = recipe.withModel(recipe.model().withVlm(recipe.model().vlm().withDescribesFirst(describeFirst)));
        }
        if (vlmLayers != null) {
            recipe = recipe.withModel(recipe.model().withVlm(recipe.model().vlm().withLayers(vlmLayers)));
        }
        if (latentChannels != null) {
            recipe = withLatent(recipe);
        } else if (autoencoder != null) {
            throw new IllegalArgumentException("--autoencoder needs --latent");
        }
        return recipe;
    }

    /** The recipe's model denoising a latent of {@code --latent} channels, its autoencoder as {@code --autoencoder}. */
    private Recipe withLatent(Recipe recipe) {
        int[] settings = autoencoder != null ? autoencoder : new int[] {2000, 16, 16};
        if (settings.length != 3) {
            throw new IllegalArgumentException("--autoencoder takes three numbers: steps,batch,width");
        }
        UniWorldConfig model = recipe.model();
        UniWorldConfig latent = model.withLatent(new LatentConfig(latentChannels, LATENT_DOWNSAMPLE, settings[2]))
                .withDit(model.dit().withPatchSize(1));
        return recipe.withModel(latent).withAutoencoder(settings[0], settings[1]);
    }

    private boolean predictsImage() {
        return switch (predict) {
            case "image" -> true;
            case "velocity" -> false;
            default -> throw new IllegalArgumentException("--predict takes image or velocity, not '" + predict + "'");
        };
    }
}
