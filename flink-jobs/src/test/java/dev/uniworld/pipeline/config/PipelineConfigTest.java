package dev.uniworld.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.junit.jupiter.api.Test;

class PipelineConfigTest {

    @Test
    void aCheckpointIsAbandonedAfterItsTimeoutWhichTheJobConfigurationCarries() {
        PipelineConfig defaults = PipelineConfig.defaults();
        assertEquals(Duration.ofMinutes(2), defaults.checkpointTimeout());
        assertEquals(Duration.ofMinutes(2),
                defaults.flinkConfiguration().get(CheckpointingOptions.CHECKPOINTING_TIMEOUT));
        PipelineConfig read = PipelineConfig.fromMap(Map.of("checkpoint.timeout-ms", "30000"));
        assertEquals(Duration.ofSeconds(30), read.flinkConfiguration().get(CheckpointingOptions.CHECKPOINTING_TIMEOUT));
    }

    @Test
    void intervalAndTimeoutMayTakeAtMostHalfTheTransactionTimeout() {
        // 2 x (5 s + 445 s) = 15 min: exactly half is allowed
        assertEquals(Duration.ofSeconds(445),
                PipelineConfig.fromMap(Map.of("checkpoint.timeout-ms", "445000")).checkpointTimeout());
        var longTimeout = assertThrows(IllegalArgumentException.class,
                () -> PipelineConfig.fromMap(Map.of("checkpoint.timeout-ms", "445001")));
        assertTrue(longTimeout.getMessage().contains("checkpoint.timeout-ms (445001)"), longTimeout.getMessage());
        assertTrue(longTimeout.getMessage().contains("kafka.transaction-timeout-ms (900000)"),
                longTimeout.getMessage());
        var shortTransactions = assertThrows(IllegalArgumentException.class,
                () -> PipelineConfig.fromMap(Map.of("kafka.transaction-timeout-ms", "120000")));
        assertTrue(shortTransactions.getMessage().startsWith("checkpoint.interval-ms (5000) plus"),
                shortTransactions.getMessage());
    }

    @Test
    void aCheckpointTimeoutMustBePositive() {
        var zero = assertThrows(IllegalArgumentException.class,
                () -> PipelineConfig.fromMap(Map.of("checkpoint.timeout-ms", "0")));
        assertTrue(zero.getMessage().contains("must be positive"), zero.getMessage());
    }
}
