package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.checkpoint.CheckpointIo;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.tokenizer.SpecialTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Run states on disk for the branching tests, and comparisons of the weights they hold. */
final class BranchFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BranchFixtures() {
    }

    static UniWorldModel load(Path weights) {
        return UniWorldModel.load(weights, Device.cpu(), EnumSet.allOf(Stage.class), SpecialTokens.WORD_LEVEL);
    }

    /** Sum of absolute values over the parameters under a prefix: unequal sums show two sets of weights differ. */
    static double sum(UniWorldModel model, String prefix) {
        return sum(tensors(model), prefix);
    }

    static double sum(Map<String, NDArray> tensors, String prefix) {
        return tensors.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToDouble(e -> e.getValue().abs().sum().getFloat()).sum();
    }

    /** Asserts the same parameters under a prefix in both, value for value. */
    static void assertSameWeights(UniWorldModel expected, UniWorldModel actual, String prefix) {
        assertSameWeights(tensors(expected), tensors(actual), prefix);
    }

    static void assertSameWeights(UniWorldModel expected, Map<String, NDArray> actual, String prefix) {
        assertSameWeights(tensors(expected), actual, prefix);
    }

    static void assertSameWeights(Map<String, NDArray> expected, Map<String, NDArray> actual, String prefix) {
        SortedMap<String, NDArray> wanted = new TreeMap<>(expected);
        SortedMap<String, NDArray> found = new TreeMap<>(actual);
        wanted.keySet().removeIf(name -> !name.startsWith(prefix));
        found.keySet().removeIf(name -> !name.startsWith(prefix));
        assertFalse(wanted.isEmpty(), "no parameter under " + prefix);
        assertEquals(wanted.keySet(), found.keySet(), "the parameters under " + prefix);
        wanted.forEach((name, values) -> {
            assertArrayEquals(values.getShape().getShape(), found.get(name).getShape().getShape(), name);
            assertArrayEquals(values.toFloatArray(), found.get(name).toFloatArray(), name);
        });
    }

    private static Map<String, NDArray> tensors(UniWorldModel model) {
        return model.parameters().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getArray()));
    }

    /**
     * A state directory as the trainer leaves it after a phase ({@code state-<nextPhase>} in {@code dir}): weights of
     * seed 1 (with their config) and state.json.
     */
    static Path state(Path dir, int nextPhase, Recipe recipe) throws Exception {
        Path state = dir.resolve("state-" + nextPhase);
        try (UniWorldModel model = UniWorldModel.create(recipe.model(), 1)) {
            model.network().vlm().forkAnswerLayers(); // as the VLM phase leaves them
            model.save(state.resolve("weights"));
        }
        JSON.writeValue(state.resolve("state.json").toFile(), new RunState(nextPhase, 0, 100, 0, 60, recipe));
        assertTrue(Files.exists(state.resolve("weights").resolve(CheckpointIo.CONFIG_FILE)));
        return state;
    }

}
