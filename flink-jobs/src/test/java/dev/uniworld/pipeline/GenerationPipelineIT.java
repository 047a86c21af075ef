package dev.uniworld.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.ResultStatus;
import dev.uniworld.events.StageTiming;
import dev.uniworld.events.Task;
import dev.uniworld.model.device.Stage;
import dev.uniworld.pipeline.config.FailureInjector;
import dev.uniworld.pipeline.config.PipelineConfig;
import dev.uniworld.pipeline.local.LocalPipeline;
import dev.uniworld.pipeline.local.ResultReader;
import dev.uniworld.testkit.ClusterTest;
import dev.uniworld.testkit.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The whole pipeline on a mini cluster at parallelism 2 over a real broker and registry: 200 mixed requests give
 * exactly 200 results (read_committed), with and without failures injected into the DiT stage.
 */
class GenerationPipelineIT {

    private static final int REQUESTS = 200;

    @ClusterTest
    void twoHundredMixedRequestsGiveExactlyTwoHundredResults(TestCluster cluster) throws Exception {
        PipelineRun run = new PipelineRun(cluster, "mixed");
        runAndCheck(run, run.config, 0);
    }

    @ClusterTest
    void injectedDitFailuresStillGiveEveryResultExactlyOnce(TestCluster cluster) throws Exception {
        // Given: the DiT stage throws after 3 batches in its first attempt and after 2 in its second
        PipelineRun run = new PipelineRun(cluster, "faulty");
        PipelineConfig faulty = run.config.withStage(Stage.DIT,
                run.config.stage(Stage.DIT).withFailureInjector(new FailureInjector(2, 3)));
        runAndCheck(run, faulty, 2);
    }

    private static void runAndCheck(PipelineRun run, PipelineConfig config, int restarts) throws Exception {
        // Given
        List<GenerationRequest> requests = TestRequests.mixed(run.input, REQUESTS);
        Map<String, GenerationRequest> byId = requests.stream()
                .collect(Collectors.toMap(GenerationRequest::getRequestId, Function.identity()));
        // When
        List<GenerationResult> results;
        List<GenerationResult> late;
        long start = System.nanoTime();
        try (LocalPipeline pipeline = LocalPipeline.start(config, 0);
                ResultReader<GenerationResult> reader = ResultReader.results(run.config.kafka().bootstrapServers(),
                        run.config.kafka().schemaRegistryUrl(), run.results)) {
            run.produce(requests);
            results = reader.readUntil(byId.keySet(), Duration.ofMinutes(5), r -> { });
            System.out.printf("%d results in %.1f s%n", results.size(), (System.nanoTime() - start) / 1e9);
            late = reader.drain(Duration.ofSeconds(3)); // two more checkpoints: nothing more may commit
            List<String> failures = new FlinkRest(pipeline.restUrl()).failures(pipeline.jobId().toString());
            // both DiT subtasks may fail within one attempt; each failing attempt restarts the job once
            Set<String> failedAttempts = failures.stream().map(f -> f.replaceAll(".*(attempt \\d+).*", "$1"))
                    .collect(Collectors.toSet());
            assertEquals(restarts, failedAttempts.size(), "failed attempts: " + failures);
            assertTrue(failures.stream().allMatch(f -> f.contains("injected failure in stage dit")),
                    failures::toString);
        }
        // Then: exactly one result per request
        assertEquals(REQUESTS, results.size() + late.size(), "results, duplicates included");
        Map<String, Long> counts = results.stream()
                .collect(Collectors.groupingBy(GenerationResult::getRequestId, Collectors.counting()));
        assertEquals(byId.keySet(), counts.keySet());
        assertTrue(counts.values().stream().allMatch(c -> c == 1), "duplicates: " + counts);
        for (GenerationResult result : results) {
            checkResult(byId.get(result.getRequestId()), result);
        }
    }

    private static void checkResult(GenerationRequest request, GenerationResult result) {
        String id = request.getRequestId();
        assertEquals(ResultStatus.OK, result.getStatus(), id + ": " + result.getError());
        List<String> stages = result.getStages().stream().map(StageTiming::getStage).toList();
        Task task = result.getTask();
        if (request.getTask() != Task.AUTO) {
            assertEquals(request.getTask(), task, id);
        }
        if (task == Task.UNDERSTAND) {
            assertNotNull(result.getAnswer(), id);
            assertNull(result.getImage(), id);
            assertEquals(List.of("vlm"), stages, id);
            return;
        }
        assertNotNull(result.getImage(), id);
        Integer width = request.getParameters().getWidth();
        Integer height = request.getParameters().getHeight();
        assertEquals(width == null ? 64 : width, result.getImage().getWidth(), id);
        assertEquals(height == null ? 64 : height, result.getImage().getHeight(), id);
        assertEquals(task == Task.GENERATE ? List.of("vlm", "fusion", "dit", "decode")
                : List.of("vlm", "siglip", "fusion", "dit", "decode"), stages, id);
        for (StageTiming timing : result.getStages()) {
            assertEquals("cpu()", timing.getDevice(), id);
            assertTrue(timing.getBatchSize() >= 1 && timing.getComputeMillis() >= 0, id);
        }
        assertEquals("uniworld-tiny", result.getModelId());
        assertEquals("random-seed-42", result.getModelVersion());
    }
}
