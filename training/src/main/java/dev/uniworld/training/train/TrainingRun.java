package dev.uniworld.training.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.tokenizer.WordTokenizer;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.tasks.TaskConfig;
import dev.uniworld.training.tasks.TaskGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link Recipe} into an output directory: the phases in order, a resumable checkpoint every few hundred steps
 * (weights, EMA, extra phase weights, Adam's moments, step counters), a loss CSV
 * and plot, and finally the EMA checkpoint in {@code model/}. Run it again on the same directory to resume.
 *
 * <p>Layout of the output directory: {@code state/} (resume point), {@code model/} (EMA weights, config.json,
 * vocabulary.txt, recipe.json: what ships), {@code model-latest/} (the same, refreshed at every checkpoint of the
 * diffusion stages), {@code loss.csv}, {@code loss.png}.
 */
public final class TrainingRun {

    private final Recipe recipe;
    private final Path out;
    private final PrintStream console;
    private final WordTokenizer tokenizer = ShapesTokenizer.create();
    private final Progress progress;
    private final RunCheckpoints checkpoints;
    private long interruptAt = Long.MAX_VALUE;
    private long freshProcessAfterNanos = Long.MAX_VALUE;
    private Device device = Device.cpu();

    public TrainingRun(Recipe recipe, Path out, PrintStream console) {
        this.recipe = recipe;
        this.out = out;
        this.console = console;
        this.progress = new Progress(console);
        this.checkpoints = new RunCheckpoints(out, tokenizer, recipe);
    }

    /** Trains on {@code device} (the CPU unless set; see {@link TrainingDevice}). */
    public TrainingRun onDevice(Device device) {
        this.device = device;
        return this;
    }

    /** Stops the run once this many global steps are done, as an interruption would (tests of resuming). */
    TrainingRun interruptAt(long globalSteps) {
        this.interruptAt = globalSteps;
        return this;
    }

    /**
     * Stops at the first resume point written after {@code after} of training in this process, so that the run goes on
     * in a fresh process ({@code ./uniworld train} starts one): a trainer slows down as its process ages, and a fresh
     * one resumed from the same state runs at the first one's early rate (training/README.md, "Fresh processes"). The
     * run's last step is never a stop: it exports the checkpoint.
     */
    public TrainingRun stopForAFreshProcessAfter(Duration after) {
        this.freshProcessAfterNanos = after.toNanos();
        return this;
    }

    /**
     * Trains (or resumes) to the end of the recipe; returns the directory of the shipped EMA checkpoint, or null when
     * the run was stopped on purpose (see {@link #interruptAt} and {@link #stopForAFreshProcessAfter}).
     */
    public Path run() throws IOException {
        Files.createDirectories(out);
        Path statePath = RunCheckpoints.settle(out);
        RunState state = statePath == null ? new RunState(0, 0, 0, 0, 0, recipe)
                : RunFiles.readState(statePath);
        if (statePath != null) {
            checkpoints.resumeUnder(statePath, state.recipe(), console);
            RunCheckpoints.keepPhaseEnd(out, statePath, state, recipe);
        }
        if (recipe.model().vlm().vocabSize() < tokenizer.vocabSize()) {
            throw new IllegalStateException("vocabulary of " + tokenizer.vocabSize() + " words exceeds the model's "
                    + recipe.model().vlm().vocabSize());
        }
        RunFiles.writeJsonWhole(out.resolve(RunCheckpoints.RECIPE_FILE), recipe);
        Engine.getInstance().setRandomSeed((int) recipe.seed());
        try (UniWorldModel model = statePath == null
                ? UniWorldModel.create(recipe.model(), recipe.seed(), device, EnumSet.allOf(Stage.class),
                        SpecialTokens.WORD_LEVEL)
                : UniWorldModel.load(statePath.resolve("weights"), device, EnumSet.allOf(Stage.class),
                        SpecialTokens.WORD_LEVEL)) {
            if (statePath == null) {
                model.network().vlm().forkAnswerLayers(); // copies from the start, even of a VLM phase of 0 steps
            }
            if (statePath != null && !model.config().equals(recipe.model())) {
                throw new IllegalArgumentException("the weights in " + statePath + " are of another model: "
                        + model.config() + "; the recipe trains " + recipe.model()
                        + "; use a new --out or the options the run started with");
            }
            if (statePath != null) {
                console.printf("resuming %s at phase %d step %d (%.0f s trained so far)%n", out, state.phase(),
                        state.step(), state.elapsedSeconds());
            }
            console.printf("training on %s%n", device);
            return train(model, state, statePath);
        }
    }

    private Path train(UniWorldModel model, RunState start, Path statePath) throws IOException {
        TrainingData data = new TrainingData(new TaskGenerator(new TaskConfig(new RenderConfig(
                recipe.model().imageSize()), Set.of())), tokenizer, recipe);
        List<Phase> phases = Phase.ofRecipe(model, data, recipe);
        long runSteps = phases.stream().mapToLong(Phase::steps).sum(); // the global step at which the run ends
        LossLog log = new LossLog(out.resolve("loss.csv"), start.globalStep());
        LearningRateSchedule schedule = recipe.schedule();
        long globalStep = start.globalStep();
        double elapsedBefore = start.elapsedSeconds();
        long sessionStart = System.nanoTime();
        Ema ema = null;
        if (start.emaUpdates() > 0) {
            ema = new Ema(model.manager(), DiffusionPhase.emaTracked(model), Recipe.EMA_MAX_DECAY);
            try (NDManager scratch = model.manager().newSubManager()) {
                ema.restore(RunFiles.readTensors(statePath.resolve(RunFiles.EMA_FILE), scratch), start.emaUpdates());
            }
        }
        try {
            for (int p = start.phase(); p < phases.size(); p++) {
                Phase phase = phases.get(p);
                int first = p == start.phase() ? start.step() : 0;
                if (phase instanceof DiffusionPhase && ema == null) {
                    ema = new Ema(model.manager(), DiffusionPhase.emaTracked(model), Recipe.EMA_MAX_DECAY);
                }
                Map<String, Parameter> trainable = phase.trainable();
                freezeAllBut(model, trainable);
                float[] lr = {0f};
                try (ResumableAdam adam = new ResumableAdam(n -> lr[0], 1f, phase.weightDecay())) {
                    if (statePath != null && p == start.phase() && first > 0) {
                        if (!RunCheckpoints.restoreExtra(statePath, phase, model.manager())) {
                            console.printf("%s holds no saved values for some of %s's training-only weights: they "
                                    + "start from their seeded values%n", statePath, phase.name());
                        }
                        if (!RunCheckpoints.restoreOptimizer(statePath, adam, trainable, model.manager())) {
                            console.printf("%s holds no optimizer state for every trained weight: Adam's moments "
                                    + "restart%n", statePath);
                        }
                    }
                    progress.startPhase(phase.name(), first, phase.steps());
                    for (int step = first; step < phase.steps(); step++) {
                        lr[0] = schedule.rate(phase.peakLr(), step, phase.steps());
                        double loss = step(model, phase, trainable, adam, step);
                        if (!Double.isFinite(loss)) {
                            throw new TrainingDivergedException(phase.name() + " step " + step + ": the loss is "
                                    + loss + "; the run's last resume point is kept, and a rerun would repeat the same "
                                    + "batches, so start a new --out with other options");
                        }
                        // the average covers the diffusion stages' weights: a later phase (the answer layers') leaves
                        // them as they are, so updating it there would pull it towards the raw weights
                        if (ema != null && phase instanceof DiffusionPhase) {
                            ema.update();
                        }
                        globalStep++;
                        double elapsed = elapsedBefore + (System.nanoTime() - sessionStart) / 1e9;
                        log.add(new LossLog.Row(globalStep - 1, phase.name(), step, loss, lr[0], elapsed));
                        progress.step(step, loss, elapsed);
                        boolean last = step + 1 == phase.steps();
                        boolean resumePoint = (step + 1) % recipe.checkpointEvery() == 0 || last;
                        if (resumePoint) {
                            long emaUpdates = ema == null ? 0 : ema.updates();
                            checkpoints.atResumePoint(model, phase, ema, adam, log, last, last
                                    ? new RunState(p + 1, 0, globalStep, emaUpdates, elapsed, recipe)
                                    : new RunState(p, step + 1, globalStep, emaUpdates, elapsed, recipe));
                        }
                        if (globalStep >= interruptAt) {
                            return null;
                        }
                        // the run's last step is never a stop: it exports the checkpoint
                        if (resumePoint && globalStep < runSteps
                                && System.nanoTime() - sessionStart >= freshProcessAfterNanos) {
                            progress.endPhase();
                            console.printf(Locale.ROOT, "stopped at the resume point after %s step %d, %.1f min of "
                                    + "training into this process, to go on in a fresh one%n", phase.name(), step + 1,
                                    (System.nanoTime() - sessionStart) / 6e10);
                            return null;
                        }
                    }
                    progress.endPhase();
                }
            }
            // the shipped weights are the EMA copy
            Path shipped = out.resolve("model");
            if (ema != null) {
                checkpoints.exportEma(model, ema, shipped);
            } else {
                checkpoints.exportRaw(model, shipped);
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
    private static double step(UniWorldModel model, Phase phase, Map<String, Parameter> trainable, ResumableAdam adam,
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

    /** Whether {@code out} already holds a run, which the same command resumes. */
    public static boolean started(Path out) {
        return RunCheckpoints.resumePoint(out) != null;
    }
}
