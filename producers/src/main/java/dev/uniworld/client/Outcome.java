package dev.uniworld.client;

import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.RequestRejected;
import dev.uniworld.events.ResultStatus;

/** How a request ended: a result from the pipeline, or a rejection (gateway or pipeline). */
public record Outcome(String requestId, GenerationResult result, RequestRejected rejection) {

    public boolean succeeded() {
        return result != null && result.getStatus() == ResultStatus.OK;
    }

    /** One line for people: the answer, the image size, or the reason. */
    public String describe() {
        if (succeeded()) {
            return result.getAnswer() != null ? "answer: " + result.getAnswer()
                    : "image " + result.getImage().getWidth() + "x" + result.getImage().getHeight();
        }
        if (result != null && result.getError() != null) {
            return "FAILED " + result.getError().getCode() + ": " + result.getError().getMessage();
        }
        return "REJECTED " + rejection.getReason() + ": " + rejection.getMessage();
    }
}
