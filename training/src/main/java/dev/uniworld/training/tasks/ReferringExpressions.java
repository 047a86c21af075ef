package dev.uniworld.training.tasks;

import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.shapes.SceneObject;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Names one shape of a scene unambiguously with as few words as possible: "the red circle", "the large circle", "the
 * circle at the top-left", "the purple shape". A question may forbid the attribute it asks about (what colour is the
 * red circle? is no question).
 */
public final class ReferringExpressions {

    /** Words a description adds beyond the attribute words. */
    public static final List<String> FIXED_WORDS = List.of("the", "shape", "at");

    /** What a description can mention. */
    public enum Attribute { SIZE, COLOUR, KIND, CELL }

    /** Tried in order; the first that picks out exactly one shape wins. Colour and kind first: how people refer. */
    private static final List<Set<Attribute>> PREFERENCE = List.of(
            EnumSet.of(Attribute.COLOUR, Attribute.KIND),
            EnumSet.of(Attribute.KIND),
            EnumSet.of(Attribute.COLOUR),
            EnumSet.of(Attribute.SIZE, Attribute.KIND),
            EnumSet.of(Attribute.SIZE, Attribute.COLOUR),
            EnumSet.of(Attribute.SIZE, Attribute.COLOUR, Attribute.KIND),
            EnumSet.of(Attribute.KIND, Attribute.CELL),
            EnumSet.of(Attribute.COLOUR, Attribute.CELL),
            EnumSet.of(Attribute.COLOUR, Attribute.KIND, Attribute.CELL),
            EnumSet.of(Attribute.SIZE, Attribute.CELL),
            EnumSet.of(Attribute.SIZE, Attribute.KIND, Attribute.CELL),
            EnumSet.of(Attribute.SIZE, Attribute.COLOUR, Attribute.KIND, Attribute.CELL));

    private ReferringExpressions() {
    }

    /** A description of {@code target} that fits no other shape of {@code scene}, if one exists. */
    public static Optional<String> describe(Scene scene, SceneObject target) {
        return describe(scene, target, null);
    }

    /** As {@link #describe(Scene, SceneObject)}, never mentioning {@code forbidden} (null: anything goes). */
    public static Optional<String> describe(Scene scene, SceneObject target, Attribute forbidden) {
        for (Set<Attribute> attributes : PREFERENCE) {
            if (forbidden != null && attributes.contains(forbidden)) {
                continue;
            }
            long matching = scene.count(other -> sameOn(attributes, target, other));
            if (matching == 1) {
                return Optional.of(text(target, attributes));
            }
        }
        return Optional.empty();
    }

    private static boolean sameOn(Set<Attribute> attributes, SceneObject a, SceneObject b) {
        return (!attributes.contains(Attribute.SIZE) || a.size() == b.size())
                && (!attributes.contains(Attribute.COLOUR) || a.colour() == b.colour())
                && (!attributes.contains(Attribute.KIND) || a.kind() == b.kind())
                && (!attributes.contains(Attribute.CELL) || a.cell() == b.cell());
    }

    private static String text(SceneObject target, Set<Attribute> attributes) {
        StringBuilder text = new StringBuilder("the");
        if (attributes.contains(Attribute.SIZE)) {
            text.append(' ').append(target.size().word());
        }
        if (attributes.contains(Attribute.COLOUR)) {
            text.append(' ').append(target.colour().word());
        }
        text.append(' ').append(attributes.contains(Attribute.KIND) ? target.kind().word() : "shape");
        if (attributes.contains(Attribute.CELL)) {
            text.append(" at the ").append(target.cell().word());
        }
        return text.toString();
    }
}
