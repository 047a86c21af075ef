package dev.uniworld.schemas.registry.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.uniworld.schemas.registry.CompatibilityLevel;

/**
 * One record of the {@code _schemas} topic. Keys and values are JSON shaped like Confluent's own store
 * ({@code {"keytype":"SCHEMA","subject":...,"version":...,"magic":1}}), so that compaction keeps the latest record per
 * subject version or per config scope.
 */
sealed interface RegistryLogEntry {

    String key(ObjectMapper json);

    String value(ObjectMapper json);

    /** A registered schema version. */
    record SchemaEntry(String subject, int version, int id, String schema) implements RegistryLogEntry {
        @Override
        public String key(ObjectMapper json) {
            return json.createObjectNode().put("keytype", "SCHEMA").put("subject", subject).put("version", version)
                    .put("magic", 1).toString();
        }

        @Override
        public String value(ObjectMapper json) {
            return json.createObjectNode().put("subject", subject).put("version", version).put("id", id)
                    .put("schema", schema).put("deleted", false).toString();
        }
    }

    /** A compatibility level, for one subject or (subject null) the whole registry. */
    record ConfigEntry(String subject, CompatibilityLevel level) implements RegistryLogEntry {
        @Override
        public String key(ObjectMapper json) {
            ObjectNode key = json.createObjectNode().put("keytype", "CONFIG").put("magic", 0);
            if (subject == null) {
                key.putNull("subject");
            } else {
                key.put("subject", subject);
            }
            return key.toString();
        }

        @Override
        public String value(ObjectMapper json) {
            return json.createObjectNode().put("compatibilityLevel", level.name()).toString();
        }
    }

    /** Reads a record back; records of kinds this registry does not keep (e.g. NOOP, DELETE_SUBJECT) give null. */
    static RegistryLogEntry parse(ObjectMapper json, String key, String value) throws java.io.IOException {
        if (key == null || value == null) {
            return null;
        }
        JsonNode k = json.readTree(key);
        JsonNode v = json.readTree(value);
        return switch (k.path("keytype").asText()) {
            case "SCHEMA" -> v.path("deleted").asBoolean(false) ? null : new SchemaEntry(v.path("subject").asText(),
                    v.path("version").asInt(), v.path("id").asInt(), v.path("schema").asText());
            case "CONFIG" -> new ConfigEntry(k.path("subject").isNull() || k.path("subject").isMissingNode() ? null
                    : k.path("subject").asText(), CompatibilityLevel.parse(v.path("compatibilityLevel").asText()));
            default -> null;
        };
    }
}
