package dev.uniworld.gateway.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class ExpiredEntriesTest {

    @Test
    void looksAtOneSliceAtATimeGoingOnWhereTheLastStoppedThenStartsOver() {
        KeyValueStore<String, Long> store = store();
        IntStream.range(0, 25).forEach(i -> store.put(String.format("k%02d", i), (long) i));
        // entries whose value is below the time given have expired
        ExpiredEntries<Long> expired = new ExpiredEntries<>(store, (value, now) -> value < now, 10, 10);

        List<String> first = expired.nextSlice(100);
        assertEquals(keys(0, 10), first);
        first.forEach(store::delete);
        assertEquals(keys(10, 20), expired.nextSlice(100), "goes on after the deleted last key");
        assertEquals(keys(20, 25), expired.nextSlice(100));
        assertEquals(keys(10, 20), expired.nextSlice(100), "starts over at the first key left");
    }

    @Test
    void countsEveryEntryLookedAtNotOnlyTheExpiredOnes() {
        KeyValueStore<String, Long> store = store();
        IntStream.range(0, 25).forEach(i -> store.put(String.format("k%02d", i), (long) i));
        ExpiredEntries<Long> expired = new ExpiredEntries<>(store, (value, now) -> value % 5 == 0, 10, 100);
        assertEquals(List.of("k00", "k05"), expired.nextSlice(0));
        assertEquals(List.of("k10", "k15"), expired.nextSlice(0));
        assertEquals(List.of("k20"), expired.nextSlice(0));
        assertEquals(List.of("k00", "k05"), expired.nextSlice(0));
    }

    @Test
    void stopsASliceAtTheMostExpiredKeysItMayReturn() {
        KeyValueStore<String, Long> store = store();
        IntStream.range(0, 25).forEach(i -> store.put(String.format("k%02d", i), (long) i));
        ExpiredEntries<Long> expired = new ExpiredEntries<>(store, (value, now) -> value % 2 == 1, 100, 4);
        assertEquals(List.of("k01", "k03", "k05", "k07"), expired.nextSlice(0));
        assertEquals(List.of("k09", "k11", "k13", "k15"), expired.nextSlice(0), "goes on after the last key returned");
    }

    private static List<String> keys(int from, int to) {
        List<String> keys = new ArrayList<>();
        IntStream.range(from, to).forEach(i -> keys.add(String.format("k%02d", i)));
        return keys;
    }

    private static KeyValueStore<String, Long> store() {
        KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("entries"),
                Serdes.String(), Serdes.Long()).withLoggingDisabled().withCachingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }
}
