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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** New runs that start from another run's finished phase, so that variants of a later phase need not repeat it. */
public final class RunBranches {

    private static final String SIGLIP_CONNECTOR = "fusion.siglip_connector.";

    private RunBranches() {
    }

    /**
     * Starts {@code out} from a finished phase of another run ({@code state-after-<phase>}), so that a later phase can
     * run with other settings (the ablation, or a longer stage 2) without repeating the phases before it. The recipe
     * must agree with the one recorded there on everything those phases used; where reference tokens sit in the DiT's
     * context, and whether a shortcut carries them to the image tokens, only matter from stage 2 on, the first phase
     * with reference images. A shortcut the earlier phases did not have starts freshly seeded, in the weights and in
     * their moving average alike; one they had and the recipe drops is left out of both.
     */
    public static void branch(Path phaseState, Path out, Recipe recipe) throws IOException {
        branch(phaseState, null, out, recipe);
    }

    /**
     * As {@link #branch(Path, Path, Recipe)}, with the SigLIP encoder of {@code siglipState} (a
     * {@code state-after-siglip}) in place of the one {@code phaseState} holds. Allowed from a state after SigLIP or
     * after stage 1 (which trains without SigLIP features), and only if both states hold the same VLM, tensor for
     * tensor: so a SigLIP variant need not repeat stage 1, and the weights are those the recipe would give from
     * scratch. The lent SigLIP may be of another architecture (the recipe's): the SigLIP connector, which no phase
     * before stage 2 trains, is then seeded afresh for its width, in the weights and their moving average alike. The
     * trainer's clock keeps {@code phaseState}'s time, its own SigLIP phase included.
     */
    public static void branch(Path phaseState, Path siglipState, Path out, Recipe recipe) throws IOException {
        RunState after = RunFiles.readState(phaseState);
        Recipe before = after.recipe();
        // phases count from 0 (vlm, siglip, stage1, stage2); a state inside stage 2 has already seen references
        boolean stage1Done = after.phase() >= 3;
        boolean referencesUsed = after.phase() > 3 || (after.phase() == 3 && after.step() > 0);
        // a lent SigLIP brings its own architecture, which the recipe must name (sameSiglip)
        UniWorldConfig beforeModel = siglipState == null ? before.model()
                : before.model().withSiglip(recipe.model().siglip());
        UniWorldConfig trained = asTrained(beforeModel, referencesUsed);
        UniWorldConfig wanted = asTrained(recipe.model(), referencesUsed);
        Recipe siglipRecipe = siglipState == null ? before : RunFiles.readState(siglipState).recipe();
        if (!trained.equals(wanted) || !sameVlm(before, recipe) || !sameSiglip(siglipRecipe, recipe)
                || (stage1Done && before.stage1Steps() != recipe.stage1Steps())) {
            throw new IllegalArgumentException("cannot branch: " + phaseState + " was trained with " + before
                    + (siglipState == null ? "" : " and " + siglipState + " with " + siglipRecipe));
        }
        if (siglipState != null) {
            requireSiglipReplaceable(after, RunFiles.readState(siglipState), siglipState, recipe);
        }
        Path target = out.resolve("state");
        if (Files.exists(target)) {
            throw new IllegalArgumentException(out + " already holds a run");
        }
        Path lentSiglip = siglipState == null ? null
                : siglipState.resolve("weights").resolve(CheckpointIo.WEIGHTS_FILE);
        if (lentSiglip != null) {
            // before anything is written: a half-made run in out would be resumed by the next attempt
            requireSameVlm(lentSiglip, phaseState.resolve("weights").resolve(CheckpointIo.WEIGHTS_FILE));
        }
        RunFiles.copyDirectory(phaseState, target);
        if (lentSiglip != null) {
            boolean reseedConnector = !before.model().siglip().equals(recipe.model().siglip());
            replaceSiglip(before.withModel(beforeModel), lentSiglip, target.resolve("weights"), reseedConnector,
                    after.emaUpdates() > 0 ? target.resolve(RunFiles.EMA_FILE) : null);
        }
        // the weights are loaded with their own config.json on resume: it must be the new recipe's model
        Path weightsConfig = target.resolve("weights").resolve(CheckpointIo.CONFIG_FILE);
        RunFiles.JSON.writeValue(weightsConfig.toFile(), recipe.model());
        if (recipe.model().dit().referenceShortcut() != before.model().dit().referenceShortcut()) {
            Path weights = target.resolve("weights");
            saveSeeded(recipe, weights.resolve(CheckpointIo.WEIGHTS_FILE), name -> true, true, weights,
                    after.emaUpdates() > 0 ? target.resolve(RunFiles.EMA_FILE) : null);
        }
        RunFiles.writeState(target, new RunState(after.phase(), after.step(), after.globalStep(), after.emaUpdates(),
                after.elapsedSeconds(), recipe));
    }

    private static boolean sameSiglip(Recipe a, Recipe b) {
        return a.siglipSteps() == b.siglipSteps() && a.siglipBatch() == b.siglipBatch()
                && a.siglipReconstruction() == b.siglipReconstruction() && a.encoderLr() == b.encoderLr()
                && a.model().siglip().equals(b.model().siglip());
    }

    private static void requireSiglipReplaceable(RunState after, RunState lent, Path lentState, Recipe recipe) {
        String refusal = null;
        if (after.phase() != 2 && !(after.phase() == 3 && after.step() == 0)) {
            refusal = "the branch must start from a state after SigLIP or after stage 1, not at phase "
                    + after.phase() + " step " + after.step();
        } else if (lent.phase() != 2) {
            refusal = "it must be a state-after-siglip, not a state at phase " + lent.phase();
        } else if (!sameVlm(lent.recipe(), recipe)) {
            refusal = "its VLM was trained otherwise than the recipe's: " + lent.recipe();
        }
        if (refusal != null) {
            throw new IllegalArgumentException("cannot take SigLIP from " + lentState + ": " + refusal);
        }
    }

    /** Whether two recipes pretrain the same VLM: architecture, steps, batch, learning rate and seed. */
    private static boolean sameVlm(Recipe a, Recipe b) {
        return a.seed() == b.seed() && a.vlmSteps() == b.vlmSteps() && a.vlmBatch() == b.vlmBatch()
                && a.encoderLr() == b.encoderLr() && a.model().vlm().equals(b.model().vlm());
    }

    /** Throws unless the two weight files hold equal VLM tensors and {@code lent} holds SigLIP tensors. */
    private static void requireSameVlm(Path lent, Path own) throws IOException {
        try (NDManager scratch = NDManager.newBaseManager(Device.cpu())) {
            Map<String, NDArray> lentTensors = RunFiles.readTensors(lent, scratch);
            RunFiles.readTensors(own, scratch).forEach((name, tensor) -> {
                NDArray other = lentTensors.get(name);
                if (name.startsWith("vlm.") && (other == null || !other.contentEquals(tensor))) {
                    throw new IllegalArgumentException(lent + " holds another VLM (" + name + " differs)");
                }
            });
            if (lentTensors.keySet().stream().noneMatch(name -> name.startsWith("siglip."))) {
                throw new IllegalArgumentException(lent + " holds no SigLIP");
            }
        }
    }

    /**
     * Rewrites the checkpoint in {@code weights} (config, tensors, digest) with lent's {@code siglip.} tensors; with
     * {@code reseedConnector}, the SigLIP connector takes its seeded values, in {@code emaFile}'s averages too.
     */
    private static void replaceSiglip(Recipe recipe, Path lent, Path weights, boolean reseedConnector, Path emaFile)
            throws IOException {
        try (UniWorldModel model = UniWorldModel.create(recipe.model(), recipe.seed(), Device.cpu(),
                EnumSet.allOf(Stage.class), SpecialTokens.WORD_LEVEL);
                NDManager scratch = model.manager().newSubManager()) {
            Map<String, NDArray> lentTensors = RunFiles.readTensors(lent, scratch);
            Map<String, NDArray> own = RunFiles.readTensors(weights.resolve(CheckpointIo.WEIGHTS_FILE), scratch);
            model.parameters().forEach((name, p) -> {
                if (reseedConnector && name.startsWith(SIGLIP_CONNECTOR)) {
                    return;
                }
                NDArray value = (name.startsWith("siglip.") ? lentTensors : own).get(name);
                if (value == null) {
                    throw new IllegalArgumentException((name.startsWith("siglip.") ? lent : weights) + " lacks "
                            + name);
                }
                value.copyTo(p.getArray());
            });
            model.save(weights);
            if (reseedConnector && emaFile != null) {
                Map<String, NDArray> averages = new LinkedHashMap<>(RunFiles.readTensors(emaFile, scratch));
                model.parameters().forEach((name, p) -> {
                    if (name.startsWith(SIGLIP_CONNECTOR)) {
                        averages.put(name, p.getArray());
                    }
                });
                RunFiles.writeTensors(emaFile, averages);
            }
        }
    }

    /**
     * What training has used of a model: not the sampler's CFG scale, which only inference reads, and, before stage 2,
     * neither reference option.
     */
    private static UniWorldConfig asTrained(UniWorldConfig c, boolean referencesUsed) {
        UniWorldConfig plain = c.withSampler(c.sampler().withCfgScale(1));
        return referencesUsed ? plain
                : plain.withDit(c.dit().withAlignedReferences(false).withReferenceShortcut(false));
    }

    /**
     * Saves to {@code weights} a freshly seeded model of the recipe into which the tensors of {@code storedFile} that
     * {@code take} names are copied (each one required to be there unless {@code seedMissing}); with an
     * {@code emaFile}, rewrites the moving average there to the model's tracked parameters, each at its stored
     * average where there is one and at its new value otherwise.
     */
    private static void saveSeeded(Recipe recipe, Path storedFile, Predicate<String> take, boolean seedMissing,
            Path weights, Path emaFile) throws IOException {
        try (UniWorldModel model = UniWorldModel.create(recipe.model(), recipe.seed(), Device.cpu(),
                EnumSet.allOf(Stage.class), SpecialTokens.WORD_LEVEL);
                NDManager scratch = model.manager().newSubManager()) {
            Map<String, NDArray> stored = RunFiles.readTensors(storedFile, scratch);
            model.parameters().forEach((name, p) -> {
                if (take.test(name) && stored.containsKey(name)) {
                    stored.get(name).copyTo(p.getArray());
                } else if (take.test(name) && !seedMissing) {
                    throw new IllegalArgumentException(storedFile + " lacks " + name);
                }
            });
            model.save(weights);
            if (emaFile != null) {
                Map<String, NDArray> stale = RunFiles.readTensors(emaFile, scratch);
                Map<String, NDArray> averages = new LinkedHashMap<>();
                DiffusionPhase.emaTracked(model).forEach((name, p) ->
                        averages.put(name, stale.getOrDefault(name, p.getArray())));
                RunFiles.writeTensors(emaFile, averages);
            }
        }
    }

    /**
     * Starts {@code out} with the pretrained encoders of another run and a freshly seeded rest: from
     * {@code state-after-siglip}, the VLM and SigLIP, and the run goes on at stage 1; from {@code state-after-vlm}, the
     * VLM alone, and the run goes on with SigLIP's pretraining. The encoders do not depend on the DiT's shape, so a DiT
     * variant (another patch size) need not repeat their pretraining.
     */
    public static void branchEncoders(Path encoderState, Path out, Recipe recipe) throws IOException {
        RunState after = RunFiles.readState(encoderState);
        boolean withSiglip = after.phase() == 2;
        if ((after.phase() != 1 && !withSiglip) || !sameVlm(after.recipe(), recipe)
                || (withSiglip && !sameSiglip(after.recipe(), recipe))) {
            throw new IllegalArgumentException("cannot take encoders from " + encoderState + ": it must be a "
                    + "state-after-vlm or state-after-siglip of a run whose encoders the recipe would train alike "
                    + "(architecture, steps, batches, learning rate, seed, SigLIP's reconstruction weight); it has "
                    + after.recipe());
        }
        Path target = out.resolve("state");
        saveSeeded(recipe, encoderState.resolve("weights").resolve(CheckpointIo.WEIGHTS_FILE),
                name -> name.startsWith("vlm.") || (withSiglip && name.startsWith("siglip.")), false,
                target.resolve("weights"), null);
        RunFiles.writeState(target, new RunState(after.phase(), 0, after.globalStep(), 0, after.elapsedSeconds(),
                recipe));
    }
}
