package dev.uniworld.training.cli;

import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.checkpoint.CheckpointIo;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.tokenizer.PromptBuilder;
import dev.uniworld.model.tokenizer.SpecialTokens;
import dev.uniworld.model.tokenizer.WordTokenizer;
import dev.uniworld.training.eval.ConditioningFigures;
import dev.uniworld.training.eval.ConditioningProbe;
import dev.uniworld.training.eval.WordStateProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints what a checkpoint's DiT reads from pure noise (the prompt, the noise seed, one patch; see ConditioningProbe)
 * and, per token, how far the two prompts' VLM states differ (WordStateProbe).
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Measure how far a checkpoint's clean-image prediction from pure noise follows the prompt, the "
                + "noise seed and one patch of the input, and where the two prompts' VLM states differ.")
final class ProbeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", defaultValue = "models/uniworld-tiny",
            description = "checkpoint directory (default: ${DEFAULT-VALUE}, the shipped UniWorld-Tiny)")
    private Path model;

    @Option(names = "--prompt", defaultValue = "a red circle.",
            description = "the prompt the figures start from (default: ${DEFAULT-VALUE})")
    private String prompt;

    @Option(names = "--other", defaultValue = "a green circle.",
            description = "the prompt it is compared with (default: ${DEFAULT-VALUE})")
    private String other;

    @Option(names = "--seed", defaultValue = "5", description = "noise seed of the input (default: ${DEFAULT-VALUE})")
    private long seed;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(model.resolve(CheckpointIo.CONFIG_FILE))) {
            throw new IllegalArgumentException("--model: no checkpoint at " + model + " (it lacks "
                    + CheckpointIo.CONFIG_FILE + ")");
        }
        EnumSet<Stage> stages = EnumSet.of(Stage.VLM, Stage.FUSION, Stage.DIT);
        try (UniWorldModel loaded = UniWorldModel.load(model, ai.djl.Device.cpu(), stages, SpecialTokens.WORD_LEVEL)) {
            WordTokenizer tokenizer = WordTokenizer.forCheckpoint(model);
            PromptBuilder prompts = new PromptBuilder(tokenizer, loaded.config().vlm().tokensPerImage());
            ConditioningFigures figures = new ConditioningProbe(loaded, prompts).measure(prompt, other, seed);
            spec.commandLine().getOut().println("checkpoint " + model);
            spec.commandLine().getOut().println(figures.format());
            spec.commandLine().getOut().println(new WordStateProbe(loaded, prompts, tokenizer).measure(prompt, other)
                    .format());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
