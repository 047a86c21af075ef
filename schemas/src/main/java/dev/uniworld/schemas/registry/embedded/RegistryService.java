package dev.uniworld.schemas.registry.embedded;

import static dev.uniworld.schemas.registry.SchemaRegistryException.INCOMPATIBLE_SCHEMA;
import static dev.uniworld.schemas.registry.SchemaRegistryException.INVALID_SCHEMA;
import static dev.uniworld.schemas.registry.SchemaRegistryException.INVALID_VERSION;
import static dev.uniworld.schemas.registry.SchemaRegistryException.SCHEMA_NOT_FOUND;
import static dev.uniworld.schemas.registry.SchemaRegistryException.SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED;
import static dev.uniworld.schemas.registry.SchemaRegistryException.SUBJECT_NOT_FOUND;
import static dev.uniworld.schemas.registry.SchemaRegistryException.VERSION_NOT_FOUND;

import java.util.List;

import dev.uniworld.schemas.registry.CompatibilityLevel;
import dev.uniworld.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;

/**
 * What the embedded registry does, independent of HTTP: register with compatibility checks, look up, configure.
 * Errors are {@link SchemaRegistryException}s carrying Confluent's HTTP status and error code. Calls are serialised:
 * a registration reads the state, appends to the log and applies, as one step.
 */
final class RegistryService {

    private final RegistryState state = new RegistryState();
    private final KafkaSchemaLog log;

    RegistryService(KafkaSchemaLog log) {
        this.log = log;
        log.replay(state::apply);
    }

    synchronized int register(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        String canonical = schema.toString();
        var existing = state.find(subject, canonical);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        List<Schema> history = state.versions(subject).stream().map(v -> parse(v.schema())).toList();
        List<String> problems = state.effectiveLevel(subject).problems(schema, history);
        if (!problems.isEmpty()) {
            throw new SchemaRegistryException(409, INCOMPATIBLE_SCHEMA, "Schema being registered is incompatible with"
                    + " an earlier schema for subject \"" + subject + "\" under " + state.effectiveLevel(subject)
                    + ": " + String.join("; ", problems));
        }
        int id = state.idOf(canonical).orElseGet(state::nextId);
        int version = state.versions(subject).stream().mapToInt(RegistryState.Version::version).max().orElse(0) + 1;
        commit(new RegistryLogEntry.SchemaEntry(subject, version, id, canonical));
        return id;
    }

    synchronized RegistryState.Version lookup(String subject, String schemaText) {
        String canonical = parse(schemaText).toString();
        requireSubject(subject);
        return state.find(subject, canonical).orElseThrow(() ->
                new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema not found under subject " + subject));
    }

    synchronized String schemaById(int id) {
        return state.schemaById(id).orElseThrow(() ->
                new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema " + id + " not found"));
    }

    synchronized List<String> subjects() {
        return state.subjectNames();
    }

    synchronized List<RegistryState.Version> versions(String subject) {
        requireSubject(subject);
        return state.versions(subject);
    }

    /** {@code version} is a positive number, {@code latest} or {@code -1}. */
    synchronized RegistryState.Version version(String subject, String version) {
        List<RegistryState.Version> versions = versions(subject);
        if ("latest".equals(version) || "-1".equals(version)) {
            return versions.get(versions.size() - 1);
        }
        int number = parseVersion(version);
        return versions.stream().filter(v -> v.version() == number).findFirst().orElseThrow(() ->
                new SchemaRegistryException(404, VERSION_NOT_FOUND, "Version " + version + " not found."));
    }

    synchronized List<String> compatibilityProblems(String subject, String version, String schemaText) {
        Schema candidate = parse(schemaText);
        RegistryState.Version against = version(subject, version);
        CompatibilityLevel level = state.effectiveLevel(subject);
        List<Schema> history = "latest".equals(version) || "-1".equals(version)
                ? state.versions(subject).stream().map(v -> parse(v.schema())).toList()
                : List.of(parse(against.schema()));
        return level.problems(candidate, history);
    }

    synchronized CompatibilityLevel globalLevel() {
        return state.globalLevel();
    }

    synchronized CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        return state.subjectLevel(subject).orElseGet(() -> {
            if (defaultToGlobal) {
                return state.globalLevel();
            }
            throw new SchemaRegistryException(404, SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED,
                    "Subject '" + subject + "' does not have subject-level compatibility configured");
        });
    }

    synchronized void setLevel(String subjectOrNull, CompatibilityLevel level) {
        commit(new RegistryLogEntry.ConfigEntry(subjectOrNull, level));
    }

    private void commit(RegistryLogEntry entry) {
        try {
            log.append(entry);
        } catch (IllegalStateException e) {
            throw new SchemaRegistryException(500, SchemaRegistryException.STORE_ERROR,
                    "Error in the backend data store: " + e.getMessage(), e);
        }
        state.apply(entry);
    }

    private void requireSubject(String subject) {
        if (state.versions(subject).isEmpty()) {
            throw new SchemaRegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
        }
    }

    private static int parseVersion(String version) {
        try {
            int number = Integer.parseInt(version);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw new SchemaRegistryException(422, INVALID_VERSION, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw new SchemaRegistryException(422, INVALID_SCHEMA, "Invalid schema: the 'schema' field is missing");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (RuntimeException e) {
            // Avro's parser reports some invalid schemas (an unknown type name) with a bare NullPointerException.
            String detail = e instanceof NullPointerException ? "unknown or unresolvable type" : e.getMessage();
            throw new SchemaRegistryException(422, INVALID_SCHEMA, "Invalid schema: " + detail, e);
        }
    }
}
