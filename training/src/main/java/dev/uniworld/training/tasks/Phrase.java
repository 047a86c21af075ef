package dev.uniworld.training.tasks;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phrasings of every prompt, several per operation. Placeholders in braces are filled by the task generators;
 * their values come from the enums' words and {@link ReferringExpressions}, so the vocabulary stays closed.
 */
public enum Phrase {
    COUNT_ALL("how many shapes are there?", "how many objects are in the image?", "count the shapes."),
    COUNT_KIND("how many {kinds} are there?", "count the {kinds} in the image.", "how many {kinds} can you see?"),
    COUNT_COLOUR("how many {colour} shapes are there?", "count the {colour} objects.",
            "how many {colour} objects are in the image?"),
    COLOUR_OF("what colour is {ref}?", "which colour does {ref} have?", "tell me the colour of {ref}."),
    SHAPE_OF("what shape is {ref}?", "which shape is {ref}?", "name the shape of {ref}."),
    POSITION_OF("where is {ref}?", "in which cell is {ref}?", "what is the position of {ref}?"),
    EXISTENCE("is there {object}?", "does the image contain {object}?", "can you see {object}?"),
    RELATION_YES_NO("is {ref} {relation} {ref2}?", "is it true that {ref} is {relation} {ref2}?"),
    RELATION_WHERE("where is {ref} relative to {ref2}?", "how is {ref} placed relative to {ref2}?"),
    RELATION_DEPTH("is {ref} in front of or behind {ref2}?", "is {ref} behind or in front of {ref2}?"),

    SINGLE_OBJECT("a {kind}.", "draw a {kind}.", "generate an image of a {kind}.",
            "show a {kind} on a plain background."),
    TWO_OBJECTS("a {kind} and a {kind2}.", "draw a {kind} and a {kind2}.", "an image with a {kind} and a {kind2}."),
    COUNTING("{count} {kinds}.", "draw {count} {kinds}.", "an image of {count} {kinds}."),
    COLOURS("a {colour} {kind}.", "draw a {colour} {kind}.", "generate a {colour} {kind}."),
    POSITION_RELATIVE("a {kind} {relation} a {kind2}.", "draw a {kind} {relation} a {kind2}."),
    POSITION_ABSOLUTE("a {kind} at the {cell}.", "draw a {kind} in the {cell}.", "put a {kind} at the {cell}."),
    COLOUR_ATTRIBUTION("a {colour} {kind} and a {colour2} {kind2}.", "draw a {colour} {kind} and a {colour2} {kind2}.",
            "an image with a {colour} {kind} and a {colour2} {kind2}."),

    ADD("add {object} at the {cell}", "put {object} in the {cell}", "place {object} at the {cell}"),
    REMOVE("remove {ref}", "delete {ref}", "take away {ref}"),
    REPLACE("replace {ref} with a {kind}", "turn {ref} into a {kind}", "change {ref} into a {kind}"),
    ADJUST_COLOUR("make {ref} {colour}", "change the colour of {ref} to {colour}", "paint {ref} {colour}"),
    ADJUST_SIZE("make {ref} {size}", "resize {ref} to {size}", "change the size of {ref} to {size}"),
    MOVE("move {ref} to the {cell}", "shift {ref} to the {cell}", "put {ref} at the {cell}"),
    EXTRACT("extract {ref}", "keep only {ref}", "show {ref} alone on the background"),
    BACKGROUND("change the background to {background}", "make the background {background}",
            "use a {background} background"),
    /** Joins edit clauses into one instruction. */
    INSTRUCTION("{edit}.", "please {edit}."),
    HYBRID("{edit} and {edit2}.", "{edit}, then {edit2}.", "first {edit}, then {edit2}."),

    EDGES("draw the edge map of the image.", "detect the edges.", "show the outlines of the shapes."),
    SEGMENTATION("segment {ref}.", "show the mask of {ref}.", "highlight {ref} in white on black."),
    DEPTH("estimate the depth map.", "show the depth of the shapes.", "predict which shapes are in front."),
    RECONSTRUCTION("reconstruct the image.", "repeat the image.", "copy the input image.");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    private final List<String> templates;

    Phrase(String... templates) {
        this.templates = List.of(templates);
    }

    public List<String> templates() {
        return templates;
    }

    /** A random phrasing with its placeholders filled; throws when a value is missing. */
    public String fill(Random rng, Map<String, String> values) {
        String template = templates.get(rng.nextInt(templates.size()));
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for {" + matcher.group(1) + "} in " + this);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The template with its placeholders removed: the literal words it contributes to the vocabulary. */
    static String literalText(String template) {
        return PLACEHOLDER.matcher(template).replaceAll(" ");
    }
}
