package dev.uniworld.training.cli;

import dev.uniworld.training.tasks.ShapesVocabulary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Writes every word ShapesWorld prompts and answers use, one per line: the input of a word-level tokenizer. */
@Command(name = "vocab", mixinStandardHelpOptions = true,
        description = "Print or write the ShapesWorld vocabulary, one word per line.")
final class VocabCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", description = "file to write (default: standard output)")
    private Path out;

    @Override
    public Integer call() throws Exception {
        String text = String.join("\n", ShapesVocabulary.words()) + "\n";
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            Files.writeString(out, text, StandardCharsets.UTF_8);
        }
        return 0;
    }
}
