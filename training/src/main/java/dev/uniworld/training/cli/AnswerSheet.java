package dev.uniworld.training.cli;

import dev.uniworld.model.tokenizer.DescribedAnswers;
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
 * {@code eval --answer-sheet}: one tab-separated row per understanding question, with all the model wrote and, for a
 * model that writes a description before its answer, whether that description is the scene's caption word for word.
 * The count separates answers that fail because the model saw the scene wrong from those it read wrong from its own
 * right description.
 */
final class AnswerSheet implements AutoCloseable {

    static final List<String> COLUMNS = List.of("id", "category", "right", "described", "question", "expected",
            "answer", "transcript");

    private final BufferedWriter out;
    private int descriptions;
    private int rightDescriptions;
    private int wrongAfterRightDescription;

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
        // a model that answers directly has no description to judge
        boolean describes = answered.reply().describes();
        boolean describedRight = describes && describesRight(transcript, answered.sample().inputScenes());
        descriptions += describes ? 1 : 0;
        rightDescriptions += describedRight ? 1 : 0;
        wrongAfterRightDescription += describedRight && !answered.right() ? 1 : 0;
        row(List.of(answered.sample().id(), answered.sample().category().label(), answered.right() ? "1" : "0",
                describes ? (describedRight ? "1" : "0") : "", answered.sample().prompt(), answered.sample().answer(),
                answered.reply().answer(), transcript));
    }

    /**
     * Whether the transcript opens with the caption of the question's (single) scene and its full stop, piece for
     * piece: the decoded transcript spaces punctuation differently from the caption ("background, large" against
     * "background , large"). The full stop keeps a caption that only begins a longer description from counting.
     */
    static boolean describesRight(String transcript, List<Scene> scenes) {
        if (scenes.size() != 1) {
            return false;
        }
        List<String> expected = ShapesTokenizer.pieces(ShapesTokenizer.caption(scenes.get(0)) + " "
                + DescribedAnswers.SEPARATOR);
        List<String> written = ShapesTokenizer.pieces(transcript);
        return written.size() >= expected.size() && written.subList(0, expected.size()).equals(expected);
    }

    /**
     * A line for the console, e.g. "descriptions: 287 of 300 match the scene's caption; answers wrong after a right
     * description: 20"; empty when the model writes no descriptions.
     */
    String summary() {
        return descriptions == 0 ? ""
                : ("descriptions: %d of %d match the scene's caption; "
                        + "answers wrong after a right description: %d").formatted(rightDescriptions, descriptions,
                        wrongAfterRightDescription);
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
