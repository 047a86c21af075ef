package dev.uniworld.training.tasks;

import dev.uniworld.training.shapes.Background;
import dev.uniworld.training.shapes.Cell;
import dev.uniworld.training.shapes.Relation;
import dev.uniworld.training.shapes.ShapeColour;
import dev.uniworld.training.shapes.ShapeKind;
import dev.uniworld.training.shapes.ShapeSize;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Every word ShapesWorld prompts and answers can contain, so that a word-level tokenizer can be built from it. The
 * list is derived from the phrasings and the enums, never typed by hand; {@code vocabulary.txt} in the resources is the
 * same list for readers outside the JVM, checked by a test.
 */
public final class ShapesVocabulary {

    /** Classpath location of the word list, one word per line, sorted. */
    public static final String RESOURCE = "/shapesworld/vocabulary.txt";
    /** Punctuation marks that are tokens of their own. */
    private static final String PUNCTUATION = "?.,";

    private ShapesVocabulary() {
    }

    /** All words, sorted. */
    public static List<String> words() {
        TreeSet<String> words = new TreeSet<>();
        for (Phrase phrase : Phrase.values()) {
            for (String template : phrase.templates()) {
                words.addAll(tokenize(Phrase.literalText(template)));
            }
        }
        for (ShapeKind kind : ShapeKind.values()) {
            words.add(kind.word());
            words.add(kind.plural());
        }
        Arrays.stream(ShapeColour.values()).map(ShapeColour::word).forEach(words::add);
        Arrays.stream(ShapeSize.values()).map(ShapeSize::word).forEach(words::add);
        Arrays.stream(Cell.values()).map(Cell::word).forEach(words::add);
        Arrays.stream(Background.values()).map(Background::word).forEach(words::add);
        for (Relation relation : Relation.values()) {
            words.addAll(tokenize(relation.phrase()));
            words.add(relation.answerWord());
        }
        words.addAll(NumberWords.WORDS);
        words.addAll(ReferringExpressions.FIXED_WORDS);
        words.addAll(Answers.YES_NO);
        for (char mark : PUNCTUATION.toCharArray()) {
            words.add(String.valueOf(mark));
        }
        return List.copyOf(words);
    }

    /** Lower-cases, splits on white space and makes each punctuation mark a token of its own. */
    public static List<String> tokenize(String text) {
        StringBuilder spaced = new StringBuilder();
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            if (PUNCTUATION.indexOf(c) >= 0) {
                spaced.append(' ').append(c).append(' ');
            } else {
                spaced.append(c);
            }
        }
        List<String> tokens = new ArrayList<>();
        for (String token : spaced.toString().trim().split("\\s+")) {
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }
}
