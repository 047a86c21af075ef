package dev.uniworld.schemas.serde;

import java.util.Map;

/**
 * Serializer behaviour, read from Confluent's property names.
 *
 * @param autoRegister {@code auto.register.schemas}: register the record's schema when it is new (default true);
 *                     when false the schema must already be registered under the subject (production registries
 *                     often forbid writes from clients)
 */
public record SerdeSettings(boolean autoRegister) {

    public static final String AUTO_REGISTER = "auto.register.schemas";

    public static SerdeSettings defaults() {
        return new SerdeSettings(true);
    }

    public static SerdeSettings fromMap(Map<String, ?> props) {
        Object value = props.get(AUTO_REGISTER);
        return new SerdeSettings(value == null || Boolean.parseBoolean(value.toString().trim()));
    }

    /** TopicNameStrategy: the subject of a topic's values is {@code <topic>-value}, of its keys {@code <topic>-key}. */
    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
