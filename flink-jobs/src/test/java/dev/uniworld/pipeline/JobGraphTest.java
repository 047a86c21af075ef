package dev.uniworld.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.pipeline.config.PipelineConfig;
import dev.uniworld.pipeline.io.KafkaConnectors;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The job graph as submitted: named stages with uids and their own slot groups, and no Kryo anywhere. */
class JobGraphTest {

    @Test
    void everyStageIsItsOwnNamedOperatorInItsOwnSlotGroupAndNoEdgeUsesKryo() {
        // Given
        PipelineConfig config = PipelineConfig.fromMap(Map.of("stage.dit.parallelism", "3"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new GenerationPipelineJob(KafkaConnectors.source(config.kafka()), KafkaConnectors.results(config.kafka()),
                KafkaConnectors.rejected(config.kafka()), config).build(env);
        // When: building the graph creates every edge's serializer, which fails on a generic type
        StreamGraph graph = env.getStreamGraph();
        // Then
        Map<String, StreamNode> byName = graph.getStreamNodes().stream()
                .collect(Collectors.toMap(StreamNode::getOperatorName, n -> n, (a, b) -> a));
        for (String stage : List.of("vlm encode", "siglip encode", "connector fusion", "dit denoise", "decode")) {
            StreamNode node = byName.get(stage);
            assertTrue(node != null, stage + " missing from " + byName.keySet());
            assertTrue(node.getTransformationUID() != null, stage + " has no uid");
        }
        assertEquals(3, byName.get("dit denoise").getParallelism());
        assertEquals("dit", byName.get("dit denoise").getSlotSharingGroup());
        assertEquals(Set.of("default", "vlm", "siglip", "fusion", "dit", "decode"), graph.getStreamNodes().stream()
                .map(StreamNode::getSlotSharingGroup).collect(Collectors.toSet()));
        assertEquals(1 + 1 + 1 + 1 + 3 + 1, config.requiredSlots());
    }

    @Test
    void aGenericTypeFailsAtSubmission() {
        PipelineConfig config = PipelineConfig.defaults();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(config.flinkConfiguration());
        var refused = assertThrows(UnsupportedOperationException.class, () -> {
            env.fromData(new Object()).returns(TypeInformation.of(Object.class)).print();
            env.getStreamGraph();
        });
        assertTrue(refused.getMessage().contains("Generic types have been disabled"), refused.getMessage());
    }
}
