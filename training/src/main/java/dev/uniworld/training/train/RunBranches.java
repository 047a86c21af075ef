package dev.uniworld.training.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.checkpoint.CheckpointIo;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.vlm.VlmModel;
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
    private static final String REFERENCE_SHORTCUT = "dit.ref_in.";

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
        // phases count from 0 in the recipe's order (vlm, siglip, [autoencoder,] stage1, stage2); a state inside
        // stage 2 has already seen references
        int stage2 = before.phaseIndex("stage2");
        boolean stage1Done = after.phase() >= stage2;
        boolean referencesUsed = after.phase() > stage2 || (after.phase() == stage2 && after.step() > 0);
        // a lent SigLIP brings its own architecture and pretraining, which the recipe must name
        boolean autoencoderDone = autoencoderDone(before, after);
        RunState lent = siglipState == null ? null : RunFiles.readState(siglipState);
        UsedRecipe trained = UsedRecipe.vlm(before).withSiglip(lent == null ? before : lent.recipe())
                .withDiffusion(asTrained(before.model(), referencesUsed), before, autoencoderDone, stage1Done);
        UsedRecipe wanted = UsedRecipe.vlm(recipe).withSiglip(recipe)
                .withDiffusion(asTrained(recipe.model(), referencesUsed), recipe, autoencoderDone, stage1Done);
        if (!trained.equals(wanted)) {
            throw new IllegalArgumentException("cannot branch: " + phaseState + (siglipState == null ? ""
                    : " with the SigLIP of " + siglipState) + " was trained otherwise than the recipe would ("
                    + RecipeDifferences.summary(trained, wanted) + ")");
        }
        // after stage 2 only the answer layers' phase follows: every earlier phase must be the recipe's own
        Recipe earlier = UsedRecipe.withoutAnswers(before);
        Recipe asked = UsedRecipe.withoutAnswers(recipe);
        if (after.phase() > stage2 && !UsedRecipe.trainAlike(earlier, asked)) {
            throw new IllegalArgumentException("cannot branch: " + phaseState + " was trained otherwise than the "
                    + "recipe would (" + RecipeDifferences.summary(earlier, asked) + ")");
        }
        if (siglipState != null) {
            requireSiglipReplaceable(after, lent, siglipState, recipe);
        }
        Path ownFile = phaseState.resolve("weights").resolve(CheckpointIo.WEIGHTS_FILE);
        boolean shortcutChanged = recipe.model().dit().referenceShortcut() != before.model().dit().referenceShortcut();
        // answer layers come last and are trained anew: other ones than the state's start seeded
        boolean answersChanged = recipe.model().vlm().answerLayers() != before.model().vlm().answerLayers();
        RunCheckpoints.startRun(out, building -> {
            try (NDManager scratch = NDManager.newBaseManager(Device.cpu())) {
                // the weights to write, if they change: read (and a lent SigLIP checked) before anything is copied
                Map<String, NDArray> stored = null;
                if (siglipState != null) {
                    Path lentFile = siglipState.resolve("weights").resolve(CheckpointIo.WEIGHTS_FILE);
                    boolean reseedConnector = !before.model().siglip().equals(recipe.model().siglip());
                    stored = withLentSiglip(RunFiles.readTensors(ownFile, scratch),
                            RunFiles.readTensors(lentFile, scratch), lentFile, reseedConnector);
                } else if (shortcutChanged || answersChanged) {
                    stored = RunFiles.readTensors(ownFile, scratch);
                }
                if (stored != null && answersChanged) {
                    stored.keySet().removeIf(RunBranches::isAnswerLayer);
                }
                RunFiles.copyDirectory(phaseState, building);
                Path weights = building.resolve("weights");
                if (stored != null) {
                    // only the parts no earlier phase trained may be seeded: a new shortcut, a SigLIP connector,
                    // answer layers
                    saveSeeded(recipe, stored, ownFile, name -> name.startsWith(REFERENCE_SHORTCUT)
                            || name.startsWith(SIGLIP_CONNECTOR) || isAnswerLayer(name), weights,
                            after.emaUpdates() > 0 ? building.resolve(RunFiles.EMA_FILE) : null);
                    // Adam's moments of a mid-phase state know nothing of the seeded weights: the branch restarts them
                    Files.deleteIfExists(building.resolve(RunFiles.OPTIMIZER_FILE));
                }
                // the weights are loaded with their own config.json on resume: it must be the new recipe's model
                RunFiles.JSON.writeValue(weights.resolve(CheckpointIo.CONFIG_FILE).toFile(), recipe.model());
            }
            RunFiles.writeState(building, new RunState(after.phase(), after.step(), after.globalStep(),
                    after.emaUpdates(), after.elapsedSeconds(), recipe));
        });
    }

    /** Whether the state has finished a latent model's autoencoder phase (pixel models have none). */
    private static boolean autoencoderDone(Recipe recipe, RunState state) {
        return recipe.phaseNames().contains("autoencoder") && state.phase() > recipe.phaseIndex("autoencoder");
    }

    private static void requireSiglipReplaceable(RunState after, RunState lent, Path lentState, Recipe recipe) {
        String refusal = null;
        // between SigLIP's pretraining and stage 2's first step nothing reads SigLIP
        Recipe own = after.recipe();
        int stage2 = own.phaseIndex("stage2");
        boolean beforeStage2 = after.phase() > own.phaseIndex("siglip")
                && (after.phase() < stage2 || (after.phase() == stage2 && after.step() == 0));
        if (!beforeStage2) {
            refusal = "the branch must start from a state after SigLIP or after stage 1, not at phase "
                    + after.phase() + " step " + after.step();
        } else if (lent.phase() != lent.recipe().phaseIndex("siglip") + 1) {
            refusal = "it must be a state-after-siglip, not a state at phase " + lent.phase();
        } else if (!UsedRecipe.vlm(lent.recipe()).equals(UsedRecipe.vlm(recipe))) {
            refusal = "its VLM was trained otherwise than the recipe's (" + RecipeDifferences.summary(
                    UsedRecipe.vlm(lent.recipe()), UsedRecipe.vlm(recipe)) + ")";
        }
        if (refusal != null) {
            throw new IllegalArgumentException("cannot take SigLIP from " + lentState + ": " + refusal);
        }
    }

    /**
     * {@code own}'s tensors with {@code lent}'s SigLIP in place of its own and, with {@code reseedConnector}, without
     * the SigLIP connector (to be seeded for the new width). Throws unless both hold the same VLM, tensor for tensor,
     * and {@code lent} holds a SigLIP.
     */
    private static Map<String, NDArray> withLentSiglip(Map<String, NDArray> own, Map<String, NDArray> lent,
            Path lentFile, boolean reseedConnector) {
        own.forEach((name, tensor) -> {
            NDArray other = lent.get(name);
            // answer layers are trained after SigLIP, and not read before the answer phase
            if (name.startsWith("vlm.") && !isAnswerLayer(name) && (other == null || !other.contentEquals(tensor))) {
                throw new IllegalArgumentException(lentFile + " holds another VLM (" + name + " differs)");
            }
        });
        if (lent.keySet().stream().noneMatch(name -> name.startsWith("siglip."))) {
            throw new IllegalArgumentException(lentFile + " holds no SigLIP");
        }
        Map<String, NDArray> merged = new LinkedHashMap<>();
        own.forEach((name, tensor) -> {
            if (!name.startsWith("siglip.") && !(reseedConnector && name.startsWith(SIGLIP_CONNECTOR))) {
                merged.put(name, tensor);
            }
        });
        lent.forEach((name, tensor) -> {
            if (name.startsWith("siglip.")) {
                merged.put(name, tensor);
            }
        });
        return merged;
    }

    /**
     * What training has used of a model: not the sampler's CFG scales, guidance interval and fresh-noise shares,
     * which only inference reads, and, before stage 2, neither reference option.
     */
    private static UniWorldConfig asTrained(UniWorldConfig c, boolean referencesUsed) {
        UniWorldConfig plain = UsedRecipe.withoutInference(c);
        return referencesUsed ? plain
                : plain.withDit(c.dit().withAlignedReferences(false).withReferenceShortcut(false));
    }

    /**
     * The parameters a run's pretrained encoders lend a new one: the VLM's but its answer layers (trained last, so
     * trained anew), and SigLIP's with {@code withSiglip}.
     */
    static Predicate<String> encoders(boolean withSiglip) {
        return name -> (name.startsWith("vlm.") && !isAnswerLayer(name))
                || (withSiglip && name.startsWith("siglip."));
    }

    /** Whether a model parameter path belongs to the VLM's answer layers. */
    static boolean isAnswerLayer(String name) {
        return name.startsWith("vlm.") && VlmModel.isAnswerLayerPath(name.substring("vlm.".length()));
    }

    /**
     * Saves to {@code weights} (tensors, config, digest) a freshly seeded model of the recipe in which every parameter
     * that {@code stored} holds takes the stored tensor; the others keep their seeded values, which only names that
     * {@code seedable} accepts may do ({@code origin}, where the tensors came from, lacks the rest). With an
     * {@code emaFile}, rewrites the moving average there to the model's tracked parameters: a stored weight keeps its
     * stored average, a seeded one starts at its value.
     */
    static void saveSeeded(Recipe recipe, Map<String, NDArray> stored, Path origin,
            Predicate<String> seedable, Path weights, Path emaFile) throws IOException {
        try (UniWorldModel model = UniWorldModel.create(recipe.model(), recipe.seed(), Device.cpu(),
                EnumSet.allOf(Stage.class), SpecialTokens.WORD_LEVEL);
                NDManager scratch = model.manager().newSubManager()) {
            model.parameters().forEach((name, p) -> {
                if (stored.containsKey(name)) {
                    stored.get(name).copyTo(p.getArray());
                } else if (!seedable.test(name)) {
                    throw new IllegalArgumentException(origin + " lacks " + name);
                }
            });
            if (stored.keySet().stream().noneMatch(RunBranches::isAnswerLayer)) {
                model.network().vlm().forkAnswerLayers(); // answer layers start as the layers they stand in for
            }
            model.save(weights);
            if (emaFile != null) {
                Map<String, NDArray> stale = RunFiles.readTensors(emaFile, scratch);
                Map<String, NDArray> averages = new LinkedHashMap<>();
                DiffusionPhase.emaTracked(model).forEach((name, p) -> averages.put(name,
                        stored.containsKey(name) && stale.containsKey(name) ? stale.get(name) : p.getArray()));
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
        int siglip = after.recipe().phaseIndex("siglip");
        boolean withSiglip = after.phase() == siglip + 1;
        if (after.phase() != siglip && !withSiglip) {
            throw new IllegalArgumentException("cannot take encoders from " + encoderState + ": it must be a "
                    + "state-after-vlm or state-after-siglip, not a state at phase " + after.phase());
        }
        UsedRecipe trained = withSiglip ? UsedRecipe.vlm(after.recipe()).withSiglip(after.recipe())
                : UsedRecipe.vlm(after.recipe());
        UsedRecipe wanted = withSiglip ? UsedRecipe.vlm(recipe).withSiglip(recipe) : UsedRecipe.vlm(recipe);
        if (!trained.equals(wanted)) {
            throw new IllegalArgumentException("cannot take encoders from " + encoderState + ": its encoders were "
                    + "trained otherwise than the recipe would train them ("
                    + RecipeDifferences.summary(trained, wanted) + ")");
        }
        Path encoderFile = encoderState.resolve("weights").resolve(CheckpointIo.WEIGHTS_FILE);
        Predicate<String> lent = encoders(withSiglip);
        RunCheckpoints.startRun(out, building -> {
            try (NDManager scratch = NDManager.newBaseManager(Device.cpu())) {
                Map<String, NDArray> encoders = new LinkedHashMap<>(RunFiles.readTensors(encoderFile, scratch));
                encoders.keySet().removeIf(lent.negate());
                saveSeeded(recipe, encoders, encoderFile, lent.negate(), building.resolve("weights"), null);
            }
            RunFiles.writeState(building, new RunState(after.phase(), 0, after.globalStep(), 0,
                    after.elapsedSeconds(), recipe));
        });
    }
}
