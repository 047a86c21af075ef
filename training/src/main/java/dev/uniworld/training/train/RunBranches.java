package dev.uniworld.training.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.checkpoint.CheckpointIo;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.tokenizer.SpecialTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

/** New runs that start from another run's finished phase, so that variants of a later phase need not repeat it. */
public final class RunBranches {

    private RunBranches() {
    }

    /**
     * Starts {@code out} from a finished phase of another run ({@code state-after-<phase>}), so that a later phase can
     * run with other settings (the ablation, or a longer stage 2) without repeating the phases before it. The recipe
     * must agree with the one recorded there on everything those phases used; where reference tokens sit in the DiT's
     * context only matters from stage 2 on, the first phase with reference images.
     */
    public static void branch(Path phaseState, Path out, Recipe recipe) throws IOException {
        RunState after = RunFiles.readState(phaseState);
        Recipe before = after.recipe();
        boolean referencesUsed = after.phase() > 3;
        UniWorldConfig trained = referencesUsed ? before.model() : withoutReferenceAlignment(before.model());
        UniWorldConfig wanted = referencesUsed ? recipe.model() : withoutReferenceAlignment(recipe.model());
        if (!trained.equals(wanted) || before.seed() != recipe.seed()
                || before.vlmSteps() != recipe.vlmSteps() || before.siglipSteps() != recipe.siglipSteps()
                || (after.phase() > 3 && before.stage1Steps() != recipe.stage1Steps())) {
            throw new IllegalArgumentException("cannot branch: " + phaseState + " was trained with " + before);
        }
        Path target = out.resolve("state");
        if (Files.exists(target)) {
            throw new IllegalArgumentException(out + " already holds a run");
        }
        RunFiles.copyDirectory(phaseState, target);
        // the weights are loaded with their own config.json on resume: it must be the new recipe's model
        Path weightsConfig = target.resolve("weights").resolve(CheckpointIo.CONFIG_FILE);
        RunFiles.JSON.writeValue(weightsConfig.toFile(), recipe.model());
        RunFiles.writeState(target, new RunState(after.phase(), after.step(), after.globalStep(), after.emaUpdates(),
                after.elapsedSeconds(), recipe));
    }

    private static UniWorldConfig withoutReferenceAlignment(UniWorldConfig c) {
        return c.withDit(c.dit().withAlignedReferences(false));
    }

    /**
     * Starts {@code out} at stage 1 with the pretrained VLM and SigLIP of another run ({@code state-after-siglip}) and
     * a freshly seeded rest: the encoders do not depend on the DiT's shape, so a DiT variant (another patch size) need
     * not repeat their pretraining.
     */
    public static void branchEncoders(Path siglipState, Path out, Recipe recipe) throws IOException {
        RunState after = RunFiles.readState(siglipState);
        if (after.phase() != 2 || !after.recipe().model().vlm().equals(recipe.model().vlm())
                || !after.recipe().model().siglip().equals(recipe.model().siglip())) {
            throw new IllegalArgumentException("cannot take encoders from " + siglipState);
        }
        try (UniWorldModel model = UniWorldModel.create(recipe.model(), recipe.seed(), Device.cpu(),
                EnumSet.allOf(Stage.class), SpecialTokens.WORD_LEVEL);
                NDManager scratch = model.manager().newSubManager()) {
            Map<String, NDArray> stored = RunFiles.readTensors(
                    siglipState.resolve("weights").resolve(CheckpointIo.WEIGHTS_FILE), scratch);
            model.parameters().forEach((name, p) -> {
                if (name.startsWith("vlm.") || name.startsWith("siglip.")) {
                    stored.get(name).copyTo(p.getArray());
                }
            });
            Path target = out.resolve("state");
            model.save(target.resolve("weights"));
            RunFiles.writeState(target, new RunState(2, 0, after.globalStep(), 0,
                    after.elapsedSeconds(), recipe));
        }
    }
}
