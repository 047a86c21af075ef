package dev.uniworld.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.uniworld.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackIT {

    @TempDir
    Path tmp;

    @Test
    void startsBrokerRegistryAndEveryTopicWithItsConfig() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStackConfig.ephemeral())) {
            HttpResponse<String> subjects = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(stack.schemaRegistryUrl() + "/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, subjects.statusCode());
            assertEquals("[]", subjects.body());

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
                var names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                for (String topic : List.of(Topics.REQUESTS, Topics.ACCEPTED, Topics.RESULTS, Topics.REJECTED,
                        Topics.BATCHES, Topics.SCHEMAS)) {
                    assertTrue(names.contains(topic), topic + " missing from " + names);
                }
                assertEquals("compact", config(admin, Topics.SCHEMAS).get("cleanup.policy").value());
                assertEquals("compact", config(admin, Topics.BATCHES).get("cleanup.policy").value());
                assertEquals(String.valueOf(Topics.MAX_MESSAGE_BYTES),
                        config(admin, Topics.REQUESTS).get("max.message.bytes").value());
                assertEquals(2, admin.describeTopics(List.of(Topics.RESULTS)).allTopicNames().get()
                        .get(Topics.RESULTS).partitions().size());
            }
            assertTrue(stack.endpoints().containsKey("Schema Registry"));
            String status = stack.gatewayStatusUrl().orElseThrow();
            HttpResponse<String> unknown = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(status + "/requests/nobody")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, unknown.statusCode(), "the gateway answers: " + unknown.body());
        }
    }

    @Test
    void aSecondStartOnTheSameDataDirectoryFindsTheTopicsAlreadyThere() {
        LocalStackConfig config = new LocalStackConfig(0, 0, Optional.of(tmp), 2, 0);
        try (LocalStack first = LocalStack.start(config)) {
            assertEquals(5, first.createdTopics().size());
        }
        try (LocalStack second = LocalStack.start(config)) {
            assertEquals(List.of(), second.createdTopics());
        }
    }

    @Test
    void aTakenPortIsReportedWithTheFlagThatChangesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            LocalStackConfig config = new LocalStackConfig(taken.getLocalPort(), 0, Optional.empty(), 1, -1);
            LocalStack.PortInUseException e = assertThrows(LocalStack.PortInUseException.class,
                    () -> LocalStack.start(config));
            assertTrue(e.getMessage().contains("--kafka-port"), e.getMessage());
        }
    }

    private static Config config(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }
}
