package dev.uniworld.gateway.validation;

import dev.uniworld.events.ReasonCode;

/** Why a request is refused: a reason code, the offending field's path and a message that names it. */
public record Rejection(ReasonCode reason, String field, String message) {

    static Rejection of(ReasonCode reason, String field, String message) {
        return new Rejection(reason, field, field + ": " + message);
    }
}
