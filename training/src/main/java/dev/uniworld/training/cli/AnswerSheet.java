package dev.uniworld.training.cli;

import dev.uniworld.training.eval.ShapesWorldEvaluator.AnsweredQuestion;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code eval --answers}: one tab-separated row per understanding question, with all the model wrote. */
final class AnswerSheet implements AutoCloseable {

    static final List<String> COLUMNS = List.of("id", "category", "right", "question", "expected", "answer",
            "transcript");

    private final BufferedWriter out;

    private AnswerSheet(BufferedWriter out) {
        this.out = out;
    }

    /** Creates (or replaces) the file and writes the header row. */
    static AnswerSheet create(Path file) throws IOException {
        AnswerSheet sheet = new AnswerSheet(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        sheet.row(COLUMNS);
        return sheet;
    }

    void write(AnsweredQuestion answered) {
        row(List.of(answered.sample().id(), answered.sample().category().label(), answered.right() ? "1" : "0",
                answered.sample().prompt(), answered.sample().answer(), answered.reply().answer(),
                answered.reply().transcript()));
    }

    private void row(List<String> cells) {
        try {
            // ShapesWorld's words hold no tabs or line breaks; a model's output might, so they become spaces
            out.write(String.join("\t", cells.stream().map(c -> c.replaceAll("[\\t\\r\\n]", " ")).toList()));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
