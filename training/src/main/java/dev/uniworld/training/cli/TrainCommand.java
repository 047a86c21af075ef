package dev.uniworld.training.cli;

import ai.djl.Device;
import dev.uniworld.model.config.LatentConfig;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.config.VlmConfig;
import dev.uniworld.training.train.Recipe;
import dev.uniworld.training.train.RunBranches;
import dev.uniworld.training.train.TrainingDevice;
import dev.uniworld.training.train.TrainingRun;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Trains UniWorld-Tiny with the UniWorld recipe; run it again with the same options to resume. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a UniWorld model on ShapesWorld (resumable: rerun with the same --out and options).")
final class TrainCommand implements Callable<Integer> {

    /** The latent's downsampling: 64x64 pixels to the 8x8 grid of the tiny DiT's 64 tokens. */
    private static final int LATENT_DOWNSAMPLE = 8;

    @Option(names = "--preset", defaultValue = "tiny", description = "model preset (default: ${DEFAULT-VALUE})")
    private String preset;

    @Option(names = "--out", required = true, description = "run directory: state, loss.csv, loss.png, model/")
    private Path out;

    @Option(names = "--seed", description = "seed of weights, data, noise (default: the recipe's)")
    private Long seed;

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

    @Option(names = "--scale", defaultValue = "1", description = "multiply every phase's steps (default: 1)")
    private double scale;

    @Option(names = "--steps", split = ",",
            description = "steps per phase: vlm,siglip,stage1,stage2 (overrides the recipe and --scale)")
    private int[] steps;

    @Option(names = "--dit-batch", description = "batch size of the diffusion stages (default: the recipe's)")
    private Integer ditBatch;

    @Option(names = "--high-noise-share", description = "share of diffusion samples with sigma drawn uniformly from "
            + "[0.9, 1) instead of the shifted logit-normal (default: the recipe's, 0.25)")
    private Double highNoiseShare;

    @Option(names = "--blur-share", description = "share of stage-2 samples (at sigma >= 0.15) whose noisy input is "
            + "made from a box-blurred target, radius 1-3, while the loss asks for the sharp one (default: the "
            + "recipe's, 0)")
    private Double blurShare;

    @Option(names = "--no-edit-weighting", description = "switch edit-region weighting off (ablation)")
    private boolean noEditWeighting;

    @Option(names = "--object-weighting", negatable = true, description = "weigh the objects' cells of text-to-image "
            + "samples like an edit region; --no-object-weighting weighs every pixel alike, as UniWorld does (default: "
            + "the recipe's, on)")
    private Boolean objectWeighting;

    @Option(names = "--token-embeddings", negatable = true, description = "the DiT's VLM connector also reads each "
            + "prompt token's input embedding beside the VLM's last-layer state; --no-token-embeddings reads the last "
            + "layer alone, as UniWorld does (default: the preset's, on in tiny)")
    private Boolean tokenEmbeddings;

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

    @Option(names = "--restate-subjects", description = "a VLM that describes first also writes, after the caption's "
            + "full stop, the objects the question is about and a second full stop, then the answer (default: off)")
    private boolean restateSubjects;

    @Option(names = "--vlm-layers", description = "decoder layers of the VLM (default: the preset's, 3 in tiny)")
    private Integer vlmLayers;

    @Option(names = "--checkpoint-every", description = "steps between resumable checkpoints (default: the recipe's)")
    private Integer checkpointEvery;

    @Option(names = "--device", defaultValue = TrainingDevice.AUTO, description = "where to train: auto (the first GPU "
            + "the engine sees, else the CPU), cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}); not part of the recipe, "
            + "so a run may resume on another device")
    private String device;

    @Option(names = "--branch-from", description = "start from a finished phase of another run "
            + "(its state-after-<phase> directory) instead of from scratch")
    private Path branchFrom;

    @Option(names = "--encoders-from", description = "start with the pretrained encoders of another run: "
            + "its state-after-siglip (VLM and SigLIP; goes on at stage 1) or state-after-vlm (the VLM; goes on with "
            + "SigLIP), e.g. for a DiT of another patch size. With --branch-from a stage-1 state: that run's SigLIP "
            + "(a state-after-siglip with the same VLM) replaces the branch's")
    private Path encodersFrom;

    @Option(names = "--siglip-reconstruction", description = "weight of the SigLIP phase's per-token pixel "
            + "reconstruction term, 0 for none (default: the recipe's)")
    private Double siglipReconstruction;

    @Option(names = "--vlm-word-loss", description = "weight of the VLM phase's word read-out (its last layer names "
            + "each text position's token and the one before it), 0 for none (default: the recipe's)")
    private Double vlmWordLoss;

    @Option(names = "--encoder-lr", description = "peak learning rate of the encoder phases (VLM, SigLIP, autoencoder) "
            + "(default: the recipe's)")
    private Float encoderLr;

    @Option(names = "--vlm-weight-decay", description = "AdamW's decoupled weight decay in the VLM phase (matrices and "
            + "embeddings, not norm gains or biases), 0 for plain Adam (default: the recipe's)")
    private Double vlmWeightDecay;

    @Option(names = "--vlm-questions-for-captions", description = "the VLM phase trains question answering (with the "
            + "caption before each answer) where it trained plain captions: 80% questions, 20% instructions; needs a VLM "
            + "that describes first (default: off)")
    private boolean vlmQuestionsForCaptions;

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

    @Override
    public Integer call() throws Exception {
        Recipe recipe = Recipe.tiny();
        if (!Presets.TINY.equals(preset)) {
            recipe = recipe.withModel(Presets.get(preset));
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
        if (restateSubjects) {
            recipe = recipe.withVlmRestatesSubjects(true);
        }
        if (latentChannels != null) {
            recipe = withLatent(recipe);
        } else if (autoencoder != null) {
            throw new IllegalArgumentException("--autoencoder needs --latent");
        }
        recipe = recipe.scaled(scale);
        if (steps != null) {
            if (steps.length != 4) {
                throw new IllegalArgumentException("--steps takes four numbers: vlm,siglip,stage1,stage2");
            }
            recipe = recipe.withSteps(steps[0], steps[1], steps[2], steps[3]);
        }
        if (ditBatch != null) {
            recipe = recipe.withBatches(recipe.vlmBatch(), recipe.siglipBatch(), ditBatch);
        }
        if (seed != null) {
            recipe = recipe.withSeed(seed);
        }
        if (highNoiseShare != null) {
            recipe = recipe.withHighNoiseShare(highNoiseShare);
        }
        if (blurShare != null) {
            recipe = recipe.withBlurShare(blurShare);
        }
        if (noEditWeighting) {
            recipe = recipe.withEditWeighting(false);
        }
        if (objectWeighting != null) {
            recipe = recipe.withObjectWeighting(objectWeighting);
        }
        if (siglipReconstruction != null) {
            recipe = recipe.withSiglipReconstruction(siglipReconstruction);
        }
        if (vlmWordLoss != null) {
            recipe = recipe.withVlmWordLoss(vlmWordLoss);
        }
        if (encoderLr != null) {
            recipe = recipe.withEncoderLr(encoderLr);
        }
        if (vlmWeightDecay != null) {
            recipe = recipe.withVlmWeightDecay(vlmWeightDecay);
        }
        if (vlmQuestionsForCaptions) {
            recipe = recipe.withVlmQuestionsForCaptions(true);
        }
        if (checkpointEvery != null) {
            recipe = recipe.withCheckpointEvery(checkpointEvery);
        }
        Device trainOn = TrainingDevice.resolve(device); // before a branch writes anything into --out
        // a run already started in --out resumes: the same command again must not start it over
        boolean started = TrainingRun.started(out);
        if (branchFrom != null && !started) {
            RunBranches.branch(branchFrom, encodersFrom, out, recipe);
        } else if (encodersFrom != null && !started) {
            RunBranches.branchEncoders(encodersFrom, out, recipe);
        }
        PrintStream console = System.out;
        new TrainingRun(recipe, out, console).onDevice(trainOn).run();
        return 0;
    }

    private boolean predictsImage() {
        return switch (predict) {
            case "image" -> true;
            case "velocity" -> false;
            default -> throw new IllegalArgumentException("--predict takes image or velocity, not '" + predict + "'");
        };
    }
}
