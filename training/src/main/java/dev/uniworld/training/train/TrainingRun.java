package dev.uniworld.training.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.uniworld.model.HostTensor;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.checkpoint.CheckpointIo;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.tokenizer.WordTokenizer;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs a {@link Recipe} into an output directory: the phases in order, a resumable checkpoint every few hundred steps
 * (weights, EMA, extra phase weights, step counters; Adam's moments are not kept and restart on resume), a loss CSV
 * and plot, and finally the EMA checkpoint in {@code model/}. Run it again on the same directory to resume.
 *
 * <p>Layout of the output directory: {@code state/} (resume point), {@code model/} (EMA weights, config.json,
 * vocabulary.txt: what ships), {@code model-latest/} (the same, refreshed at every checkpoint of the diffusion stages),
 * {@code loss.csv}, {@code loss.png}.
 */
public final class TrainingRun {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String EMA_FILE = "ema.safetensors";
    private static final String EXTRA_FILE = "extra.safetensors";
    private static final String STATE_FILE = "state.json";

    private final Recipe recipe;
    private final Path out;
    private final PrintStream console;
    private final WordTokenizer tokenizer = ShapesTokenizer.create();
    private final Progress progress;
    private long interruptAt = Long.MAX_VALUE;

    public TrainingRun(Recipe recipe, Path out, PrintStream console) {
        this.recipe = recipe;
        this.out = out;
        this.console = console;
        this.progress = new Progress(console);
    }

    /** Stops the run once this many global steps are done, as an interruption would (tests of resuming). */
    TrainingRun interruptAt(long globalSteps) {
        this.interruptAt = globalSteps;
        return this;
    }

    /**
     * Trains (or resumes) to the end of the recipe; returns the directory of the shipped EMA checkpoint, or null when
     * the run was interrupted on purpose (see {@link #interruptAt}).
     */
    public Path run() throws IOException {
        Files.createDirectories(out);
        Path statePath = resumePoint(out);
        RunState state = statePath == null ? new RunState(0, 0, 0, 0, 0, recipe)
                : JSON.readValue(statePath.resolve(STATE_FILE).toFile(), RunState.class);
        if (statePath != null && !state.recipe().equals(recipe)) {
            throw new IllegalArgumentException("the run in " + out + " was started with another recipe: "
                    + state.recipe() + "; use a new --out or the same options");
        }
        if (recipe.model().vlm().vocabSize() < tokenizer.vocabSize()) {
            throw new IllegalStateException("vocabulary of " + tokenizer.vocabSize() + " words exceeds the model's "
                    + recipe.model().vlm().vocabSize());
        }
        JSON.writeValue(out.resolve("recipe.json").toFile(), recipe);
        Engine.getInstance().setRandomSeed((int) recipe.seed());
        try (UniWorldModel model = statePath == null
                ? UniWorldModel.create(recipe.model(), recipe.seed(), Device.cpu(), EnumSet.allOf(Stage.class),
                        SpecialTokens.WORD_LEVEL)
                : UniWorldModel.load(statePath.resolve("weights"), Device.cpu(), EnumSet.allOf(Stage.class),
                        SpecialTokens.WORD_LEVEL)) {
            if (statePath != null && !model.config().equals(recipe.model())) {
                throw new IllegalStateException("the weights in " + statePath + " are of another model: "
                        + model.config() + "; the recipe trains " + recipe.model());
            }
            if (statePath != null) {
                console.printf("resuming %s at phase %d step %d (%.0f s trained so far)%n", out, state.phase(),
                        state.step(), state.elapsedSeconds());
            }
            return train(model, state, statePath);
        }
    }

    private Path train(UniWorldModel model, RunState start, Path statePath) throws IOException {
        TrainingData data = new TrainingData(new TaskGenerator(new TaskConfig(new RenderConfig(
                recipe.model().imageSize()), Set.of())), tokenizer, recipe);
        List<Phase> phases = List.of(new VlmPhase(model, data, recipe),
                new SiglipPhase(model, data, recipe, recipe.model().vlm().vocabSize()),
                new DiffusionPhase(model, data, recipe, 1), new DiffusionPhase(model, data, recipe, 2));
        LossLog log = new LossLog(out.resolve("loss.csv"), start.globalStep());
        long globalStep = start.globalStep();
        double elapsedBefore = start.elapsedSeconds();
        long sessionStart = System.nanoTime();
        Ema ema = null;
        if (start.emaUpdates() > 0) {
            ema = new Ema(model.manager(), DiffusionPhase.emaTracked(model), Recipe.EMA_MAX_DECAY);
            try (NDManager scratch = model.manager().newSubManager()) {
                ema.restore(readTensors(statePath.resolve(EMA_FILE), scratch), start.emaUpdates());
            }
        }
        try {
            for (int p = start.phase(); p < phases.size(); p++) {
                Phase phase = phases.get(p);
                int first = p == start.phase() ? start.step() : 0;
                if (statePath != null && p == start.phase() && first > 0) {
                    restoreExtra(statePath, phase, model.manager());
                }
                if (phase instanceof DiffusionPhase && ema == null) {
                    ema = new Ema(model.manager(), DiffusionPhase.emaTracked(model), Recipe.EMA_MAX_DECAY);
                }
                Map<String, Parameter> trainable = phase.trainable();
                freezeAllBut(model, trainable);
                float[] lr = {0f};
                Optimizer adam = Optimizer.adam().optLearningRateTracker((Tracker) n -> lr[0]).optClipGrad(1f)
                        .build();
                progress.startPhase(phase.name(), first, phase.steps());
                for (int step = first; step < phase.steps(); step++) {
                    lr[0] = recipe.learningRate(phase.peakLr(), step, phase.steps());
                    double loss = step(model, phase, trainable, adam, step);
                    if (!Double.isFinite(loss)) {
                        throw new IllegalStateException(phase.name() + " step " + step + ": loss is " + loss);
                    }
                    if (ema != null) {
                        ema.update();
                    }
                    globalStep++;
                    double elapsed = elapsedBefore + (System.nanoTime() - sessionStart) / 1e9;
                    log.add(new LossLog.Row(globalStep - 1, phase.name(), step, loss, lr[0], elapsed));
                    progress.step(step, loss, elapsed);
                    boolean last = step + 1 == phase.steps();
                    if ((step + 1) % recipe.checkpointEvery() == 0 || last) {
                        RunState state = last ? new RunState(p + 1, 0, globalStep, ema == null ? 0 : ema.updates(),
                                elapsed, recipe) : new RunState(p, step + 1, globalStep,
                                ema == null ? 0 : ema.updates(), elapsed, recipe);
                        if (last) {
                            phase.finish();
                        }
                        saveState(model, ema, last ? Map.of() : phase.extraState(), state);
                        if (last) {
                            // kept for ablations that branch off after a phase (e.g. stage 2 variants)
                            copyDirectory(out.resolve("state"), out.resolve("state-after-" + phase.name()));
                        }
                        log.plot(out.resolve("loss.png"));
                        if (ema != null) {
                            exportEma(model, ema, out.resolve("model-latest"));
                        }
                    }
                    if (globalStep >= interruptAt) {
                        return null;
                    }
                }
                progress.endPhase();
            }
            // the shipped weights are the EMA copy
            Path shipped = out.resolve("model");
            if (ema != null) {
                exportEma(model, ema, shipped);
            } else {
                model.save(shipped);
                tokenizer.save(shipped.resolve(WordTokenizer.CHECKPOINT_FILE));
            }
            log.plot(out.resolve("loss.png"));
            double total = elapsedBefore + (System.nanoTime() - sessionStart) / 1e9;
            console.printf(Locale.ROOT, "done: %d steps in %.1f min; EMA checkpoint in %s%n", globalStep,
                    total / 60, shipped);
            return shipped;
        } finally {
            if (ema != null) {
                ema.close();
            }
        }
    }

    /** One optimizer step; every array it makes lives in a sub-manager closed before it returns. */
    private static double step(UniWorldModel model, Phase phase, Map<String, Parameter> trainable, Optimizer adam,
            int step) {
        try (NDManager sub = model.manager().newSubManager()) {
            Object batch = phase.prepare(sub, step);
            NDArray loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                loss = phase.loss(new ParameterStore(sub, false), batch);
                collector.backward(loss);
            }
            double value = loss.getFloat();
            for (Map.Entry<String, Parameter> e : trainable.entrySet()) {
                NDArray weight = e.getValue().getArray();
                NDArray gradient = weight.getGradient();
                gradient.attach(sub);
                adam.update(e.getKey(), weight, gradient);
                gradient.subi(gradient); // backward accumulates: clear for the next step
            }
            return value;
        }
    }

    private static void freezeAllBut(UniWorldModel model, Map<String, Parameter> trainable) {
        for (Map.Entry<String, Parameter> e : model.parameters().entrySet()) {
            e.getValue().getArray().setRequiresGradient(trainable.containsKey(e.getKey()));
        }
    }

    // checkpoints -----------------------------------------------------------------------------------------------------

    /** Where a run in {@code out} resumes ({@code state/}, or {@code state.tmp/} after an interrupted swap); null if none. */
    private static Path resumePoint(Path out) {
        for (String name : List.of("state", "state.tmp")) {
            Path dir = out.resolve(name);
            if (Files.isRegularFile(dir.resolve(STATE_FILE))) {
                return dir;
            }
        }
        return null;
    }

    /** Whether {@code out} already holds a run, which the same command resumes. */
    public static boolean started(Path out) {
        return resumePoint(out) != null;
    }

    /** Writes the resume point into state.tmp, then swaps it for state: an interrupted save leaves the old one. */
    private void saveState(UniWorldModel model, Ema ema, Map<String, Parameter> extra, RunState state)
            throws IOException {
        Path tmp = out.resolve("state.tmp");
        Path dir = out.resolve("state");
        deleteRecursively(tmp);
        model.save(tmp.resolve("weights"));
        if (ema != null) {
            writeTensors(tmp.resolve(EMA_FILE), ema.averages());
        }
        Map<String, NDArray> extraArrays = new LinkedHashMap<>();
        extra.forEach((k, v) -> extraArrays.put(k, v.getArray()));
        if (!extraArrays.isEmpty()) {
            writeTensors(tmp.resolve(EXTRA_FILE), extraArrays);
        }
        JSON.writeValue(tmp.resolve(STATE_FILE).toFile(), state); // written last: marks the directory complete
        deleteRecursively(dir);
        Files.move(tmp, dir);
    }

    private void restoreExtra(Path statePath, Phase phase, NDManager manager) throws IOException {
        Map<String, Parameter> extra = phase.extraState();
        if (extra.isEmpty()) {
            return;
        }
        try (NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> saved = readTensors(statePath.resolve(EXTRA_FILE), scratch);
            extra.forEach((name, p) -> saved.get(name).copyTo(p.getArray()));
        }
    }

    /** Saves the EMA weights as a loadable checkpoint, then puts the raw weights back. */
    private void exportEma(UniWorldModel model, Ema ema, Path dir) throws IOException {
        Map<String, Parameter> params = model.parameters();
        try (NDManager scratch = model.manager().newSubManager()) {
            Map<String, NDArray> raw = new HashMap<>();
            for (String name : ema.averages().keySet()) {
                NDArray copy = params.get(name).getArray().duplicate();
                copy.attach(scratch);
                raw.put(name, copy);
            }
            ema.copyToWeights();
            deleteRecursively(dir);
            model.save(dir);
            tokenizer.save(dir.resolve(WordTokenizer.CHECKPOINT_FILE));
            raw.forEach((name, copy) -> copy.copyTo(params.get(name).getArray()));
        }
    }

    static void writeTensors(Path file, Map<String, NDArray> arrays) throws IOException {
        NDList list = new NDList();
        arrays.forEach((name, array) -> {
            array.setName(name);
            list.add(array);
        });
        try (OutputStream stream = Files.newOutputStream(file)) {
            list.encode(stream, NDList.Encoding.SAFETENSORS);
        }
    }

    static Map<String, NDArray> readTensors(Path file, NDManager manager) throws IOException {
        Map<String, NDArray> out = new HashMap<>();
        try (InputStream stream = Files.newInputStream(file)) {
            for (NDArray array : NDList.decode(manager, stream)) {
                out.put(array.getName(), array);
            }
        }
        return out;
    }

    /**
     * Starts {@code out} from a finished phase of another run ({@code state-after-<phase>}), so that a later phase can
     * run with other settings (the ablation, or a longer stage 2) without repeating the phases before it. The recipe
     * must agree with the one recorded there on everything those phases used; where reference tokens sit in the DiT's
     * context only matters from stage 2 on, the first phase with reference images.
     */
    public static void branch(Path phaseState, Path out, Recipe recipe) throws IOException {
        RunState after = JSON.readValue(phaseState.resolve(STATE_FILE).toFile(), RunState.class);
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
        copyDirectory(phaseState, target);
        // the weights are loaded with their own config.json on resume: it must be the new recipe's model
        JSON.writeValue(target.resolve("weights").resolve(CheckpointIo.CONFIG_FILE).toFile(), recipe.model());
        JSON.writeValue(target.resolve(STATE_FILE).toFile(), new RunState(after.phase(), after.step(),
                after.globalStep(), after.emaUpdates(), after.elapsedSeconds(), recipe));
    }

    private static UniWorldConfig withoutReferenceAlignment(UniWorldConfig c) {
        return c.withDit(c.dit().withAlignedReferences(false));
    }

    /**
     * Starts {@code out} at stage 1 with the pretrained VLM and SigLIP of another run ({@code state-after-siglip}) and a
     * freshly seeded rest: the encoders do not depend on the DiT's shape, so a DiT variant (another patch size) need not
     * repeat their pretraining.
     */
    public static void branchEncoders(Path siglipState, Path out, Recipe recipe) throws IOException {
        RunState after = JSON.readValue(siglipState.resolve(STATE_FILE).toFile(), RunState.class);
        if (after.phase() != 2 || !after.recipe().model().vlm().equals(recipe.model().vlm())
                || !after.recipe().model().siglip().equals(recipe.model().siglip())) {
            throw new IllegalArgumentException("cannot take encoders from " + siglipState);
        }
        try (UniWorldModel model = UniWorldModel.create(recipe.model(), recipe.seed(), Device.cpu(),
                EnumSet.allOf(Stage.class), SpecialTokens.WORD_LEVEL);
                NDManager scratch = model.manager().newSubManager()) {
            Map<String, NDArray> stored = readTensors(siglipState.resolve("weights").resolve("model.safetensors"),
                    scratch);
            model.parameters().forEach((name, p) -> {
                if (name.startsWith("vlm.") || name.startsWith("siglip.")) {
                    stored.get(name).copyTo(p.getArray());
                }
            });
            Path target = out.resolve("state");
            model.save(target.resolve("weights"));
            JSON.writeValue(target.resolve(STATE_FILE).toFile(), new RunState(2, 0, after.globalStep(), 0,
                    after.elapsedSeconds(), recipe));
        }
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        deleteRecursively(to);
        Files.createDirectories(to.toAbsolutePath().getParent());
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    // helpers for the phases ------------------------------------------------------------------------------------------

    /** The parameters whose path starts with {@code prefix}. */
    static Map<String, Parameter> withPrefix(Map<String, Parameter> all, String prefix) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        all.forEach((name, p) -> {
            if (name.startsWith(prefix)) {
                out.put(name, p);
            }
        });
        return out;
    }

    /** CHW images stacked into [N, 3, S, S]; null when there are none. */
    static NDArray images(NDManager manager, List<float[]> images, int side) {
        return images.isEmpty() ? null : HostTensor.images(images, side).toNDArray(manager);
    }
}
