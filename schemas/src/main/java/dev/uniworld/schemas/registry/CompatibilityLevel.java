package dev.uniworld.schemas.registry;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/** Schema Registry compatibility levels, with the check each one makes (Avro's own reader/writer rules). */
public enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    /** The registry's default, and this project's evolution rule: every added field has a default. */
    public static final CompatibilityLevel DEFAULT = BACKWARD;

    /**
     * Whether {@code candidate} may be registered after {@code existing} (oldest first).
     *
     * @return the incompatibilities found, empty when compatible
     */
    public List<String> problems(Schema candidate, List<Schema> existing) {
        if (this == NONE || existing.isEmpty()) {
            return List.of();
        }
        List<Schema> against = isTransitive() ? existing : List.of(existing.get(existing.size() - 1));
        return against.stream()
                .flatMap(old -> problemsAgainst(candidate, old).stream())
                .toList();
    }

    private List<String> problemsAgainst(Schema candidate, Schema old) {
        boolean backward = this == BACKWARD || this == BACKWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
        boolean forward = this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
        List<String> problems = new java.util.ArrayList<>();
        if (backward) {
            // New readers must read data written with the old schema.
            problems.addAll(describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old), "backward"));
        }
        if (forward) {
            // Old readers must read data written with the new schema.
            problems.addAll(describe(SchemaCompatibility.checkReaderWriterCompatibility(old, candidate), "forward"));
        }
        return problems;
    }

    private static List<String> describe(SchemaCompatibility.SchemaPairCompatibility result, String direction) {
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        return result.getResult().getIncompatibilities().stream()
                .map(i -> direction + ": " + i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                .toList();
    }

    private boolean isTransitive() {
        return name().endsWith("_TRANSITIVE");
    }

    /** Parses a level name case-insensitively, or throws with the accepted values. */
    public static CompatibilityLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Unknown compatibility level '" + text + "'; expected one of "
                    + java.util.Arrays.toString(values()));
        }
    }
}
