package dev.uniworld.training.cli;

import dev.uniworld.training.tasks.ShapesVocabulary;
import dev.uniworld.training.train.ShapesTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Writes every word ShapesWorld prompts and answers use, one per line; with {@code --tokens}, the vocabulary a
 * checkpoint reads instead: the same words split as the model's tokenizer splits them ("top-left" is "top", "-",
 * "left"), in the ids' order, as the trainer writes it beside its weights.
 */
@Command(name = "vocab", mixinStandardHelpOptions = true,
        description = "Print or write the ShapesWorld vocabulary, one word per line.")
final class VocabCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", description = "file to write (default: standard output)")
    private Path out;

    @Option(names = "--tokens", description = "the checkpoint vocabulary (vocabulary.txt beside a model's weights): "
            + "words split into the tokenizer's pieces, one per line, in the order of their ids")
    private boolean tokens;

    @Override
    public Integer call() throws Exception {
        String text = tokens ? ShapesTokenizer.create().checkpointText()
                : String.join("\n", ShapesVocabulary.words()) + "\n";
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            Files.writeString(out, text, StandardCharsets.UTF_8);
        }
        return 0;
    }
}
