package dev.uniworld.pipeline.config;

import dev.uniworld.model.device.Stage;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * Everything the pipeline job is configured with. {@link #fromMap} reads flat keys ({@code --key value} on the
 * command line): {@code kafka.*} ({@link KafkaSettings}), {@code model.*} ({@link ModelSettings}),
 * {@code stage.<vlm|siglip|fusion|dit|decode>.*} ({@link StageSettings}) and:
 *
 * @param jobName            {@code job.name} (default "UniWorld generation pipeline")
 * @param parallelism        {@code job.parallelism}: source, admission, result assembly and sinks (default 1)
 * @param checkpointInterval {@code checkpoint.interval-ms}: also how often results become visible, since the
 *                           exactly-once sink commits its transaction per checkpoint (default 5 s)
 * @param checkpointTimeout  {@code checkpoint.timeout-ms}: a checkpoint not complete by then is abandoned (default
 *                           2 min). Interval and timeout together may take at most half of
 *                           {@code kafka.transaction-timeout-ms}: a job that fails after a checkpoint completes must
 *                           restart and commit that checkpoint's transactions before the broker aborts them, or
 *                           their results are lost while the source has moved past the requests
 * @param restartAttempts    {@code restart.attempts}: restarts in a row before the job fails; the count starts again
 *                           after {@value #RESTART_COUNT_RESET_MINUTES} minutes without a failure (default 10)
 * @param restartDelay       {@code restart.delay-ms}: pause before the first restart in a row; each further one
 *                           doubles it (give or take Flink's 10% jitter), up to {@value #MAX_RESTART_DELAY_SECONDS} s
 *                           or this delay if longer (default 2 s)
 */
public record PipelineConfig(String jobName, int parallelism, Duration checkpointInterval, Duration checkpointTimeout,
        int restartAttempts, Duration restartDelay, KafkaSettings kafka, ModelSettings model,
        Map<Stage, StageSettings> stages) implements Serializable {

    /** Longest pause between restarts in a row. */
    public static final int MAX_RESTART_DELAY_SECONDS = 60;
    /** Minutes without a failure after which the count of restarts starts again. */
    public static final int RESTART_COUNT_RESET_MINUTES = 10;

    public PipelineConfig {
        if (parallelism < 1 || restartAttempts < 0) {
            throw new IllegalArgumentException("job.parallelism >= 1 and restart.attempts >= 0 required");
        }
        if (checkpointInterval.isNegative() || checkpointInterval.isZero() || checkpointTimeout.isNegative()
                || checkpointTimeout.isZero()) {
            throw new IllegalArgumentException("checkpoint.interval-ms and checkpoint.timeout-ms must be positive");
        }
        if (checkpointInterval.plus(checkpointTimeout).multipliedBy(2).compareTo(kafka.transactionTimeout()) > 0) {
            throw new IllegalArgumentException("checkpoint.interval-ms (" + checkpointInterval.toMillis()
                    + ") plus checkpoint.timeout-ms (" + checkpointTimeout.toMillis() + ") may take at most half of "
                    + "kafka.transaction-timeout-ms (" + kafka.transactionTimeout().toMillis() + "), leaving the "
                    + "other half to restart and commit a completed checkpoint's transactions before the broker "
                    + "aborts them");
        }
        EnumMap<Stage, StageSettings> all = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            all.put(s, stages.getOrDefault(s, StageSettings.defaults(s.key())));
        }
        stages = all;
    }

    public static PipelineConfig defaults() {
        return new PipelineConfig("UniWorld generation pipeline", 1, Duration.ofSeconds(5), Duration.ofMinutes(2), 10,
                Duration.ofSeconds(2), KafkaSettings.defaults(), ModelSettings.defaults(), Map.of());
    }

    public StageSettings stage(Stage stage) {
        return stages.get(stage);
    }

    /** Every stage and the job itself at {@code value}: what tests and the demo use. */
    public PipelineConfig withParallelism(int value) {
        Map<Stage, StageSettings> next = new EnumMap<>(Stage.class);
        stages.forEach((s, settings) -> next.put(s, settings.withParallelism(value)));
        return new PipelineConfig(jobName, value, checkpointInterval, checkpointTimeout, restartAttempts, restartDelay,
                kafka, model, next);
    }

    public PipelineConfig withStage(Stage stage, StageSettings settings) {
        Map<Stage, StageSettings> next = new EnumMap<>(stages);
        next.put(stage, settings);
        return new PipelineConfig(jobName, parallelism, checkpointInterval, checkpointTimeout, restartAttempts,
                restartDelay, kafka, model, next);
    }

    public PipelineConfig withKafka(KafkaSettings value) {
        return new PipelineConfig(jobName, parallelism, checkpointInterval, checkpointTimeout, restartAttempts,
                restartDelay, value, model, stages);
    }

    public PipelineConfig withModel(ModelSettings value) {
        return new PipelineConfig(jobName, parallelism, checkpointInterval, checkpointTimeout, restartAttempts,
                restartDelay, kafka, value, stages);
    }

    public PipelineConfig withCheckpointing(Duration interval, int attempts, Duration delay) {
        return new PipelineConfig(jobName, parallelism, interval, checkpointTimeout, attempts, delay, kafka, model,
                stages);
    }

    /**
     * Checkpointing (exactly-once, the sink's transactions ride on it), an exponential-delay restart strategy (none
     * when {@code restart.attempts} is 0; a failed stage restarts the job from the last checkpoint; the results of
     * uncommitted transactions are never seen by read_committed consumers; the count of restarts starts again once the
     * job has run a while without failing, so that rare failures over weeks do not add up to the limit) and generic
     * types off, so a Kryo fallback fails at submission instead of slowing every record down.
     */
    public Configuration flinkConfiguration() {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, checkpointTimeout);
        if (restartAttempts == 0) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        } else {
            Duration longest = Duration.ofSeconds(MAX_RESTART_DELAY_SECONDS);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, restartAttempts);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, restartDelay);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                    restartDelay.compareTo(longest) > 0 ? restartDelay : longest);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
                    Duration.ofMinutes(RESTART_COUNT_RESET_MINUTES));
        }
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.NAME, jobName);
        return conf;
    }

    /** Task slots the job needs: one per subtask of each distinct slot sharing group (the default group included). */
    public int requiredSlots() {
        Map<String, Integer> groups = new java.util.HashMap<>();
        groups.put("default", parallelism);
        stages.values().forEach(s -> groups.merge(s.slotSharingGroup(), s.parallelism(), Math::max));
        return groups.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Reads the keys documented on this record and its parts; unknown keys are refused, naming the known ones. */
    public static PipelineConfig fromMap(Map<String, String> values) {
        ConfigReader r = new ConfigReader(values);
        PipelineConfig d = defaults();
        KafkaSettings k = d.kafka();
        KafkaSettings kafka = new KafkaSettings(r.string("kafka.bootstrap-servers", k.bootstrapServers()),
                r.string("kafka.schema-registry-url", k.schemaRegistryUrl()),
                r.string("kafka.input-topic", k.inputTopic()), r.string("kafka.results-topic", k.resultsTopic()),
                r.string("kafka.rejected-topic", k.rejectedTopic()), r.string("kafka.group-id", k.groupId()),
                r.string("kafka.transactional-id-prefix", k.transactionalIdPrefix()),
                r.millis("kafka.transaction-timeout-ms", k.transactionTimeout()));
        ModelSettings m = d.model();
        ModelSettings model = new ModelSettings(r.string("model.checkpoint-dir", m.checkpointDir()),
                r.string("model.fallback-preset", m.fallbackPreset()),
                r.parse("model.fallback-seed", m.fallbackSeed(), Long::parseLong),
                r.parse("model.default-steps", m.defaultSteps(), Integer::parseInt),
                r.parse("model.cfg-scale", m.cfgScale(), Double::parseDouble),
                r.parse("model.max-answer-tokens", m.defaultMaxAnswerTokens(), Integer::parseInt),
                r.parse("model.max-image-pixels", m.maxImagePixels(), Long::parseLong),
                r.parse("model.max-output-side", m.maxOutputSide(), Integer::parseInt));
        Map<Stage, StageSettings> stages = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            StageSettings sd = StageSettings.defaults(s.key());
            String p = "stage." + s.key() + ".";
            stages.put(s, new StageSettings(r.parse(p + "parallelism", sd.parallelism(), Integer::parseInt),
                    r.parse(p + "max-batch", sd.maxBatchSize(), Integer::parseInt),
                    r.parse(p + "max-wait-ms", sd.maxWaitMillis(), Long::parseLong),
                    r.string(p + "slot-group", sd.slotSharingGroup()),
                    r.parse(p + "gpus", sd.gpus(), PipelineConfig::parseIndices), FailureInjector.NONE));
        }
        PipelineConfig config = new PipelineConfig(r.string("job.name", d.jobName()),
                r.parse("job.parallelism", d.parallelism(), Integer::parseInt),
                r.millis("checkpoint.interval-ms", d.checkpointInterval()),
                r.millis("checkpoint.timeout-ms", d.checkpointTimeout()),
                r.parse("restart.attempts", d.restartAttempts(), Integer::parseInt),
                r.millis("restart.delay-ms", d.restartDelay()), kafka, model, stages);
        r.refuseUnknown();
        return config;
    }

    private static List<Integer> parseIndices(String value) {
        return value.isBlank() ? List.of()
                : Arrays.stream(value.split(",")).map(String::strip).map(Integer::parseInt).toList();
    }

    /** Tracks which keys were read, so typos fail loudly instead of silently keeping a default. */
    private static final class ConfigReader {
        private final Map<String, String> values;
        private final Set<String> known = new LinkedHashSet<>();

        ConfigReader(Map<String, String> values) {
            this.values = values;
        }

        String string(String key, String fallback) {
            return parse(key, fallback, Function.identity());
        }

        Duration millis(String key, Duration fallback) {
            return parse(key, fallback, v -> Duration.ofMillis(Long.parseLong(v)));
        }

        <T> T parse(String key, T fallback, Function<String, T> parser) {
            known.add(key);
            String value = values.get(key);
            try {
                return value == null ? fallback : parser.apply(value.strip());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("bad value for " + key + ": '" + value + "' (" + e.getMessage()
                        + ")", e);
            }
        }

        void refuseUnknown() {
            for (String key : values.keySet()) {
                if (!known.contains(key)) {
                    throw new IllegalArgumentException("unknown option " + key + "; known: " + known);
                }
            }
        }
    }
}
