package dev.uniworld.gateway.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Finds a store's expired entries a slice at a time, each slice going on where the last one stopped and the next pass
 * starting over at the first key. A slice holds few expired keys, so that their deletes, written to the changelog
 * inside one exactly-once transaction, never outgrow the transaction's timeout however large the store has grown, and
 * looks at many entries, so that a pass ends long before a restart, which starts it over, is likely.
 */
public final class ExpiredEntries<V> {

    /** How often the gateway's processors look at the next slice of their stores for entries past the retention. */
    public static final Duration SLICE_EVERY = Duration.ofMinutes(1);
    /** Entries one slice looks at: a pass over a store of two million entries takes 20 minutes. */
    public static final int SLICE_LOOKS_AT = 100_000;
    /** Entries one slice deletes, in one transaction: 600,000 an hour, far more than the gateway takes requests. */
    public static final int SLICE_DELETES = 10_000;

    private final KeyValueStore<String, V> store;
    private final BiPredicate<V, Long> expired;
    private final int lookAtMost;
    private final int expiredAtMost;
    /** The last key the previous slice looked at, or null to start at the first key. */
    private String lastSeen;

    /**
     * @param expired       whether an entry has expired at a time in epoch milliseconds
     * @param lookAtMost    most entries one slice looks at
     * @param expiredAtMost most expired keys one slice returns
     */
    public ExpiredEntries(KeyValueStore<String, V> store, BiPredicate<V, Long> expired, int lookAtMost,
            int expiredAtMost) {
        this.store = store;
        this.expired = expired;
        this.lookAtMost = lookAtMost;
        this.expiredAtMost = expiredAtMost;
    }

    /** The expired keys of the next slice; delete them after this returns. */
    public List<String> nextSlice(long now) {
        List<String> keys = new ArrayList<>();
        int looked = 0;
        String last = null;
        boolean more;
        try (KeyValueIterator<String, V> entries = lastSeen == null ? store.all() : store.range(lastSeen, null)) {
            while (entries.hasNext() && looked < lookAtMost && keys.size() < expiredAtMost) {
                KeyValue<String, V> entry = entries.next();
                if (entry.key.equals(lastSeen)) {
                    continue; // a range includes its lower bound, which the previous slice has looked at
                }
                looked++;
                last = entry.key;
                if (expired.test(entry.value, now)) {
                    keys.add(entry.key);
                }
            }
            more = entries.hasNext();
        }
        lastSeen = more ? last : null;
        return keys;
    }
}
