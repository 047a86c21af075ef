package dev.uniworld.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.events.GenerationParameters;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.ReasonCode;
import dev.uniworld.events.RequestRejected;
import dev.uniworld.events.ResultStatus;
import dev.uniworld.events.Task;
import dev.uniworld.pipeline.local.LocalPipeline;
import dev.uniworld.pipeline.local.ResultReader;
import dev.uniworld.testkit.ClusterTest;
import dev.uniworld.testkit.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;

/**
 * Requests that fail inside a stage become FAILED results plus rejections while the job keeps running, and every
 * stage's metrics can be read back from the mini cluster's REST API.
 */
class PipelineObservabilityIT {

    private static final List<String> STAGES = List.of("vlm encode", "siglip encode", "connector fusion",
            "dit denoise", "decode");
    private static final List<String> METRICS = List.of("latencyMs_p95", "queueWaitMs_median", "batchSize_mean",
            "requestsIn", "requestsOut", "device", "gpuSlot");

    @ClusterTest
    void stageFailuresBecomeResultsAndMetricsReachTheRestApi(TestCluster cluster) throws Exception {
        // Given: 12 good requests, one with an undecodable image, one with an impossible guidance, and records a
        // producer that skips the gateway could write: a tombstone, and bytes that are no request
        PipelineRun run = new PipelineRun(cluster, "observed");
        List<GenerationRequest> requests = new ArrayList<>(TestRequests.mixed(run.input, 12));
        requests.add(TestRequests.request("bad-image", Task.EDIT, "make the circle red",
                List.of(new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3}), null, null));
        GenerationRequest nan = TestRequests.request("nan-guidance", Task.GENERATE, "a red circle", List.of(), null,
                null);
        nan.setParameters(GenerationParameters.newBuilder().setGuidance(Float.NaN).build());
        requests.add(nan);
        Set<String> ids = requests.stream().map(GenerationRequest::getRequestId).collect(Collectors.toSet());
        try (LocalPipeline pipeline = LocalPipeline.start(run.config, 0);
                ResultReader<GenerationResult> results = ResultReader.results(cluster.bootstrapServers(),
                        cluster.schemaRegistryUrl(), run.results);
                ResultReader<RequestRejected> rejected = new ResultReader<>(cluster.bootstrapServers(),
                        cluster.schemaRegistryUrl(), run.rejected, RequestRejected.class)) {
            // When: the tombstone first, so that a poisoned job would hold up every request behind it
            run.produceRaw("tombstone", null);
            run.produceRaw("unreadable", "not Avro".getBytes(StandardCharsets.UTF_8));
            run.produce(requests);
            Set<String> answered = new HashSet<>(ids);
            answered.add("unreadable");
            Map<String, GenerationResult> byId = results.readUntil(answered, Duration.ofMinutes(3), r -> { }).stream()
                    .collect(Collectors.toMap(GenerationResult::getRequestId, r -> r));
            List<RequestRejected> rejections = rejected.readUntil(Set.of("bad-image", "nan-guidance", "unreadable"),
                    Duration.ofMinutes(1), r -> { });
            // Then: the two bad requests failed with their reasons, all others succeeded
            assertFailed(byId.get("bad-image"), ReasonCode.IMAGE_UNDECODABLE);
            assertFailed(byId.get("nan-guidance"), ReasonCode.PARAMETER_OUT_OF_RANGE);
            assertFailed(byId.get("unreadable"), ReasonCode.UNDESERIALIZABLE);
            assertEquals(Task.UNKNOWN, byId.get("unreadable").getTask());
            assertTrue(byId.get("unreadable").getError().getMessage().contains("UNKNOWN_MAGIC_BYTE"),
                    byId.get("unreadable").toString());
            assertFalse(byId.containsKey("tombstone"), "a tombstone is no request");
            assertEquals(12, byId.values().stream().filter(r -> r.getStatus() == ResultStatus.OK).count());
            assertTrue(rejections.stream().allMatch(r -> r.getSource().equals("pipeline")), rejections::toString);
            assertEquals("images[0].inline", rejections.stream()
                    .filter(r -> r.getRequestId().equals("bad-image")).findFirst().orElseThrow().getField());
            // Then: the job is still running
            assertEquals(JobStatus.RUNNING, pipeline.client().getJobStatus().get());
            // Then: every stage reports its metrics on the REST API
            checkMetrics(new FlinkRest(pipeline.restUrl()), pipeline.jobId().toString(), requests.size());
        }
    }

    private static void assertFailed(GenerationResult result, ReasonCode code) {
        assertEquals(ResultStatus.FAILED, result.getStatus(), result.toString());
        assertEquals(code, result.getError().getCode(), result.toString());
    }

    /** Each stage's own metrics, per subtask, as {@code <subtask>.<operator name>.<metric>}. */
    private static void checkMetrics(FlinkRest rest, String jobId, int requests) throws Exception {
        Map<String, String> vertices = rest.vertices(jobId);
        for (String stage : STAGES) {
            String scope = stage.replace(' ', '_');
            List<String> names = new ArrayList<>();
            for (int subtask = 0; subtask < 2; subtask++) {
                for (String metric : METRICS) {
                    names.add(subtask + "." + scope + "." + metric);
                }
            }
            Map<String, String> values = awaitMetrics(rest, jobId, vertices.get(stage), names, stage.equals(
                    "vlm encode") ? requests : 1);
            for (int subtask = 0; subtask < 2; subtask++) {
                String prefix = subtask + "." + scope + ".";
                assertEquals("cpu()", values.get(prefix + "device"), stage);
                assertEquals("-1", values.get(prefix + "gpuSlot"), stage + ": no GPU resource in a mini cluster");
            }
            // latencies exist only where requests went: a subtask the keys never reached has an empty histogram
            int served = 0;
            for (int subtask = 0; subtask < 2; subtask++) {
                String prefix = subtask + "." + scope + ".";
                if (Long.parseLong(values.get(prefix + "requestsIn")) > 0) {
                    served++;
                    // each request's latency is its queue wait plus its batch's compute time, so the latencies'
                    // 95th percentile is at least the queue waits' median; batches hold one request or more
                    double queueWaitMedian = Double.parseDouble(values.get(prefix + "queueWaitMs_median"));
                    assertTrue(queueWaitMedian >= 0, stage + " " + values);
                    assertTrue(Double.parseDouble(values.get(prefix + "latencyMs_p95")) >= queueWaitMedian,
                            stage + " " + values);
                    assertTrue(Double.parseDouble(values.get(prefix + "batchSize_mean")) >= 1, stage + " " + values);
                }
            }
            assertTrue(served > 0, stage + ": no subtask received a request");
        }
    }

    /** Polls until the stage's subtasks together report at least {@code minimumIn} requests in. */
    private static Map<String, String> awaitMetrics(FlinkRest rest, String jobId, String vertex, List<String> names,
            int minimumIn) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Map<String, String> values = rest.vertexMetrics(jobId, vertex, names);
            long in = values.entrySet().stream().filter(e -> e.getKey().endsWith(".requestsIn"))
                    .mapToLong(e -> Long.parseLong(e.getValue())).sum();
            if (values.size() == names.size() && in >= minimumIn) {
                long out = values.entrySet().stream().filter(e -> e.getKey().endsWith(".requestsOut"))
                        .mapToLong(e -> Long.parseLong(e.getValue())).sum();
                assertEquals(in, out, "every request in left the stage: " + values);
                return values;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("metrics not reported in time: " + values);
            }
            Thread.sleep(500);
        }
    }
}
