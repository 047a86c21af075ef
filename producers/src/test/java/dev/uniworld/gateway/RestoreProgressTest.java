package dev.uniworld.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RestoreProgressTest {

    @Test
    void addsUpTheRecordsOfEveryRestoredBatchAcrossStores() {
        RestoreProgress progress = new RestoreProgress();
        TopicPartition changelog = new TopicPartition("uniworld-gateway-request-status-changelog", 0);
        progress.onRestoreStart(changelog, "request-status", 0, 500);
        progress.onBatchRestored(changelog, "request-status", 300, 300);
        progress.onBatchRestored(new TopicPartition("uniworld-gateway-batch-status-changelog", 1), "batch-status", 40,
                40);
        progress.onBatchRestored(changelog, "request-status", 500, 200);
        progress.onRestoreEnd(changelog, "request-status", 500);
        assertEquals(540, progress.restoredRecords());
    }
}
