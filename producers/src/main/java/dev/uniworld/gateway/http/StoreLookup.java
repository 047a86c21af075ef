package dev.uniworld.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.uniworld.gateway.state.BatchProgress;
import dev.uniworld.gateway.state.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Interactive queries against the gateway's stores, telling which instance owns a key. */
public final class StoreLookup {

    /**
     * An HTTP answer, or (ownerUrl set) where to ask instead.
     *
     * @param ownerUrl base URL of the instance that owns the key, when it is not this one
     * @param servedBy {@code host:port} of the instance whose store answered, when one did
     */
    public record Answer(int status, String json, String ownerUrl, String servedBy) {
        static Answer error(int status, String message) {
            ObjectNode body = JsonSerde.mapper().createObjectNode().put("error", message);
            return new Answer(status, body.toString(), null, null);
        }
    }

    private final KafkaStreams streams;
    private final HostInfo self;
    private final String requestStore;
    private final String batchStore;

    public StoreLookup(KafkaStreams streams, HostInfo self, String requestStore, String batchStore) {
        this.streams = streams;
        this.self = self;
        this.requestStore = requestStore;
        this.batchStore = batchStore;
    }

    Answer request(String id) {
        return lookUp(requestStore, id, "request", value -> JsonSerde.mapper().writeValueAsString(value));
    }

    Answer batch(String id) {
        return lookUp(batchStore, id, "batch", value -> {
            BatchProgress progress = (BatchProgress) value;
            return JsonSerde.mapper().createObjectNode().put("batchId", progress.batchId())
                    .put("total", progress.total()).put("succeeded", progress.succeeded())
                    .put("failed", progress.failed()).put("state", progress.state())
                    .put("updatedAt", progress.updatedAt()).toString();
        });
    }

    private interface Render {
        String json(Object value) throws JsonProcessingException;
    }

    private Answer lookUp(String store, String id, String what, Render render) {
        try {
            return lookUpWhileRunning(store, id, what, render);
        } catch (IllegalStateException e) {
            if (streams.state().isRunningOrRebalancing()) {
                throw e; // not the race below: a fault, for the logged 500
            }
            // the application left RUNNING or REBALANCING between the check and the query
            return notRunning();
        }
    }

    private Answer notRunning() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.CREATED || state.isRunningOrRebalancing()
                ? Answer.error(503, "the gateway is " + state + "; retry shortly")
                : Answer.error(503, "the gateway has stopped (" + state + "); its log says why");
    }

    private Answer lookUpWhileRunning(String store, String id, String what, Render render) {
        // while rebalancing, the stores of tasks that did not move still answer; those that did throw below
        if (!streams.state().isRunningOrRebalancing()) {
            return notRunning();
        }
        KeyQueryMetadata owner = streams.queryMetadataForKey(store, id, Serdes.String().serializer());
        // no instance may own the key's partition for a moment during a rebalance: an unavailable host, port -1
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE) || owner.activeHost().port() < 0) {
            return Answer.error(503, "the " + what + " store is being reassigned; retry shortly");
        }
        if (!owner.activeHost().equals(self)) {
            return new Answer(0, null, "http://" + owner.activeHost().host() + ":" + owner.activeHost().port(), null);
        }
        try {
            ReadOnlyKeyValueStore<String, Object> kv = streams.store(StoreQueryParameters
                    .fromNameAndType(store, QueryableStoreTypes.<String, Object>keyValueStore())
                    .withPartition(owner.partition()));
            Object value = kv.get(id);
            if (value == null) {
                // tracking reaches the store a moment after the gateway decides, through two repartition topics
                return Answer.error(404, "no " + what + " with id '" + id + "' (one sent just now may take a few "
                        + "seconds to appear)");
            }
            return new Answer(200, render.json(value), null, self.host() + ":" + self.port());
        } catch (InvalidStateStoreException e) {
            return Answer.error(503, "the " + what + " store is not queryable right now (" + e.getMessage() + ")");
        } catch (JsonProcessingException e) {
            return Answer.error(500, "cannot render the " + what + ": " + e.getOriginalMessage());
        }
    }

}
