package dev.uniworld.gateway.validation;

import static dev.uniworld.events.ReasonCode.DEADLINE_EXPIRED;
import static dev.uniworld.events.ReasonCode.KEY_MISMATCH;
import static dev.uniworld.events.ReasonCode.MISSING_IMAGE;
import static dev.uniworld.events.ReasonCode.MISSING_PROMPT;
import static dev.uniworld.events.ReasonCode.PARAMETER_OUT_OF_RANGE;
import static dev.uniworld.events.ReasonCode.PROMPT_TOO_LONG;
import static dev.uniworld.events.ReasonCode.UNKNOWN_TASK;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.uniworld.events.GenerationParameters;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.ImageRef;
import dev.uniworld.events.Task;

/**
 * Checks one request against {@link ValidationLimits}; the first problem found is the answer, so a client fixes its
 * requests one field at a time with a message that names the field.
 */
public final class RequestValidator {

    /** Tasks that read an input image. */
    private static final Set<Task> NEED_IMAGE = Set.of(Task.UNDERSTAND, Task.EDIT, Task.PERCEIVE);
    /** Longest request id and batch id: they key state stores, repartition topics and status URLs. */
    public static final int MAX_ID_CHARS = 200;

    private final ValidationLimits limits;
    private final ImageRefValidator images;

    public RequestValidator(ValidationLimits limits) {
        this.limits = limits;
        this.images = new ImageRefValidator(limits);
    }

    /**
     * @param key the Kafka record key, which must be the request id (dedup and results are keyed by it)
     * @param now the gateway's clock when it reads the record, against which the deadline is checked
     */
    public Optional<Rejection> validate(String key, GenerationRequest request, Instant now) {
        String id = request.getRequestId();
        if (!isValidId(id)) {
            return reject(PARAMETER_OUT_OF_RANGE, "requestId", "must be 1.." + MAX_ID_CHARS
                    + " characters, not blank");
        }
        if (!id.equals(key)) {
            return reject(KEY_MISMATCH, "key", "the record key must equal requestId '" + id + "' but was "
                    + (key == null ? "null" : "'" + abbreviated(key) + "'"));
        }
        if (request.getTask() == null || request.getTask() == Task.UNKNOWN) {
            return reject(UNKNOWN_TASK, "task",
                    "unknown task; expected one of UNDERSTAND, GENERATE, EDIT, PERCEIVE, AUTO");
        }
        String prompt = request.getPrompt();
        if (prompt == null || prompt.isBlank()) {
            return reject(MISSING_PROMPT, "prompt", "an instruction, question or description is required");
        }
        if (prompt.length() > limits.maxPromptChars()) {
            return reject(PROMPT_TOO_LONG, "prompt", "is " + prompt.length() + " characters, the limit is "
                    + limits.maxPromptChars());
        }
        List<ImageRef> refs = request.getImages();
        if (refs.size() > limits.maxImages()) {
            return reject(PARAMETER_OUT_OF_RANGE, "images", "holds " + refs.size() + " images, the limit is "
                    + limits.maxImages());
        }
        if (refs.isEmpty() && NEED_IMAGE.contains(request.getTask())) {
            return reject(MISSING_IMAGE, "images", request.getTask() + " needs an input image");
        }
        for (int i = 0; i < refs.size(); i++) {
            Optional<Rejection> problem = images.validate("images[" + i + "]", refs.get(i));
            if (problem.isPresent()) {
                return problem;
            }
        }
        Optional<Rejection> parameters = validateParameters(request.getParameters());
        if (parameters.isPresent()) {
            return parameters;
        }
        // the gateway reports a batch complete once this many of its requests have an outcome
        Integer batchSize = request.getBatchSize();
        if (batchSize != null && batchSize < 1) {
            return outOfRange("batchSize", ">= 1", batchSize);
        }
        if (batchSize != null && request.getBatchId() == null) {
            return reject(PARAMETER_OUT_OF_RANGE, "batchSize", "is set without a batchId; set both or neither");
        }
        if (batchSize == null && request.getBatchId() != null) { // a batch of unknown size would never complete
            return reject(PARAMETER_OUT_OF_RANGE, "batchId", "is set without a batchSize; set both or neither");
        }
        if (request.getBatchId() != null && !isValidId(request.getBatchId())) {
            return reject(PARAMETER_OUT_OF_RANGE, "batchId", "must be 1.." + MAX_ID_CHARS + " characters, not blank");
        }
        if (request.getDeadline() != null && request.getDeadline().isBefore(now)) {
            return reject(DEADLINE_EXPIRED, "deadline", "passed at " + request.getDeadline()
                    + ", before the gateway saw"
                    + " the request at " + now);
        }
        return Optional.empty();
    }

    /** Whether {@code id} may serve as a request or batch id: 1..{@value #MAX_ID_CHARS} characters, not blank. */
    public static boolean isValidId(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_ID_CHARS;
    }

    /**
     * A record key to keep on a rejection: null for one too long to be a request id, so that the rejection fits its
     * topic (its value quotes at most {@value #MAX_ID_CHARS} characters of it).
     */
    public static String keyForRejection(String key) {
        return key != null && key.length() <= MAX_ID_CHARS ? key : null;
    }

    /** {@code text} cut to {@value #MAX_ID_CHARS} characters for a message, so that a rejection stays small. */
    private static String abbreviated(String text) {
        return text.length() <= MAX_ID_CHARS ? text : text.substring(0, MAX_ID_CHARS) + "... (" + text.length()
                + " characters)";
    }

    private Optional<Rejection> validateParameters(GenerationParameters p) {
        if (p == null) {
            return Optional.empty();
        }
        if (p.getSteps() != null && (p.getSteps() < limits.minSteps() || p.getSteps() > limits.maxSteps())) {
            return outOfRange("parameters.steps", limits.minSteps() + ".." + limits.maxSteps(), p.getSteps());
        }
        if (p.getGuidance() != null && !(Float.isFinite(p.getGuidance()) && p.getGuidance() >= 0
                && p.getGuidance() <= limits.maxGuidance())) {
            return outOfRange("parameters.guidance", "a finite number in 0.." + limits.maxGuidance(), p.getGuidance());
        }
        if (p.getSeed() != null && p.getSeed() < 0) {
            return outOfRange("parameters.seed", ">= 0", p.getSeed());
        }
        Optional<Rejection> width = validateSide("parameters.width", p.getWidth());
        if (width.isPresent()) {
            return width;
        }
        Optional<Rejection> height = validateSide("parameters.height", p.getHeight());
        if (height.isPresent()) {
            return height;
        }
        if (p.getMaxAnswerTokens() != null && (p.getMaxAnswerTokens() < 1
                || p.getMaxAnswerTokens() > limits.maxAnswerTokens())) {
            return outOfRange("parameters.maxAnswerTokens", "1.." + limits.maxAnswerTokens(), p.getMaxAnswerTokens());
        }
        return Optional.empty();
    }

    private Optional<Rejection> validateSide(String field, Integer side) {
        if (side == null) {
            return Optional.empty();
        }
        if (side < limits.minSide() || side > limits.maxSide() || side % limits.sizeMultiple() != 0) {
            return outOfRange(field, "a multiple of " + limits.sizeMultiple() + " in " + limits.minSide() + ".."
                    + limits.maxSide(), side);
        }
        return Optional.empty();
    }

    private static Optional<Rejection> outOfRange(String field, String expected, Object actual) {
        return reject(PARAMETER_OUT_OF_RANGE, field, "must be " + expected + ", was " + actual);
    }

    private static Optional<Rejection> reject(dev.uniworld.events.ReasonCode reason, String field, String message) {
        return Optional.of(Rejection.of(reason, field, message));
    }
}
