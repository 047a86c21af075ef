package dev.uniworld.training.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where two recipes differ, field by field ("seed: 7 here, 8 asked"): what a user needs to resume a run with the
 * options it started with, rather than two whole recipes to compare by eye.
 */
final class RecipeDifferences {

    private RecipeDifferences() {
    }

    /** One entry per differing field, by dotted path ("model.vlm.describesFirst: false here, true asked"). */
    static List<String> between(Recipe started, Recipe asked) {
        return differences(started, asked);
    }

    /** The differences on one line, for a refusal: "seed: 7 here, 8 asked; ..." ("none" for equal recipes). */
    static String summary(Recipe started, Recipe asked) {
        return joined(between(started, asked));
    }

    /**
     * As {@link #summary(Recipe, Recipe)} for what some phases used of two recipes: only the fields those phases
     * read, so that a branch's refusal names no field it may change.
     */
    static String summary(UsedRecipe started, UsedRecipe asked) {
        return joined(differences(started, asked));
    }

    /** Both as JSON, compared field by field. */
    private static List<String> differences(Object started, Object asked) {
        List<String> out = new ArrayList<>();
        collect("", RunFiles.JSON.valueToTree(started), RunFiles.JSON.valueToTree(asked), out);
        return out;
    }

    private static String joined(List<String> differences) {
        return differences.isEmpty() ? "none" : String.join("; ", differences);
    }

    private static void collect(String path, JsonNode started, JsonNode asked, List<String> out) {
        if (started != null && asked != null && started.isObject() && asked.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            started.fieldNames().forEachRemaining(names::add);
            for (Iterator<String> it = asked.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            for (String name : names) {
                collect(path.isEmpty() ? name : path + "." + name, started.get(name), asked.get(name), out);
            }
        } else if (started == null || !started.equals(asked)) {
            out.add(path + ": " + started + " here, " + asked + " asked");
        }
    }
}
