package dev.uniworld.pipeline.model;

import ai.djl.Device;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.checkpoint.CheckpointVersion;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.tokenizer.DescribedAnswers;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.tokenizer.Tokenizer;
import dev.uniworld.model.tokenizer.WordTokenizer;
import dev.uniworld.pipeline.config.ModelSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stage's share of the model, opened on one device, with the tokenizer and the identity every result records.
 * Built in an operator's {@code open()} and closed in its {@code close()}: native weights never travel with the job
 * graph.
 *
 * @param model        the stage's weights (only the blocks of {@code stage})
 * @param tokenizer    the checkpoint's vocabulary, or the tiny vocabulary shipped with gpu-operators
 * @param answers      how the VLM's greedy ids become an answer (room for a description, where to cut)
 * @param modelId      checkpoint directory name, or {@code uniworld-<preset>} for the fallback
 * @param modelVersion {@link CheckpointVersion}: 12 hex digits of the weights' SHA-256 and 6 of the config and
 *                     vocabulary's, or {@code random-seed-<seed>} for the fallback
 */
public record LoadedModel(UniWorldModel model, Tokenizer tokenizer, DescribedAnswers answers, String modelId,
        String modelVersion) implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoadedModel.class);

    /**
     * Opens the stage's weights: from the checkpoint directory when it exists, else from the fallback preset with
     * seeded random weights (same seed, same weights in every stage and subtask).
     *
     * @throws ModelLoadException when the checkpoint exists but cannot be loaded
     */
    public static LoadedModel open(ModelSettings settings, Stage stage, Device device) {
        Path dir = Path.of(settings.checkpointDir()).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            LOG.warn("No model checkpoint at {}: stage {} serves preset '{}' with RANDOM weights (seed {}); results "
                    + "will not be meaningful. Set model.checkpoint-dir to a trained checkpoint.", dir, stage.key(),
                    settings.fallbackPreset(), settings.fallbackSeed());
            UniWorldModel model = UniWorldModel.create(Presets.get(settings.fallbackPreset()),
                    settings.fallbackSeed(), device, EnumSet.of(stage), SpecialTokens.WORD_LEVEL);
            return of(model, WordTokenizer.tinyVocabulary(), "uniworld-" + settings.fallbackPreset(),
                    "random-seed-" + settings.fallbackSeed());
        }
        try {
            Tokenizer tokenizer = tokenizer(dir);
            String version = CheckpointVersion.of(dir);
            UniWorldModel model = UniWorldModel.load(dir, device, EnumSet.of(stage), SpecialTokens.WORD_LEVEL);
            return of(model, tokenizer, dir.getFileName().toString(), version);
        } catch (RuntimeException e) {
            throw new ModelLoadException("model checkpoint at " + dir + " cannot be loaded for stage " + stage.key()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks a checkpoint before a job is submitted (config, digest and every tensor), so a broken one fails the
     * submission with its reason rather than a task on a task manager. A missing directory passes: it means the
     * seeded fallback.
     */
    public static void verify(ModelSettings settings) {
        try (LoadedModel all = openAll(settings)) {
            LOG.info("Model {} version {} verified", all.modelId(), all.modelVersion());
        }
    }

    private static LoadedModel openAll(ModelSettings settings) {
        Path dir = Path.of(settings.checkpointDir()).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            return open(settings, Stage.DECODE, Device.cpu());
        }
        try {
            Tokenizer tokenizer = tokenizer(dir);
            String version = CheckpointVersion.of(dir);
            UniWorldModel model = UniWorldModel.load(dir, Device.cpu(), EnumSet.allOf(Stage.class),
                    SpecialTokens.WORD_LEVEL);
            return of(model, tokenizer, dir.getFileName().toString(), version);
        } catch (RuntimeException e) {
            throw new ModelLoadException("model checkpoint at " + dir + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    /**
     * The loaded model with its answer reading, checked here so that a checkpoint whose VLM cannot be read (a
     * describing VLM without its separator in the vocabulary) fails on loading, and the weights are not left open.
     */
    private static LoadedModel of(UniWorldModel model, Tokenizer tokenizer, String modelId, String modelVersion) {
        try {
            return new LoadedModel(model, tokenizer, new DescribedAnswers(model.config().vlm(), tokenizer), modelId,
                    modelVersion);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The vocabulary the checkpoint was trained with ({@link WordTokenizer#CHECKPOINT_FILE}), or the built-in one. */
    private static Tokenizer tokenizer(Path dir) {
        return WordTokenizer.forCheckpoint(dir);
    }

    @Override
    public void close() {
        model.close();
    }

    /** A checkpoint that exists but cannot serve: wrong tensors, corrupted weights, unreadable config. */
    public static final class ModelLoadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ModelLoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
