package dev.uniworld.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.uniworld.events.GenerationRequest;
import dev.uniworld.gateway.http.StatusServer;
import dev.uniworld.schemas.serde.AvroSerializer;
import dev.uniworld.schemas.topics.TopicProvisioner;
import dev.uniworld.schemas.topics.Topics;
import dev.uniworld.testkit.ClusterTest;
import dev.uniworld.testkit.TestCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.io.TempDir;

/** Two gateway instances share the work; each answers for every id, forwarding to the owner when needed. */
class GatewayRoutingIT {

    @TempDir
    Path tmp;

    @ClusterTest
    void everyInstanceAnswersForEveryIdByAskingTheOwner(TestCluster cluster) throws Exception {
        Topics topics = Topics.standard(2, (short) 1);
        Topics routed = new Topics(rename(topics.requests(), "routing.requests"),
                rename(topics.accepted(), "routing.accepted"), rename(topics.results(), "routing.results"),
                rename(topics.rejected(), "routing.rejected"), rename(topics.batches(), "routing.batches"));
        TopicProvisioner.ensure(Map.of("bootstrap.servers", cluster.bootstrapServers()), routed.all());
        GatewayConfig base = GatewayConfig.defaults(cluster.bootstrapServers(), cluster.schemaRegistryUrl());
        GatewayConfig first = new GatewayConfig("routing-gateway", base.clientConfig(), tmp.resolve("a"),
                "127.0.0.1", 0, base.dedupWindow(), base.statusRetention(), base.limits(), routed);
        GatewayConfig second = new GatewayConfig("routing-gateway", base.clientConfig(), tmp.resolve("b"),
                "127.0.0.1", 0, base.dedupWindow(), base.statusRetention(), base.limits(), routed);
        try (Gateway a = Gateway.start(first); Gateway b = Gateway.start(second)) {
            a.awaitRunning(Duration.ofSeconds(90));
            b.awaitRunning(Duration.ofSeconds(90));
            List<String> ids = List.of("route-1", "route-2", "route-3", "route-4", "route-5", "route-6");
            AvroSerializer<GenerationRequest> serializer = new AvroSerializer<>(GenerationRequest.class);
            serializer.configure(Map.of("schema.registry.url", cluster.schemaRegistryUrl()), false);
            try (KafkaProducer<String, GenerationRequest> producer = new KafkaProducer<>(cluster.clientConfig(),
                    new StringSerializer(), serializer)) {
                for (String id : ids) {
                    producer.send(new ProducerRecord<>("routing.requests", id, TestRequests.generate(id).build()));
                }
            }
            java.util.Set<String> owners = new java.util.HashSet<>();
            int forwarded = 0;
            for (String id : ids) {
                for (Gateway instance : List.of(a, b)) {
                    HttpResponse<String> answer = await(instance.statusUrl() + "/requests/" + id);
                    assertEquals(200, answer.statusCode(), instance.statusUrl() + " for " + id + ": " + answer.body());
                    assertTrue(answer.body().contains("\"ACCEPTED\""), answer.body());
                    String servedBy = answer.headers().firstValue(StatusServer.SERVED_BY).orElseThrow();
                    owners.add(servedBy);
                    if (!instance.statusUrl().endsWith(servedBy)) {
                        forwarded++;
                    }
                }
            }
            // Both instances own some ids, so each forwarded the questions about the other's ids.
            assertEquals(2, owners.size(), "owners: " + owners);
            assertEquals(ids.size(), forwarded, "every id is answered once locally and once by forwarding");
        }
    }

    private static dev.uniworld.schemas.topics.TopicSpec rename(dev.uniworld.schemas.topics.TopicSpec spec,
            String name) {
        return new dev.uniworld.schemas.topics.TopicSpec(name, spec.partitions(), spec.replicas(), spec.configs());
    }

    private static HttpResponse<String> await(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> last = null;
        for (int i = 0; i < 150; i++) {
            last = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            if (last.statusCode() == 200) {
                return last;
            }
            Thread.sleep(200);
        }
        return last;
    }
}
