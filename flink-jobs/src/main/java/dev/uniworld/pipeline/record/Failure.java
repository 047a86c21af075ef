package dev.uniworld.pipeline.record;

import dev.uniworld.events.ReasonCode;
import java.util.Objects;

/**
 * Why a request failed inside the pipeline.
 *
 * @param code    machine-readable reason
 * @param stage   the stage that failed it (admission, vlm, siglip, fusion, dit, decode)
 * @param field   the offending request field (e.g. {@code images[0].inline}), or null
 * @param message what went wrong, for people
 */
public record Failure(ReasonCode code, String stage, String field, String message) {

    public Failure {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(message, "message");
    }
}
