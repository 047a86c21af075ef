package dev.uniworld.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.uniworld.cli.GatewayCommand;
import dev.uniworld.pipeline.GenerationPipelineJob;
import dev.uniworld.pipeline.config.PipelineConfig;
import dev.uniworld.schemas.topics.TopicSpec;
import dev.uniworld.schemas.topics.Topics;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Kubernetes manifests cannot be applied here (no cluster), so this keeps them honest where the code can: they
 * parse, the job and gateway arguments are accepted by the real option parsers, and the topics match the code's.
 */
class DeployDescriptorsTest {

    private static final Path K8S = Path.of("k8s");

    private static List<JsonNode> documents(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = yaml.getFactory().createParser(file.toFile())) {
            var iterator = yaml.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                docs.add(iterator.next());
            }
        }
        return docs;
    }

    private static List<JsonNode> all() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                docs.addAll(documents(file));
            }
        }
        return docs;
    }

    @Test
    void everyManifestParsesAndNamesItsKind() throws IOException {
        List<JsonNode> docs = all();
        assertTrue(docs.size() >= 10, "manifests found: " + docs.size());
        for (JsonNode doc : docs) {
            assertFalse(doc.path("apiVersion").asText().isEmpty(), doc.toString());
            assertFalse(doc.path("kind").asText().isEmpty(), doc.toString());
        }
        documents(Path.of("docker", "compose.yaml"));
    }

    @Test
    void thePipelineArgumentsAreAcceptedByTheJob() throws IOException {
        JsonNode job = all().stream().filter(d -> d.path("kind").asText().equals("FlinkDeployment")).findFirst()
                .orElseThrow().path("spec").path("job");
        assertEquals(GenerationPipelineJob.class.getName(), job.path("entryClass").asText());
        List<String> args = new ArrayList<>();
        job.path("args").forEach(a -> args.add(a.asText()));
        PipelineConfig config = PipelineConfig.fromMap(GenerationPipelineJob.arguments(args.toArray(String[]::new)));
        assertEquals(2, config.parallelism());
    }

    @Test
    void thePipelineIsAlwaysRestoredFromItsLastCheckpoint() throws IOException {
        JsonNode flink = all().stream().filter(d -> d.path("kind").asText().equals("FlinkDeployment")).findFirst()
                .orElseThrow().path("spec").path("flinkConfiguration");
        Map<String, String> entries = new HashMap<>();
        flink.fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue().asText()));
        Configuration conf = Configuration.fromMap(entries);
        assertEquals(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION,
                conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION));
        assertEquals("kubernetes", conf.get(HighAvailabilityOptions.HA_MODE));
        assertTrue(conf.getOptional(HighAvailabilityOptions.HA_STORAGE_PATH).isPresent());
        assertTrue(conf.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY).isPresent());
    }

    @Test
    void theGatewayArgumentsAreAcceptedByTheCommand() throws IOException {
        JsonNode container = all().stream().filter(d -> d.path("metadata").path("name").asText()
                .equals("uniworld-gateway") && d.path("kind").asText().equals("Deployment")).findFirst().orElseThrow()
                .path("spec").path("template").path("spec").path("containers").get(0);
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        assertEquals("gateway", args.get(0));
        new CommandLine(new GatewayCommand()).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
    }

    @Test
    void theTopicsMatchTheCodesTopicRegistry() throws IOException {
        Map<String, JsonNode> declared = new HashMap<>();
        all().stream().filter(d -> d.path("kind").asText().equals("KafkaTopic"))
                .forEach(d -> declared.put(d.path("metadata").path("name").asText(), d.path("spec")));
        List<TopicSpec> expected = Topics.standard(12, (short) 3).all();
        assertEquals(expected.size(), declared.size());
        for (TopicSpec spec : expected) {
            JsonNode topic = declared.get(spec.name());
            assertTrue(topic != null, spec.name() + " missing");
            Map<String, String> configs = new HashMap<>();
            topic.path("config").fields().forEachRemaining(e -> configs.put(e.getKey(), e.getValue().asText()));
            assertEquals(spec.configs(), configs, spec.name());
        }
    }
}
