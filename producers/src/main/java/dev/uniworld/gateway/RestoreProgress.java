package dev.uniworld.gateway;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/** Counts the records restored into the gateway's stores from their changelogs, so a slow start can be told apart. */
final class RestoreProgress implements StateRestoreListener {

    private final AtomicLong restored = new AtomicLong();

    long restoredRecords() {
        return restored.get();
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        restored.addAndGet(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
    }
}
