package dev.uniworld.training.train;

import dev.uniworld.model.tokenizer.WordTokenizer;
import dev.uniworld.training.shapes.SceneObject;
import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.tasks.ShapesVocabulary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reconciles ShapesWorld's vocabulary with the model's word-level tokenizer: the tokenizer splits "top-left" into
 * "top", "-", "left", so the checkpoint vocabulary is ShapesWorld's word list split the same way. The trainer writes it
 * beside the weights ({@link WordTokenizer#CHECKPOINT_FILE}); {@link WordTokenizer#forCheckpoint} reads it back.
 */
public final class ShapesTokenizer {

    /** WordTokenizer's own token pattern. */
    private static final Pattern TOKEN = Pattern.compile("[a-z]+|[0-9]+|[^\\sa-z0-9]");

    private ShapesTokenizer() {
    }

    /** A tokenizer that knows every ShapesWorld word, in a stable order. */
    public static WordTokenizer create() {
        Set<String> vocabulary = new LinkedHashSet<>();
        for (String word : ShapesVocabulary.words()) {
            vocabulary.addAll(pieces(word));
        }
        return new WordTokenizer(new ArrayList<>(vocabulary));
    }

    /** The pieces a text splits into as the tokenizer reads it, spacing aside: "top-left." is [top, -, left, .]. */
    public static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            pieces.add(m.group());
        }
        return pieces;
    }

    /** A complete description of a scene in ShapesWorld words: "white background , large red circle top-left , ...". */
    public static String caption(Scene scene) {
        String objects = objects(scene.objects());
        return scene.background().word() + " background" + (objects.isEmpty() ? "" : " , " + objects);
    }

    /** Objects as the caption describes them, in the given order: "large red circle top-left , ..." ("" for none). */
    public static String objects(List<SceneObject> objects) {
        return String.join(" , ", objects.stream().map(o -> o.describe() + " " + o.cell().word()).toList());
    }
}
