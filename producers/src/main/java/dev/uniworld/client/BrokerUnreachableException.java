package dev.uniworld.client;

/** No Kafka broker answered at the configured bootstrap servers. */
public final class BrokerUnreachableException extends RuntimeException {

    public BrokerUnreachableException(String bootstrapServers, Throwable cause) {
        super("cannot reach Kafka at " + bootstrapServers + " (" + (cause == null ? "no answer" : cause.getMessage())
                + "); is the stack running? Start one with ./uniworld local, or pass --bootstrap-servers", cause);
    }
}
