package dev.uniworld.pipeline.stage;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * A stage's metrics in Flink's metric system (web UI, REST API, any reporter): histograms of per-request latency
 * (queue wait plus the batch's compute time), queue wait and batch size; counters of requests in, out and failed; the
 * device and GPU slot as gauges.
 */
final class StageMetrics {

    /** Samples kept per histogram: enough for stable p95/p99 at the request rates of one subtask. */
    private static final int WINDOW = 1024;

    private final Histogram latency = new DescriptiveStatisticsHistogram(WINDOW);
    private final Histogram queueWait = new DescriptiveStatisticsHistogram(WINDOW);
    private final Histogram computeTime = new DescriptiveStatisticsHistogram(WINDOW);
    private final Histogram batchSize = new DescriptiveStatisticsHistogram(WINDOW);
    private final Counter recordsIn;
    private final Counter recordsOut;
    private final Counter failures;

    StageMetrics(MetricGroup group, DeviceAssignment assignment) {
        group.histogram("latencyMs", latency);
        group.histogram("queueWaitMs", queueWait);
        group.histogram("computeMs", computeTime);
        group.histogram("batchSize", batchSize);
        recordsIn = group.counter("requestsIn");
        recordsOut = group.counter("requestsOut");
        failures = group.counter("requestsFailed");
        String device = assignment.label();
        int slot = assignment.gpuSlot();
        group.gauge("device", (Gauge<String>) () -> device);
        group.gauge("gpuSlot", (Gauge<Integer>) () -> slot);
    }

    void received() {
        recordsIn.inc();
    }

    void batch(int size, long computeMillis) {
        batchSize.update(size);
        computeTime.update(computeMillis);
    }

    void emitted(long queueMillis, long computeMillis, boolean failed) {
        queueWait.update(queueMillis);
        latency.update(queueMillis + computeMillis);
        recordsOut.inc();
        if (failed) {
            failures.inc();
        }
    }
}
