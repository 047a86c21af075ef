package dev.uniworld.model.checkpoint;

import java.util.List;

/** A checkpoint that cannot be loaded; the message lists every problem found, not only the first. */
public final class CheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public CheckpointException(String what, List<String> problems) {
        super(what + ": " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
