package dev.uniworld.pipeline.stage;

import dev.uniworld.events.ReasonCode;
import dev.uniworld.pipeline.config.FailureInjector.InjectedFailure;
import dev.uniworld.pipeline.record.Failure;
import dev.uniworld.pipeline.record.InFlight;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a stage's batch so that a failure is pinned on the request that caused it: a batch that fails is run again
 * request by request, and a request that fails alone fails with its reason, never its batch mates and never the job.
 * An exhausted heap counts as such a failure while {@link HeapExhaustion} blames the request, and an exception, a
 * stack overflow or a failed assertion while {@link ModelFailureStreak} does; other errors, and failures the streaks
 * no longer blame on requests, restart the job from its checkpoint. One instance per stage subtask: it counts the
 * failures in a row of its model.
 */
final class FailureIsolation {

    private static final Logger LOG = LoggerFactory.getLogger(FailureIsolation.class);

    /** A model call over a batch, returning one record per input in the same order. */
    @FunctionalInterface
    interface ModelCall {
        List<InFlight> run(List<InFlight> batch) throws Exception;
    }

    private final String stage;
    private final HeapExhaustion heapExhaustion = new HeapExhaustion();
    private final ModelFailureStreak modelFailures = new ModelFailureStreak();

    /** @param stage the stage's key, for failure messages */
    FailureIsolation(String stage) {
        this.stage = stage;
    }

    /** The batch's outputs, or on failure each request's alone. */
    List<InFlight> run(List<InFlight> batch, ModelCall call) {
        List<InFlight> outputs;
        try {
            outputs = call.run(batch);
        } catch (InjectedFailure e) {
            throw e;
        } catch (OutOfMemoryError e) {
            boolean requestsFault = batch.size() > 1 ? HeapExhaustion.isHeap(e) : heapExhaustion.blamesRequestAlone(e);
            if (!requestsFault) {
                throw e;
            }
            return isolate(batch, e, call);
        } catch (Exception | StackOverflowError | AssertionError batchFailure) {
            // the two errors a request's input can raise in Java code (a deep recursion; an assertion, with -ea)
            // unwind cleanly; a linkage or internal error says the JVM is broken, and restarts the job
            if (batch.size() == 1 && !(batchFailure instanceof StageException) && !modelFailures.blamesRequestAlone()) {
                throw new IllegalStateException("stage " + stage + ": more than "
                        + ModelFailureStreak.REQUESTS_IN_A_ROW + " requests in a row failed alone, so the model itself "
                        + "is failing; the job restarts from its checkpoint rather than fail every request",
                        batchFailure);
            }
            return isolate(batch, batchFailure, call);
        }
        heapExhaustion.callSucceeded();
        modelFailures.callSucceeded();
        return outputs;
    }

    private List<InFlight> isolate(List<InFlight> batch, Throwable batchFailure, ModelCall call) {
        if (batch.size() == 1) {
            return List.of(batch.get(0).failed(describe(batchFailure)));
        }
        LOG.warn("Stage {}: a batch of {} failed ({}); retrying its requests one by one", stage, batch.size(),
                batchFailure.toString());
        List<InFlight> outputs = new ArrayList<>(batch.size());
        for (InFlight request : batch) {
            outputs.add(run(List.of(request), call).get(0));
        }
        return outputs;
    }

    private Failure describe(Throwable e) {
        if (e instanceof StageException s) {
            return new Failure(s.code(), stage, s.field(), s.getMessage());
        }
        if (e instanceof OutOfMemoryError) {
            return new Failure(ReasonCode.MODEL_ERROR, stage, null, "stage " + stage
                    + " ran out of memory on this request alone (" + e.getMessage() + ")");
        }
        return new Failure(ReasonCode.MODEL_ERROR, stage, null, "stage " + stage + " failed: " + e);
    }
}
