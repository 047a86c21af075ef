package dev.uniworld.schemas.registry.embedded;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.uniworld.schemas.registry.CompatibilityLevel;

/**
 * The registry's contents, rebuilt from the {@code _schemas} log on start and updated by each appended entry.
 * Schema ids are global: the same schema text registered under two subjects gets one id. Not thread-safe; the
 * service serialises access.
 */
final class RegistryState {

    /** One version of a subject. */
    record Version(String subject, int version, int id, String schema) {
    }

    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, List<Version>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.DEFAULT;

    void apply(RegistryLogEntry entry) {
        if (entry instanceof RegistryLogEntry.SchemaEntry s) {
            schemasById.put(s.id(), s.schema());
            idsBySchema.putIfAbsent(s.schema(), s.id());
            List<Version> versions = subjects.computeIfAbsent(s.subject(), k -> new ArrayList<>());
            versions.removeIf(v -> v.version() == s.version());
            versions.add(new Version(s.subject(), s.version(), s.id(), s.schema()));
            versions.sort(java.util.Comparator.comparingInt(Version::version));
        } else if (entry instanceof RegistryLogEntry.ConfigEntry c) {
            if (c.subject() == null) {
                globalLevel = c.level();
            } else {
                subjectLevels.put(c.subject(), c.level());
            }
        }
    }

    Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    Optional<Integer> idOf(String canonicalSchema) {
        return Optional.ofNullable(idsBySchema.get(canonicalSchema));
    }

    int nextId() {
        return schemasById.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    }

    List<String> subjectNames() {
        return List.copyOf(subjects.keySet());
    }

    /** Versions of a subject, oldest first; empty when the subject is unknown. */
    List<Version> versions(String subject) {
        return List.copyOf(subjects.getOrDefault(subject, List.of()));
    }

    Optional<Version> find(String subject, String canonicalSchema) {
        return versions(subject).stream().filter(v -> v.schema().equals(canonicalSchema)).findFirst();
    }

    Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }
}
