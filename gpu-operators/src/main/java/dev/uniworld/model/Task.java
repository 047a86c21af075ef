package dev.uniworld.model;

/** What the task head decides for an AUTO request, in the order of its logits. */
public enum Task {
    /** Reply in text (understanding). */
    ANSWER,
    /** Produce an image (generation, editing, perception). */
    GENERATE_IMAGE
}
