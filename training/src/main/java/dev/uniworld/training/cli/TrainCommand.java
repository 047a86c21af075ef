package dev.uniworld.training.cli;

import ai.djl.Device;
import dev.uniworld.training.train.CheckpointAnswers;
import dev.uniworld.training.train.CheckpointEncoders;
import dev.uniworld.training.train.Recipe;
import dev.uniworld.training.train.RunBranches;
import dev.uniworld.training.train.ShapesTokenizer;
import dev.uniworld.training.train.TrainingDevice;
import dev.uniworld.training.train.TrainingRun;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains UniWorld-Tiny with the UniWorld recipe; run it again with the same options to resume. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a UniWorld model on ShapesWorld (resumable: rerun with the same --out and options).")
final class TrainCommand implements Callable<Integer> {

    /**
     * Exit status of a run stopped at a resume point to go on in a fresh process ({@code --fresh-process-every}):
     * sysexits.h's EX_TEMPFAIL, "try again"; {@code ./uniworld train} runs the same command again on it.
     */
    static final int EXIT_GOES_ON_IN_A_FRESH_PROCESS = 75;

    @Option(names = "--out", required = true, description = "run directory: state, loss.csv, loss.png, model/")
    private Path out;

    @Mixin
    private ModelOptions model;

    @Mixin
    private RecipeOptions recipeOptions;

    @Option(names = "--device", defaultValue = TrainingDevice.AUTO, description = "where to train: auto (the first GPU "
            + "the engine sees, else the CPU), cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}); not part of the recipe, "
            + "so a run may resume on another device")
    private String device;

    @Option(names = "--fresh-process-every", paramLabel = "MINUTES", defaultValue = "10", description = "stop at the "
            + "first resume point after this many minutes of training and exit with status 75, for ./uniworld train to "
            + "resume the run in a fresh process, which trains faster than an aged one (training/README.md); 0: one "
            + "process to the end (default: ${DEFAULT-VALUE}); not part of the recipe")
    private double freshProcessEvery;

    @Option(names = "--branch-from", description = "start from a finished phase of another run "
            + "(its state-after-<phase> directory) instead of from scratch; or from a checkpoint the trainer exported "
            + "(a run's model/ or models/uniworld-tiny, with its recipe.json) whose recipe ran every phase before the "
            + "answer layers' as this one would: only the answer layers train (--answers)")
    private Path branchFrom;

    @Option(names = "--encoders-from", description = "start with the pretrained encoders of another run: "
            + "its state-after-siglip (VLM and SigLIP; goes on at stage 1) or state-after-vlm (the VLM; goes on with "
            + "SigLIP), e.g. for a DiT of another patch size; or of a checkpoint the trainer exported (a run's model/ "
            + "or models/uniworld-tiny, with its recipe.json; the seeds must agree): its VLM, and its SigLIP where the "
            + "recipe pretrains SigLIP alike. With --branch-from a stage-1 state: that run's SigLIP (a "
            + "state-after-siglip with the same VLM) replaces the branch's")
    private Path encodersFrom;

    @Override
    public Integer call() throws Exception {
        // the architecture first, since scaling and the step counts apply to its phases (a latent adds one)
        Recipe recipe = recipeOptions.applyTo(model.applyTo(Recipe.tiny()));
        if (!(freshProcessEvery >= 0) || Double.isInfinite(freshProcessEvery)) {
            throw new IllegalArgumentException("--fresh-process-every is minutes, 0 or more, not " + freshProcessEvery);
        }
        Device trainOn = TrainingDevice.resolve(device); // before a branch writes anything into --out
        // a run already started in --out resumes: the same command again must not start it over
        boolean started = TrainingRun.started(out);
        if (encodersFrom != null && !started) {
            CheckpointEncoders.requireEncoderSource(encodersFrom);
            if (branchFrom != null && CheckpointEncoders.isCheckpoint(encodersFrom)) {
                throw new IllegalArgumentException("--branch-from takes another SigLIP from a run's "
                        + "state-after-siglip, not from a checkpoint such as " + encodersFrom);
            }
        }
        if (branchFrom != null && !started && CheckpointEncoders.isCheckpoint(branchFrom)) {
            if (encodersFrom != null) {
                throw new IllegalArgumentException("--branch-from a checkpoint takes every weight from it: leave out "
                        + "--encoders-from");
            }
            CheckpointAnswers.branch(branchFrom, out, recipe, ShapesTokenizer.create());
        } else if (branchFrom != null && !started) {
            RunBranches.branch(branchFrom, encodersFrom, out, recipe);
        } else if (encodersFrom != null && !started && CheckpointEncoders.isCheckpoint(encodersFrom)) {
            CheckpointEncoders.branch(encodersFrom, out, recipe, ShapesTokenizer.create());
        } else if (encodersFrom != null && !started) {
            RunBranches.branchEncoders(encodersFrom, out, recipe);
        }
        PrintStream console = System.out;
        TrainingRun run = new TrainingRun(recipe, out, console).onDevice(trainOn);
        if (freshProcessEvery > 0) {
            run.stopForAFreshProcessAfter(minutes(freshProcessEvery));
        }
        return run.run() == null ? EXIT_GOES_ON_IN_A_FRESH_PROCESS : 0;
    }

    /** A count of minutes as a duration, to the nanosecond; beyond about 292 years, 292 years. */
    static Duration minutes(double minutes) {
        return Duration.ofNanos((long) (minutes * 60e9)); // the cast saturates at Long.MAX_VALUE
    }
}
