package dev.uniworld.deploy;

import java.time.Duration;

import dev.uniworld.pipeline.config.KafkaSettings;
import dev.uniworld.pipeline.config.ModelSettings;
import dev.uniworld.pipeline.config.PipelineConfig;
import dev.uniworld.schemas.topics.Topics;

/** The pipeline's configuration for running next to a {@link LocalStack} on the same machine. */
public final class StackPipeline {

    private StackPipeline() {
    }

    /**
     * @param checkpointDir the model; a missing directory means the tiny preset with seeded random weights
     * @param parallelism   subtasks per stage
     * @param name          consumer group and transactional id prefix, unique per kind of run
     */
    public static PipelineConfig config(LocalStack stack, String checkpointDir, int parallelism, String name) {
        KafkaSettings kafka = KafkaSettings.defaults()
                .withEndpoints(stack.bootstrapServers(), stack.schemaRegistryUrl())
                .withTopics(Topics.ACCEPTED, Topics.RESULTS, Topics.REJECTED, name, name);
        // A short checkpoint interval: results become visible to read_committed readers when a checkpoint commits.
        return PipelineConfig.defaults().withKafka(kafka)
                .withModel(ModelSettings.defaults().withCheckpointDir(checkpointDir))
                .withParallelism(parallelism)
                .withCheckpointing(Duration.ofSeconds(1), 3, Duration.ofSeconds(1));
    }
}
