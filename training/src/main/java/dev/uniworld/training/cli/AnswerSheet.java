package dev.uniworld.training.cli;

import dev.uniworld.training.eval.ShapesWorldEvaluator.AnsweredQuestion;
import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.train.ShapesTokenizer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code eval --answers}: one tab-separated row per understanding question, with all the model wrote and, for a model
 * that writes a description before its answer, whether that description is the scene's caption word for word. The
 * count separates answers that fail because the model saw the scene wrong from those it read wrong from its own right
 * description.
 */
final class AnswerSheet implements AutoCloseable {

    static final List<String> COLUMNS = List.of("id", "category", "right", "described", "question", "expected",
            "answer", "transcript");

    private final BufferedWriter out;
    private int questions;
    private int described;
    private int wrongAfterRightDescription;
    private boolean anyDescription;

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
        String transcript = answered.reply().transcript();
        // a model that answers directly writes nothing else, and has no description to judge
        boolean describes = !transcript.equals(answered.reply().answer());
        boolean describedRight = describes && describesRight(transcript, answered.sample().inputScenes());
        questions++;
        anyDescription |= describes;
        described += describedRight ? 1 : 0;
        wrongAfterRightDescription += describedRight && !answered.right() ? 1 : 0;
        row(List.of(answered.sample().id(), answered.sample().category().label(), answered.right() ? "1" : "0",
                describes ? (describedRight ? "1" : "0") : "", answered.sample().prompt(), answered.sample().answer(),
                answered.reply().answer(), transcript));
    }

    /** Whether the transcript opens with the caption of the question's (single) scene and its full stop. */
    static boolean describesRight(String transcript, List<Scene> scenes) {
        return scenes.size() == 1 && transcript.startsWith(ShapesTokenizer.caption(scenes.get(0)) + " .");
    }

    /**
     * A line for the console, e.g. "descriptions: 287 of 300 match the scene's caption; 20 answers wrong after a right
     * description"; empty when the model wrote no descriptions.
     */
    String summary() {
        return anyDescription ? "descriptions: %d of %d match the scene's caption; %d answers wrong after a right "
                .formatted(described, questions, wrongAfterRightDescription) + "description" : "";
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
