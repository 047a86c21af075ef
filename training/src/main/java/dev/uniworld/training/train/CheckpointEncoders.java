package dev.uniworld.training.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.checkpoint.CheckpointIo;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.tokenizer.WordTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * New runs that start with the pretrained encoders of a finished checkpoint (a run's {@code model/}, or the shipped
 * {@code models/uniworld-tiny}) rather than of a run's resume point. A checkpoint is all that outlives its run
 * directory, and the encoders never change after their phases (the DiT's moving average does not cover them), so its
 * VLM is the one its run's VLM phase ended with. The {@value RunCheckpoints#RECIPE_FILE} that the trainer writes beside
 * the weights says how they were trained; the new run must train them alike, as with a resume point.
 */
public final class CheckpointEncoders {

    private CheckpointEncoders() {
    }

    /** Whether {@code dir} is a loadable checkpoint rather than a run's resume point. */
    public static boolean isCheckpoint(Path dir) {
        return Files.isRegularFile(dir.resolve(CheckpointIo.CONFIG_FILE))
                && !Files.isRegularFile(dir.resolve(RunFiles.STATE_FILE));
    }

    /**
     * Refuses, naming it, a directory that is neither a checkpoint ({@code config.json}) nor a run's resume point
     * ({@code state.json}), before anything reads it.
     */
    public static void requireEncoderSource(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw refusal(dir, "no such directory");
        }
        if (!isCheckpoint(dir) && !Files.isRegularFile(dir.resolve(RunFiles.STATE_FILE))) {
            throw refusal(dir, "it holds neither a checkpoint (" + CheckpointIo.CONFIG_FILE + ") nor a run's resume "
                    + "point (" + RunFiles.STATE_FILE + ")");
        }
    }

    /**
     * Starts {@code out} with {@code checkpoint}'s VLM, and its SigLIP too where the checkpoint's recipe pretrained
     * SigLIP as {@code recipe} would (the run then goes on with the phase after SigLIP, otherwise with SigLIP's
     * pretraining); the rest is seeded as from scratch, by the recipe's seed. The trainer's clock starts at zero: the
     * checkpoint does not say how long its encoders took.
     *
     * @throws IllegalArgumentException naming the checkpoint and the reason when its recipe is missing or unreadable,
     *     disagrees with its config.json, or trained the VLM otherwise than the recipe would, or when its vocabulary
     *     differs from the trainer's
     */
    public static void branch(Path checkpoint, Path out, Recipe recipe, WordTokenizer tokenizer) throws IOException {
        Recipe trained = readRecipe(checkpoint);
        if (!UsedRecipe.vlm(trained).equals(UsedRecipe.vlm(recipe))) {
            throw refusal(checkpoint, "its VLM was trained otherwise than the recipe would train it ("
                    + RecipeDifferences.summary(UsedRecipe.vlm(trained), UsedRecipe.vlm(recipe)) + ")");
        }
        // word ids index the VLM's embeddings: another vocabulary would give the words other vectors
        if (!WordTokenizer.forCheckpoint(checkpoint).words().equals(tokenizer.words())) {
            throw refusal(checkpoint, "its vocabulary differs from the trainer's");
        }
        boolean withSiglip = UsedRecipe.vlm(trained).withSiglip(trained)
                .equals(UsedRecipe.vlm(recipe).withSiglip(recipe));
        Predicate<String> lent = RunBranches.encoders(withSiglip);
        int siglip = recipe.phaseIndex("siglip");
        long stepsDone = recipe.vlmSteps() + (withSiglip ? recipe.siglipSteps() : 0);
        RunCheckpoints.startRun(out, building -> {
            // loading checks the weights' digest and the encoders' shapes against the checkpoint's config; the DiT's
            // tensors are not read, and saveSeeded copies the lent ones while the source is still open
            try (UniWorldModel source = UniWorldModel.load(checkpoint, Device.cpu(),
                    EnumSet.of(Stage.VLM, Stage.SIGLIP), SpecialTokens.WORD_LEVEL)) {
                Map<String, NDArray> encoders = new LinkedHashMap<>();
                source.parameters().forEach((name, p) -> {
                    if (lent.test(name)) {
                        encoders.put(name, p.getArray());
                    }
                });
                RunBranches.saveSeeded(recipe, encoders, checkpoint.resolve(CheckpointIo.WEIGHTS_FILE), lent.negate(),
                        building.resolve("weights"), null);
            }
            RunFiles.writeState(building, new RunState(withSiglip ? siglip + 1 : siglip, 0, stepsDone, 0, 0, recipe));
        });
    }

    /** The checkpoint's recipe, which must describe the encoders its config.json holds. */
    static Recipe readRecipe(Path checkpoint) {
        Path recipeFile = checkpoint.resolve(RunCheckpoints.RECIPE_FILE);
        if (!Files.isRegularFile(recipeFile)) {
            boolean weightsOfAState = Files.isRegularFile(checkpoint.toAbsolutePath().getParent()
                    .resolve(RunFiles.STATE_FILE));
            throw refusal(checkpoint, "it has no " + RunCheckpoints.RECIPE_FILE + ", so how its encoders were trained "
                    + "is unknown (the trainer writes one beside every checkpoint it exports; "
                    + (weightsOfAState ? "for a resume point, give its directory, "
                    + checkpoint.toAbsolutePath().getParent()
                    : "for a model/ exported before it did, copy its run's " + RunCheckpoints.RECIPE_FILE
                    + " beside it") + ")");
        }
        Recipe trained;
        try {
            trained = RunFiles.JSON.readValue(recipeFile.toFile(), Recipe.class);
        } catch (IOException | RuntimeException e) {
            throw refusal(checkpoint, "its " + RunCheckpoints.RECIPE_FILE + " is unreadable: " + e.getMessage());
        }
        if (trained == null || trained.model() == null) {
            throw refusal(checkpoint, "its " + RunCheckpoints.RECIPE_FILE + " names no model");
        }
        UniWorldConfig config = CheckpointIo.readConfig(checkpoint);
        if (!config.vlm().equals(trained.model().vlm()) || !config.siglip().equals(trained.model().siglip())) {
            throw refusal(checkpoint, "its " + CheckpointIo.CONFIG_FILE + " holds other encoders than its "
                    + RunCheckpoints.RECIPE_FILE + " trained");
        }
        return trained;
    }

    static IllegalArgumentException refusal(Path checkpoint, String reason) {
        return new IllegalArgumentException("cannot take encoders from " + checkpoint + ": " + reason);
    }
}
