package dev.uniworld.pipeline.stage;

/**
 * Decides whether a model call's exception is one request's fault or the model's. A request that fails alone with an
 * exception other than a {@link StageException} (which names what is wrong with the request) fails with MODEL_ERROR;
 * but when {@link #REQUESTS_IN_A_ROW} requests in a row have failed so, with no model call succeeding between them, the
 * model itself is failing (a device in an error state, say), and failing every request for it would lose them all.
 * The exception then goes on to restart the job from its checkpoint, which replays the requests; a device that stays
 * broken ends the job after its restarts, where the dashboard shows why, rather than filling the results with failures.
 */
final class ModelFailureStreak {

    /** Requests in a row that may each fail alone before the model is blamed. */
    static final int REQUESTS_IN_A_ROW = 8;

    private int inARow;

    /** True while the requests failing alone in a row, this one counted, are few enough to be their own fault. */
    boolean blamesRequestAlone() {
        return ++inARow <= REQUESTS_IN_A_ROW;
    }

    /** A model call that returned: the model works. */
    void callSucceeded() {
        inARow = 0;
    }
}
