package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.uniworld.model.UniWorldModel;
import dev.uniworld.model.checkpoint.CheckpointIo;
import dev.uniworld.model.config.UniWorldConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Branching a run off a finished phase: what the earlier phases used must agree, and the weights take the recipe. */
class BranchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void afterStageOneAnotherReferenceLayoutMayFollowAndTheWeightsTakeIt() throws Exception {
        // Given a state after stage 1 trained without aligned references (stage 1 has no reference images)
        Recipe aligned = Recipe.tiny();
        Recipe unaligned = aligned.withModel(withAlignment(aligned.model(), false));
        Path state = state(3, unaligned);
        // When stage 2 branches off with aligned references
        RunBranches.branch(state, dir.resolve("run"), aligned);
        // Then the branched weights load as the recipe's model
        Path weights = dir.resolve("run").resolve("state").resolve("weights");
        assertEquals(aligned.model(), CheckpointIo.readConfig(weights));
        assertTrue(aligned.model().dit().alignedReferences());
    }

    @Test
    void afterStageTwoTheReferenceLayoutMayNotChange() throws Exception {
        Recipe aligned = Recipe.tiny();
        Path state = state(4, aligned.withModel(withAlignment(aligned.model(), false)));
        var refused = assertThrows(IllegalArgumentException.class,
                () -> RunBranches.branch(state, dir.resolve("run"), aligned));
        assertTrue(refused.getMessage().startsWith("cannot branch"), refused.getMessage());
    }

    /** A state directory as the trainer leaves it after a phase: weights (with their config) and state.json. */
    private Path state(int nextPhase, Recipe recipe) throws Exception {
        Path state = dir.resolve("state-" + nextPhase);
        try (UniWorldModel model = UniWorldModel.create(recipe.model(), 1)) {
            model.save(state.resolve("weights"));
        }
        JSON.writeValue(state.resolve("state.json").toFile(), new RunState(nextPhase, 0, 100, 0, 60, recipe));
        assertTrue(Files.exists(state.resolve("weights").resolve(CheckpointIo.CONFIG_FILE)));
        return state;
    }

    private static UniWorldConfig withAlignment(UniWorldConfig config, boolean aligned) {
        return config.withDit(config.dit().withAlignedReferences(aligned));
    }
}
