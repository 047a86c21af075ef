package dev.uniworld.schemas.topics;

import org.apache.kafka.common.serialization.Serde;

/** A topic with the serdes of its keys and values: one typed handle used by producers, consumers and topologies. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
}
