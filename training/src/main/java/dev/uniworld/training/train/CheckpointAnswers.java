package dev.uniworld.training.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.checkpoint.CheckpointIo;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.tokenizer.WordTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * New runs that train only the VLM's answer layers, on top of a finished checkpoint whose recipe ran every earlier
 * phase as the new recipe would. The answer phase is the recipe's last, and nothing the earlier phases trained reads
 * the answer layers, so the checkpoint's weights (the DiT's moving average included) are what the recipe's earlier
 * phases give; the answer layers start anew as copies of the layers they stand in for, and the run exports the
 * checkpoint with them trained.
 */
public final class CheckpointAnswers {

    private CheckpointAnswers() {
    }

    /**
     * Starts {@code out} at the answer phase with every weight of {@code checkpoint} but its answer layers, if any,
     * which start as copies of the layers they stand in for. The trainer's clock starts at zero: the checkpoint does
     * not say how long its phases took.
     *
     * @throws IllegalArgumentException naming the checkpoint and the reason when the recipe has no answer layers, the
     *     checkpoint's recipe is missing or unreadable, or trained any earlier phase otherwise than the recipe would,
     *     or its vocabulary differs from the trainer's
     */
    public static void branch(Path checkpoint, Path out, Recipe recipe, WordTokenizer tokenizer) throws IOException {
        CheckpointEncoders.requireEncoderSource(checkpoint);
        if (!CheckpointEncoders.isCheckpoint(checkpoint)) {
            throw refusal(checkpoint, "it is a run's resume point, not a checkpoint; a resume point branches as "
                    + "state-after-<phase>");
        }
        if (recipe.model().vlm().answerLayers() == 0 || recipe.answerSteps() == 0) {
            throw refusal(checkpoint, "the recipe trains no answer layers (--answers LAYERS,STEPS, or a fifth number "
                    + "of --steps)");
        }
        Recipe trained = CheckpointEncoders.readRecipe(checkpoint);
        Recipe before = UsedRecipe.withoutAnswers(trained);
        Recipe wanted = UsedRecipe.withoutAnswers(recipe);
        if (!UsedRecipe.trainAlike(before, wanted)) {
            throw refusal(checkpoint, "its phases before the answer layers' were trained otherwise than the recipe "
                    + "would train them (" + RecipeDifferences.summary(before, wanted) + ")");
        }
        if (!WordTokenizer.forCheckpoint(checkpoint).words().equals(tokenizer.words())) {
            throw refusal(checkpoint, "its vocabulary differs from the trainer's");
        }
        int answer = recipe.phaseIndex("answer");
        long stepsDone = (long) recipe.vlmSteps() + recipe.siglipSteps() + recipe.autoencoderSteps()
                + recipe.stage1Steps() + recipe.stage2Steps();
        Path weightsFile = checkpoint.resolve(CheckpointIo.WEIGHTS_FILE);
        RunCheckpoints.startRun(out, building -> {
            // loading checks the weights' digest and shapes against the checkpoint's config.json
            try (UniWorldModel source = UniWorldModel.load(checkpoint, Device.cpu(), EnumSet.allOf(Stage.class),
                    SpecialTokens.WORD_LEVEL)) {
                Map<String, NDArray> kept = new LinkedHashMap<>();
                source.parameters().forEach((name, p) -> {
                    if (!RunBranches.isAnswerLayer(name)) {
                        kept.put(name, p.getArray());
                    }
                });
                RunBranches.saveSeeded(recipe, kept, weightsFile, RunBranches::isAnswerLayer,
                        building.resolve("weights"), null);
            }
            RunFiles.writeState(building, new RunState(answer, 0, stepsDone, 0, 0, recipe));
        });
    }

    private static IllegalArgumentException refusal(Path checkpoint, String reason) {
        return new IllegalArgumentException("cannot train answer layers on " + checkpoint + ": " + reason);
    }
}
