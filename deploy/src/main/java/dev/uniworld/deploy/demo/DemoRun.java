package dev.uniworld.deploy.demo;

import dev.uniworld.deploy.LocalStack;
import dev.uniworld.deploy.LocalStackConfig;
import dev.uniworld.deploy.StackPipeline;
import dev.uniworld.events.GenerationParameters;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.events.GenerationResult;
import dev.uniworld.events.ImageRef;
import dev.uniworld.pipeline.config.PipelineConfig;
import dev.uniworld.pipeline.local.LocalPipeline;
import dev.uniworld.pipeline.local.ResultReader;
import dev.uniworld.schemas.serde.AvroSerializer;
import dev.uniworld.schemas.topics.Topics;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./uniworld demo}: the embedded stack, the pipeline on a Flink mini cluster with its web UI, the bundled batch
 * through it, the results on disk with a gallery, and a summary.
 *
 * @param outDir        where the gallery goes
 * @param serve         keep everything running after the batch, for the dashboard
 * @param uiPort        Flink web UI port; 0, or a port another server holds, picks a free one
 * @param checkpointDir the model checkpoint; a missing one means the seeded random tiny model
 * @param parallelism   subtasks per stage
 * @param timeout       how long to wait for every result
 */
public record DemoRun(Path outDir, boolean serve, int uiPort, String checkpointDir, int parallelism,
        Duration timeout) {

    /**
     * Where the demo submits: the requests topic, like any client, so every request passes the gateway's validation
     * and deduplication on its way to the pipeline's input ({@link Topics#ACCEPTED}) and the batch is tracked.
     */
    static final String SUBMIT_TOPIC = Topics.REQUESTS;

    /** Runs the demo; returns the exit code (0 when every request has a result). */
    public int run(PrintStream out) throws Exception {
        // Step 1: the embedded stack on free ports, so a running ./uniworld local is not disturbed
        out.println("Starting the embedded stack (Kafka broker, Schema Registry, topics, gateway)...");
        try (LocalStack stack = LocalStack.start(LocalStackConfig.ephemeral())) {
            // Step 2: the pipeline on a Flink mini cluster with its web UI
            PipelineConfig config = StackPipeline.config(stack, checkpointDir, parallelism, "uniworld-demo");
            try (LocalPipeline pipeline = LocalPipeline.start(config, webUiPort(out))) {
                out.println("  Kafka bootstrap servers  " + stack.bootstrapServers());
                out.println("  Schema Registry          " + stack.schemaRegistryUrl());
                stack.gatewayStatusUrl().ifPresent(url -> out.println("  Gateway status           " + url));
                out.println("  Flink web UI             " + pipeline.restUrl() + "   (job " + pipeline.jobId() + ")");
                // Step 3: submit the bundled batch and wait for every result
                List<DemoItem> items = DemoItem.bundled();
                String prefix = "demo-" + Instant.now().toEpochMilli() + "-";
                Map<String, GenerationResult> results = new HashMap<>();
                long start = System.currentTimeMillis();
                try (ResultReader<GenerationResult> reader = ResultReader.results(stack.bootstrapServers(),
                        stack.schemaRegistryUrl(), Topics.RESULTS)) {
                    submit(stack, items, prefix);
                    out.println("Submitted " + items.size() + " requests to " + SUBMIT_TOPIC
                            + "; waiting for results...");
                    Set<String> ids = items.stream().map(i -> prefix + i.id()).collect(Collectors.toSet());
                    reader.readUntil(ids, timeout, r -> results.put(r.getRequestId(), r));
                }
                long end = System.currentTimeMillis();
                // Step 4: gallery and summary
                Path index = DemoGallery.write(outDir, prefix, items, results);
                GenerationResult any = results.values().iterator().next();
                out.println("Model " + any.getModelId() + " version " + any.getModelVersion());
                DemoSummary.of(results.values(), start, end).print(out);
                out.println("Gallery: " + index.toAbsolutePath());
                if (serve) {
                    serveUntilInterrupted(out, pipeline);
                }
            }
        }
        return 0;
    }

    /** The port asked for, or a free one when another server holds it: the demo's batch never waits on a port. */
    int webUiPort(PrintStream out) {
        if (uiPort == 0 || LocalPipeline.portFree(uiPort)) {
            return uiPort;
        }
        out.println("  Port " + uiPort + " is in use (a running ./uniworld local?): the web UI takes a free port");
        return 0;
    }

    private static void submit(LocalStack stack, List<DemoItem> items, String prefix) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        AvroSerializer<GenerationRequest> values = new AvroSerializer<>(GenerationRequest.class);
        values.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        String batch = prefix + "batch";
        try (KafkaProducer<String, GenerationRequest> producer = new KafkaProducer<>(props, new StringSerializer(),
                values)) {
            for (DemoItem item : items) {
                List<ImageRef> images = item.image() == null ? List.of()
                        : List.of(ImageRef.newBuilder().setInline(ByteBuffer.wrap(item.image())).build());
                GenerationRequest request = GenerationRequest.newBuilder().setRequestId(prefix + item.id())
                        .setBatchId(batch).setBatchSize(items.size()).setTask(item.task())
                        .setPrompt(item.prompt()).setImages(images)
                        .setParameters(new GenerationParameters()).setSubmittedAt(Instant.now()).build();
                producer.send(new ProducerRecord<>(SUBMIT_TOPIC, request.getRequestId(), request));
            }
        }
    }

    private static void serveUntilInterrupted(PrintStream out, LocalPipeline pipeline) throws InterruptedException {
        out.println("Serving: submit to " + SUBMIT_TOPIC + " (e.g. ./uniworld submit with the addresses above);"
                + " dashboard at " + pipeline.restUrl()
                + " (Ctrl-C stops)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "demo-shutdown"));
        stopped.await();
    }
}
