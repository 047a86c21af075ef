package dev.uniworld.testkit;

import java.util.Optional;

import org.testcontainers.DockerClientFactory;

/** Where a {@link TestCluster} comes from. */
public enum Backend {
    /** The in-JVM KRaft broker and the embedded registry: always available. */
    EMBEDDED,
    /** Apache Kafka and Confluent Schema Registry images through Testcontainers: needs a Docker engine. */
    CONTAINERS;

    /** Why this backend cannot run here, or empty when it can. */
    public Optional<String> unavailableReason() {
        if (this == EMBEDDED) {
            return Optional.empty();
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? Optional.empty()
                    : Optional.of("no Docker engine found, so the Testcontainers backend (Apache Kafka + Confluent"
                    + " Schema Registry images) is skipped; the embedded backend runs the same tests");
        } catch (RuntimeException e) {
            return Optional.of("Docker check failed (" + e.getMessage() + "); Testcontainers backend skipped");
        }
    }
}
