package dev.uniworld.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.checkpoint.CheckpointIo;
import dev.uniworld.model.tokenizer.WordTokenizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resume points and EMA exports of a run directory: what {@link TrainingRun} writes every few hundred steps and
 * reads back when the same command runs again.
 */
final class RunCheckpoints {

    /**
     * The recipe a checkpoint was trained with, beside its weights: what {@code --encoders-from} checks before it
     * takes a checkpoint's encoders (serving ignores it; the model version does not cover it).
     */
    static final String RECIPE_FILE = "recipe.json";

    private final Path out;
    private final WordTokenizer tokenizer;
    private final Recipe recipe;

    RunCheckpoints(Path out, WordTokenizer tokenizer, Recipe recipe) {
        this.out = out;
        this.tokenizer = tokenizer;
        this.recipe = recipe;
    }

    /**
     * Checks that the run resuming from {@code statePath}, started under {@code started}, may go on under this recipe:
     * refused unless they train alike; where only settings that inference reads differ (a run started before a sampler
     * default changed), the run goes on under the asked ones and its weights' config takes them, so that its
     * checkpoints ship them.
     */
    void resumeUnder(Path statePath, Recipe started, PrintStream console) throws IOException {
        if (started.equals(recipe)) {
            return;
        }
        if (!UsedRecipe.trainAlike(started, recipe)) {
            throw new IllegalArgumentException("the run in " + out + " was started with another recipe ("
                    + RecipeDifferences.summary(started, recipe) + "); use a new --out or the options it started with");
        }
        console.printf("the run's sampler settings change (%s)%n", RecipeDifferences.summary(started, recipe));
        RunFiles.writeJsonWhole(statePath.resolve("weights").resolve(CheckpointIo.CONFIG_FILE), recipe.model());
    }

    /**
     * The resume point, the loss plot and the EMA's latest export. At the end of a phase ({@code last}, the state
     * pointing at the next phase, which starts its own optimizer) the phase finishes first, and its resume point is
     * also kept for branches.
     */
    void atResumePoint(UniWorldModel model, Phase phase, Ema ema, ResumableAdam adam, LossLog log, boolean last,
            RunState state) throws IOException {
        if (last) {
            phase.finish();
        }
        log.sync();
        // the end of a phase is also kept for ablations that branch off after it (e.g. stage 2 variants)
        save(model, ema, last ? Map.of() : phase.extraState(), last ? null : adam, state,
                last ? out.resolve("state-after-" + phase.name()) : null);
        log.plot(out.resolve("loss.png"));
        if (ema != null) {
            exportEma(model, ema, out.resolve("model-latest"));
        }
    }

    /**
     * Where a run in {@code out} resumes: {@code state/}; after a swap a kill interrupted, {@code state.tmp/}, else
     * {@code state.old/}; or null.
     */
    static Path resumePoint(Path out) {
        List<Path> marked = List.of("state", "state.tmp", "state.old").stream().map(out::resolve)
                .filter(dir -> Files.isRegularFile(dir.resolve(RunFiles.STATE_FILE))).toList();
        // a whole one first: an earlier version deleted state.json after the weights, so a kill could leave one
        // marked but half deleted; with none whole, loading the first names what is missing
        return marked.stream().filter(RunFiles::holdsWeights).findFirst()
                .orElse(marked.isEmpty() ? null : marked.get(0));
    }

    /**
     * Writes {@code state-after-<phase>} for the phase a run settled at the start of the next one has just finished,
     * where it is missing: a run whose first resume point was that phase's end, killed while the copy was written,
     * resumes past it and would never write it again. A branched run gets its own copy the same way.
     */
    static void keepPhaseEnd(Path out, Path statePath, RunState state, Recipe recipe) throws IOException {
        if (statePath == null || state.phase() == 0 || state.step() != 0) {
            return;
        }
        Path kept = out.resolve("state-after-" + recipe.phaseNames().get(state.phase() - 1));
        if (Files.isRegularFile(kept.resolve(RunFiles.STATE_FILE)) && RunFiles.holdsWeights(kept)) {
            return;
        }
        RunFiles.copyWhole(statePath, kept);
    }

    /** Writes a new run's first resume point into the directory it is given. */
    @FunctionalInterface
    interface RunStart {
        void writeInto(Path building) throws IOException;
    }

    /**
     * Builds a new run's first resume point in {@code out/state.branch/} and renames it to {@code out/state/} whole: a
     * start that a kill interrupts leaves no run to resume, and the same command starts it again. A {@code state/}
     * that is no resume point (an earlier version wrote its weights before its {@code state.json}) is replaced.
     *
     * @throws IllegalArgumentException when {@code out} already holds a run
     */
    static void startRun(Path out, RunStart start) throws IOException {
        if (RunCheckpoints.resumePoint(out) != null) {
            throw new IllegalArgumentException(out + " already holds a run");
        }
        Path building = out.resolve("state.branch");
        RunFiles.deleteRecursively(building);
        start.writeInto(building);
        RunFiles.replaceDirectory(building, out.resolve("state"));
    }

    /**
     * Makes {@code state/} the run's resume point again where a kill interrupted a swap (see {@link #save}), so that
     * the next save, which starts by clearing {@code state.tmp/}, cannot clear the only one; returns it, or null for a
     * run not yet started.
     */
    static Path settle(Path out) throws IOException {
        Path point = resumePoint(out);
        Path dir = out.resolve("state");
        if (point != null && !point.equals(dir)) {
            RunFiles.deleteRecursively(dir); // an incomplete one, or none
            Files.move(point, dir);
            RunFiles.forceDirectory(out);
        }
        return point == null ? null : dir;
    }

    /**
     * Writes the resume point into state.tmp, then swaps it for state by renames: whenever a kill strikes, a whole one
     * is left for {@link #resumePoint}.
     *
     * @param optimizer the phase's optimizer, whose moments a resumed run takes up; null at the end of a phase, where
     *     the next phase starts its own
     * @param keepAs where a copy is kept, written before the swap so that a resumed run writes it again; or null
     */
    void save(UniWorldModel model, Ema ema, Map<String, Parameter> extra, ResumableAdam optimizer, RunState state,
            Path keepAs) throws IOException {
        Path tmp = out.resolve("state.tmp");
        Path dir = out.resolve("state");
        RunFiles.deleteRecursively(tmp);
        model.save(tmp.resolve("weights"));
        if (ema != null) {
            RunFiles.writeTensors(tmp.resolve(RunFiles.EMA_FILE), ema.averages());
        }
        Map<String, NDArray> extraArrays = new LinkedHashMap<>();
        extra.forEach((k, v) -> extraArrays.put(k, v.getArray()));
        if (!extraArrays.isEmpty()) {
            RunFiles.writeTensors(tmp.resolve(RunFiles.EXTRA_FILE), extraArrays);
        }
        if (optimizer != null) {
            try (NDManager scratch = model.manager().newSubManager()) {
                RunFiles.writeTensors(tmp.resolve(RunFiles.OPTIMIZER_FILE), optimizer.state(scratch));
            }
        }
        RunFiles.writeState(tmp, state); // written last: marks the directory complete
        if (keepAs != null) {
            RunFiles.copyWhole(tmp, keepAs);
        }
        RunFiles.replaceDirectory(tmp, dir);
    }

    /**
     * Puts back the extra weights a phase saved (e.g. SigLIP's text tower), if it has any; false when the resume point
     * lacks some of them (a branch from inside a phase that ran without a training-only head the recipe now has),
     * which keep their seeded values.
     */
    static boolean restoreExtra(Path statePath, Phase phase, NDManager manager) throws IOException {
        Map<String, Parameter> extra = phase.extraState();
        Path file = statePath.resolve(RunFiles.EXTRA_FILE);
        if (extra.isEmpty()) {
            return true;
        }
        if (!Files.isRegularFile(file)) {
            return false;
        }
        boolean all = true;
        try (NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> saved = RunFiles.readTensors(file, scratch);
            for (Map.Entry<String, Parameter> e : extra.entrySet()) {
                NDArray values = saved.get(e.getKey());
                if (values == null) {
                    all = false;
                } else {
                    values.copyTo(e.getValue().getArray());
                }
            }
        }
        return all;
    }

    /**
     * Puts back Adam's moments and update counts; false when the resume point holds none for some trained parameter
     * (one written before they were saved, or a branch that seeded new weights), and the moments restart.
     */
    static boolean restoreOptimizer(Path statePath, ResumableAdam optimizer, Map<String, Parameter> trainable,
            NDManager manager) throws IOException {
        Path file = statePath.resolve(RunFiles.OPTIMIZER_FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (NDManager scratch = manager.newSubManager()) {
            return optimizer.restore(RunFiles.readTensors(file, scratch), trainable);
        }
    }

    /** Saves the EMA weights as a loadable checkpoint, then puts the raw weights back. */
    void exportEma(UniWorldModel model, Ema ema, Path dir) throws IOException {
        Map<String, Parameter> params = model.parameters();
        try (NDManager scratch = model.manager().newSubManager()) {
            Map<String, NDArray> raw = new HashMap<>();
            for (String name : ema.averages().keySet()) {
                NDArray copy = params.get(name).getArray().duplicate();
                copy.attach(scratch);
                raw.put(name, copy);
            }
            ema.copyToWeights();
            exportRaw(model, dir);
            raw.forEach((name, copy) -> copy.copyTo(params.get(name).getArray()));
        }
    }

    /**
     * Saves the weights as they are as a loadable checkpoint, with the vocabulary and the recipe; written beside
     * {@code dir} and put in its place whole, so that an evaluation reading it meanwhile never sees half of one.
     */
    void exportRaw(UniWorldModel model, Path dir) throws IOException {
        Path fresh = dir.resolveSibling(dir.getFileName() + ".tmp");
        RunFiles.deleteRecursively(fresh);
        model.save(fresh);
        tokenizer.save(fresh.resolve(WordTokenizer.CHECKPOINT_FILE));
        RunFiles.JSON.writeValue(fresh.resolve(RECIPE_FILE).toFile(), recipe);
        RunFiles.replaceDirectory(fresh, dir);
    }
}
