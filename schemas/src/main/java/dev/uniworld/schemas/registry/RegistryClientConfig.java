package dev.uniworld.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach a Schema Registry, read from the same property names Confluent's client uses, so existing
 * configuration files work unchanged.
 *
 * @param urls           {@code schema.registry.url}: one or more base URLs, comma separated; tried in order when one
 *                       cannot be reached (required)
 * @param userInfo       {@code basic.auth.user.info} ({@code user:password}) when
 *                       {@code basic.auth.credentials.source=USER_INFO}, or the user info of the URL when it is
 *                       {@code URL} (default: none)
 * @param tls            {@code schema.registry.ssl.*} trust and key stores (default: the JVM's trust store)
 * @param connectTimeout {@code http.connect.timeout.ms} (default 10 s)
 * @param requestTimeout {@code http.read.timeout.ms} (default 30 s)
 */
public record RegistryClientConfig(List<URI> urls, Optional<String> userInfo, Optional<TlsSettings> tls,
                                   Duration connectTimeout, Duration requestTimeout) {

    public static final String URL = "schema.registry.url";
    public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String USER_INFO = "basic.auth.user.info";
    public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";

    public RegistryClientConfig {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("'" + URL + "' is required: the base URL of the Schema Registry");
        }
        urls = List.copyOf(urls);
    }

    /** A plain-HTTP config for one URL with default timeouts. */
    public static RegistryClientConfig of(String url) {
        return fromMap(Map.of(URL, url));
    }

    /** Reads the Confluent property names from a Kafka-style configuration map. */
    public static RegistryClientConfig fromMap(Map<String, ?> props) {
        Object rawUrl = props.get(URL);
        if (rawUrl == null || rawUrl.toString().isBlank()) {
            throw new IllegalArgumentException("'" + URL + "' is required: the base URL of the Schema Registry");
        }
        List<URI> urls = Arrays.stream(rawUrl.toString().split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(RegistryClientConfig::parseUrl).toList();
        String source = string(props, CREDENTIALS_SOURCE).orElse("USER_INFO");
        Optional<String> userInfo = switch (source.toUpperCase(java.util.Locale.ROOT)) {
            case "USER_INFO" -> string(props, USER_INFO);
            case "URL" -> Optional.ofNullable(urls.get(0).getUserInfo());
            default -> throw new IllegalArgumentException("'" + CREDENTIALS_SOURCE + "' must be USER_INFO or URL, was "
                    + source);
        };
        return new RegistryClientConfig(urls, userInfo, TlsSettings.fromMap(props),
                Duration.ofMillis(longValue(props, CONNECT_TIMEOUT_MS, 10_000)),
                Duration.ofMillis(longValue(props, READ_TIMEOUT_MS, 30_000)));
    }

    private static URI parseUrl(String text) {
        URI uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("'" + URL + "' must be an http or https URL, was " + text);
        }
        return uri;
    }

    static Optional<String> string(Map<String, ?> props, String key) {
        Object value = props.get(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString());
    }

    private static long longValue(Map<String, ?> props, String key, long fallback) {
        return string(props, key).map(v -> {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + key + "' must be a number of milliseconds, was " + v);
            }
        }).orElse(fallback);
    }
}
