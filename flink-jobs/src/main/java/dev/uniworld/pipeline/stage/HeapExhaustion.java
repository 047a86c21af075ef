package dev.uniworld.pipeline.stage;

/**
 * Decides whether running out of memory in a model call is one request's fault, so that the request fails alone, or
 * the JVM's, so that the job restarts from its checkpoint. Only an exhausted Java heap can be a request's fault: what
 * the call allocated is garbage once it unwinds, and alone a request needs less. Metaspace, native threads and direct
 * buffers are not a request's doing, and a heap that stays full request after request is not either (a leak, say):
 * failing every request for it would lose them all, so after a few in a row the error goes on to restart the job.
 */
final class HeapExhaustion {

    /** Requests in a row that may each exhaust the heap alone before the JVM is blamed. */
    static final int REQUESTS_IN_A_ROW = 3;

    private int inARow;

    /** True when {@code error} is an exhausted heap, which a smaller call may avoid. */
    static boolean isHeap(OutOfMemoryError error) {
        String message = String.valueOf(error.getMessage());
        return message.startsWith("Java heap space") || message.startsWith("Requested array size exceeds");
    }

    /** True when {@code error}, raised by one request alone, may fail that request; counts it towards the limit. */
    boolean blamesRequestAlone(OutOfMemoryError error) {
        return isHeap(error) && ++inARow <= REQUESTS_IN_A_ROW;
    }

    /** A model call that returned: the heap was not full for good. */
    void callSucceeded() {
        inARow = 0;
    }
}
