package dev.uniworld.pipeline.stage;

import dev.uniworld.events.ReasonCode;

/** A request-level failure inside a stage, with the reason code and field its result will carry. */
public final class StageException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final ReasonCode code;
    private final String field;

    public StageException(ReasonCode code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public ReasonCode code() {
        return code;
    }

    public String field() {
        return field;
    }
}
