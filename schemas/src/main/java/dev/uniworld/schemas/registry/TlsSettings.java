package dev.uniworld.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trust and key stores for HTTPS registries ({@code schema.registry.ssl.*}, as in Confluent's client). A key store is
 * only needed for mutual TLS.
 */
public record TlsSettings(Optional<Path> trustStore, Optional<String> trustStorePassword, String trustStoreType,
                          Optional<Path> keyStore, Optional<String> keyStorePassword, String keyStoreType,
                          Optional<String> keyPassword) {

    public static final String PREFIX = "schema.registry.ssl.";

    static Optional<TlsSettings> fromMap(Map<String, ?> props) {
        Optional<Path> trust = RegistryClientConfig.string(props, PREFIX + "truststore.location").map(Path::of);
        Optional<Path> key = RegistryClientConfig.string(props, PREFIX + "keystore.location").map(Path::of);
        if (trust.isEmpty() && key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TlsSettings(trust,
                RegistryClientConfig.string(props, PREFIX + "truststore.password"),
                RegistryClientConfig.string(props, PREFIX + "truststore.type").orElse("PKCS12"),
                key,
                RegistryClientConfig.string(props, PREFIX + "keystore.password"),
                RegistryClientConfig.string(props, PREFIX + "keystore.type").orElse("PKCS12"),
                RegistryClientConfig.string(props, PREFIX + "key.password")));
    }

    /** Builds the SSL context, failing with the store that could not be read. */
    public SSLContext sslContext() {
        try {
            TrustManagerFactory tmf = null;
            if (trustStore.isPresent()) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(trustStore.get(), trustStoreType, trustStorePassword));
            }
            KeyManagerFactory kmf = null;
            if (keyStore.isPresent()) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                char[] pass = keyPassword.or(() -> keyStorePassword).map(String::toCharArray).orElse(new char[0]);
                kmf.init(load(keyStore.get(), keyStoreType, keyStorePassword), pass);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Could not set up TLS for the Schema Registry: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path path, String type, Optional<String> password)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password.map(String::toCharArray).orElse(null));
        }
        return store;
    }
}
