package dev.uniworld.pipeline.record;

import dev.uniworld.events.Task;
import java.util.Objects;

/**
 * What the pipeline keeps of a request from admission to its result. Boxed parameters are null where the request
 * left them to the model's defaults.
 *
 * @param requestId       the Kafka key and the key of the result
 * @param batchId         the request's batch, or null
 * @param prompt          instruction, question or description
 * @param requestedTask   the task as asked (AUTO stays AUTO here; {@link InFlight#task()} holds the resolved one)
 * @param steps           sampler steps, or null
 * @param guidance        distilled guidance, or null
 * @param seed            noise seed, or null (then derived from the request id)
 * @param width           output width in pixels, or null
 * @param height          output height in pixels, or null
 * @param maxAnswerTokens text answer limit, or null
 * @param submittedAt     when the caller submitted it (epoch ms)
 * @param admittedAt      when the pipeline read it (epoch ms), the start of its end-to-end latency
 * @param deadline        when the caller stops waiting for it (epoch ms), or 0 for no deadline
 */
public record RequestInfo(String requestId, String batchId, String prompt, Task requestedTask, Integer steps,
        Float guidance, Long seed, Integer width, Integer height, Integer maxAnswerTokens, long submittedAt,
        long admittedAt, long deadline) {

    public RequestInfo {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(requestedTask, "requestedTask");
    }

    /** A request without a deadline. */
    public RequestInfo(String requestId, String batchId, String prompt, Task requestedTask, Integer steps,
            Float guidance, Long seed, Integer width, Integer height, Integer maxAnswerTokens, long submittedAt,
            long admittedAt) {
        this(requestId, batchId, prompt, requestedTask, steps, guidance, seed, width, height, maxAnswerTokens,
                submittedAt, admittedAt, 0);
    }

    /** Whether its deadline has passed at {@code now} (epoch ms). */
    public boolean expiredAt(long now) {
        return deadline > 0 && now >= deadline;
    }

    /** The request's seed, or one derived from its id so that a replayed request draws the same noise. */
    public long effectiveSeed() {
        if (seed != null) {
            return seed;
        }
        long h = 0xcbf29ce484222325L; // FNV-1a: stable across JVMs, unlike String.hashCode's 32 bits
        for (int i = 0; i < requestId.length(); i++) {
            h = (h ^ requestId.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }
}
