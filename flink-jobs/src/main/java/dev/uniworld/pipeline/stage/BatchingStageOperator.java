package dev.uniworld.pipeline.stage;

import ai.djl.engine.Engine;
import dev.uniworld.events.ReasonCode;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.nn.GradientTape;
import dev.uniworld.pipeline.config.ModelSettings;
import dev.uniworld.pipeline.config.StageSettings;
import dev.uniworld.pipeline.model.LoadedModel;
import dev.uniworld.pipeline.record.Failure;
import dev.uniworld.pipeline.record.InFlight;
import dev.uniworld.pipeline.record.StageTrace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model stage that batches requests across the stream: a bucket (requests of one shape) is run when it holds
 * {@code max-batch} requests or its oldest request has waited {@code max-wait-ms}, whichever comes first.
 *
 * <p>Exactly-once: buffered requests are flushed in {@link #prepareSnapshotPreBarrier}, before the checkpoint barrier
 * is forwarded, so a checkpoint never has requests inside a stage: they are either downstream of the barrier's
 * position (and in the snapshot of a later operator or in a committed transaction) or not yet read from Kafka. The
 * alternative, keeping buffers in operator state, would snapshot tensors of up to a batch per subtask and re-run
 * them after recovery for no gain: a flush costs at most one early, smaller batch per checkpoint.
 *
 * <p>The model is opened in {@link #open} on the device the subtask picked (see {@link DeviceAssignment}) and closed
 * in {@link #close}; it is never part of the serialized operator.
 */
public abstract class BatchingStageOperator extends AbstractStreamOperator<InFlight>
        implements OneInputStreamOperator<InFlight, InFlight>, BoundedOneInput {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BatchingStageOperator.class);

    protected final Stage stage;
    protected final StageSettings settings;
    protected final ModelSettings modelSettings;

    private transient LoadedModel model;
    private transient DeviceAssignment assignment;
    private transient StageMetrics metrics;
    private transient Map<Object, Bucket> buckets;
    private transient int batchesThisAttempt;
    private transient FailureIsolation isolation;

    protected BatchingStageOperator(Stage stage, StageSettings settings, ModelSettings modelSettings) {
        this.stage = stage;
        this.settings = settings;
        this.modelSettings = modelSettings;
    }

    /** Requests in one bucket can share a model call (same image count, same sampler steps, ...). */
    protected abstract Object bucketOf(InFlight request);

    /**
     * Runs one batch. Returns one record per input, same order: the input with this stage's output, or the input
     * {@link InFlight#failed failed} for a request-level problem (bad image, non-finite output). An exception fails the
     * whole batch; its requests are then retried one by one, so one bad request cannot fail its neighbours.
     */
    protected abstract List<InFlight> compute(List<InFlight> batch, LoadedModel model) throws Exception;

    /** Where a successful output goes: null for the main output (the next stage), or a side output. */
    protected OutputTag<InFlight> routeOf(InFlight output) {
        return null;
    }

    @Override
    public void open() throws Exception {
        super.open();
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        assignment = DeviceAssignment.assign(settings.gpus(), getRuntimeContext().getExternalResourceInfos("gpu"),
                subtask, Engine.getInstance().getGpuCount());
        if (assignment.fellBack()) {
            LOG.warn("Stage {} subtask {} was assigned GPU {} but the engine sees no such GPU: running on the CPU",
                    stage.key(), subtask, assignment.gpuSlot());
        }
        try {
            model = LoadedModel.open(modelSettings, stage, assignment.device());
        } catch (LoadedModel.ModelLoadException e) {
            // restarting cannot repair a checkpoint on disk: fail the job now, with the reason on top
            throw new SuppressRestartsException(e);
        }
        metrics = new StageMetrics(getMetricGroup(), assignment);
        buckets = new LinkedHashMap<>();
        isolation = new FailureIsolation(stage.key());
        LOG.info("Stage {} subtask {} serving {} {} on {}", stage.key(), subtask, model.modelId(),
                model.modelVersion(), assignment.label());
    }

    @Override
    public void processElement(StreamRecord<InFlight> element) throws Exception {
        metrics.received();
        InFlight request = element.getValue();
        long now = getProcessingTimeService().getCurrentProcessingTime();
        if (request.request().expiredAt(now)) { // its caller has stopped waiting: no stage time for it
            metrics.emitted(0, 0, true);
            output.collect(Routes.FAILED, new StreamRecord<>(leaving(request.failed(new Failure(
                    ReasonCode.DEADLINE_EXPIRED, stage.key(), "deadline", "deadline: passed at "
                    + Instant.ofEpochMilli(request.request().deadline()) + ", before stage " + stage.key()
                    + " could run the request")), 0, 0, 0)));
            return;
        }
        Object key = bucketOf(request);
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket());
        bucket.add(request, now);
        if (bucket.size() >= settings.maxBatchSize()) {
            flush(key);
        } else if (bucket.size() == 1) {
            // the timer flushes this very bucket object only; a bucket flushed earlier for size is a new object
            getProcessingTimeService().registerTimer(now + settings.maxWaitMillis(), time -> {
                if (buckets.get(key) == bucket) {
                    flush(key);
                }
            });
        }
    }

    /** Nothing may stay buffered across a checkpoint barrier (see the class comment). */
    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flushAll();
    }

    @Override
    public void endInput() throws Exception {
        flushAll();
    }

    @Override
    public void finish() throws Exception {
        flushAll();
        super.finish();
    }

    @Override
    public void close() throws Exception {
        if (model != null) {
            model.close();
            model = null;
        }
        super.close();
    }

    private void flushAll() throws Exception {
        for (Object key : new ArrayList<>(buckets.keySet())) {
            flush(key);
        }
    }

    private void flush(Object key) throws Exception {
        Bucket bucket = buckets.remove(key);
        if (bucket == null || bucket.size() == 0) {
            return;
        }
        settings.failureInjector().beforeBatch(stage.key(), getRuntimeContext().getTaskInfo().getAttemptNumber(),
                batchesThisAttempt);
        long start = getProcessingTimeService().getCurrentProcessingTime();
        List<InFlight> outputs = isolation.run(bucket.requests, this::computeWithoutGradients);
        long computeMillis = getProcessingTimeService().getCurrentProcessingTime() - start;
        batchesThisAttempt++;
        metrics.batch(bucket.size(), computeMillis);
        for (int i = 0; i < outputs.size(); i++) {
            long queued = Math.max(0, start - bucket.arrivals.get(i));
            InFlight out = leaving(outputs.get(i), queued, computeMillis, bucket.size());
            metrics.emitted(queued, computeMillis, out.isFailed());
            OutputTag<InFlight> tag = out.isFailed() ? Routes.FAILED : routeOf(out);
            if (tag == null) {
                output.collect(new StreamRecord<>(out));
            } else {
                output.collect(tag, new StreamRecord<>(out));
            }
        }
    }

    /** A record as it leaves this stage: with the stage's trace and the model that served it. */
    private InFlight leaving(InFlight record, long queued, long computeMillis, int batchSize) {
        return record.traced(new StageTrace(stage.key(), assignment.label(), queued, computeMillis, batchSize))
                .withModel(model.modelId(), model.modelVersion());
    }

    /**
     * One model call with the engine's gradient recording paused: a task thread records by the engine's default, and
     * serving needs no graph (see {@link GradientTape}).
     */
    @SuppressWarnings("try") // the pause is held for the call; its body does not read it
    private List<InFlight> computeWithoutGradients(List<InFlight> batch) throws Exception {
        try (GradientTape.Pause inference = GradientTape.pause()) {
            return compute(batch, model);
        }
    }

    /** Requests waiting for one model call, with the time each arrived. */
    private static final class Bucket {
        final List<InFlight> requests = new ArrayList<>();
        final List<Long> arrivals = new ArrayList<>();

        void add(InFlight request, long arrivedAt) {
            requests.add(request);
            arrivals.add(arrivedAt);
        }

        int size() {
            return requests.size();
        }
    }
}
