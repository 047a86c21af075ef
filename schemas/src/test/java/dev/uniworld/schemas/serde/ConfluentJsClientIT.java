package dev.uniworld.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.uniworld.events.BatchState;
import dev.uniworld.events.BatchStatus;
import dev.uniworld.events.GenerationRequest;
import dev.uniworld.schemas.SampleEvents;
import dev.uniworld.schemas.registry.RegistryFixture;
import dev.uniworld.schemas.registry.RestSchemaRegistryClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded registry and the Java serdes checked by an independent implementation: Confluent's official
 * JavaScript client ({@code interop/confluent-js}, installed by {@code npm ci}). Skipped, with the reason printed,
 * where Node.js or the installed client is missing.
 */
class ConfluentJsClientIT {

    private static final Path CHECK = Path.of("..", "interop", "confluent-js");

    @TempDir
    Path tmp;

    @Test
    void confluentsJavaScriptClientAgreesWithTheRegistryAndTheSerdes() throws Exception {
        assumeInteropInstalled();
        try (RegistryFixture fixture = new RegistryFixture(); RestSchemaRegistryClient client = fixture.newClient()) {
            // Given a request written by the Java serializer and a BatchStatus schema registered by Java
            Path requestBytes = tmp.resolve("request.bin");
            Files.write(requestBytes, new AvroSerializer<>(GenerationRequest.class, client, SerdeSettings.defaults())
                    .serialize("interop-requests", SampleEvents.request("from-java")));
            new AvroSerializer<>(BatchStatus.class, client, SerdeSettings.defaults())
                    .serialize("interop-batches", SampleEvents.batch("registered-by-java"));
            Path batchBytes = tmp.resolve("batch.bin");

            // When Confluent's client runs its checks against the embedded registry
            Process node = new ProcessBuilder("node", CHECK.resolve("check.js").toString(), fixture.url(),
                    requestBytes.toString(), batchBytes.toString()).redirectErrorStream(true).start();
            assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node did not finish");
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, node.exitValue(), output);

            // Then it saw the registry behave like Confluent's and read the Java bytes...
            assertTrue(output.contains("\"idempotent\":true"), output);
            assertTrue(output.contains("\"compatibleV2\":true"), output);
            assertTrue(output.contains("\"incompatibleRefused\":true"), output);
            assertTrue(output.contains("\"latestVersion\":2"), output);
            assertTrue(output.contains("\"requestId\":\"from-java\""), output);
            assertTrue(output.contains("\"prompt\":\"make the red circle blue\""), output);

            // ...and the bytes it wrote read back in Java
            BatchStatus batch = new AvroDeserializer<>(BatchStatus.class, client)
                    .deserialize("interop-batches", Files.readAllBytes(batchBytes));
            assertEquals("js-batch", batch.getBatchId());
            assertEquals(7, batch.getTotal());
            assertEquals(BatchState.COMPLETED_WITH_FAILURES, batch.getState());
        }
    }

    private static void assumeInteropInstalled() {
        String reason = null;
        try {
            Process probe = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!probe.waitFor(10, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                reason = "node did not run";
            }
        } catch (Exception e) {
            reason = "Node.js not found on PATH";
        }
        if (reason == null && !Files.isDirectory(CHECK.resolve("node_modules/@confluentinc/schemaregistry"))) {
            reason = "Confluent's JS client is not installed (run: npm ci --prefix interop/confluent-js)";
        }
        if (reason != null) {
            System.out.println("SKIPPED ConfluentJsClientIT: " + reason);
        }
        Assumptions.assumeTrue(reason == null, reason);
    }
}
