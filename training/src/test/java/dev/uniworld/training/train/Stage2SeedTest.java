package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stage 2's own seed draws another stage-2 sequence and leaves every earlier phase's draws as they were. */
class Stage2SeedTest {

    private final Recipe shipped = Recipe.tiny();

    @Test
    void anotherStage2SeedChangesStage2sDrawsOnly() {
        TrainingData same = PhaseFixtures.data(shipped);
        TrainingData other = PhaseFixtures.data(shipped.withStage2Seed(11));
        assertArrayEquals(same.noise(1, 5, 64), other.noise(1, 5, 64), "stage 1's noise");
        assertArrayEquals(prompts(same.ditBatch(1, 5)), prompts(other.ditBatch(1, 5)), "stage 1's samples");
        assertFalse(Arrays.equals(same.noise(2, 5, 64), other.noise(2, 5, 64)), "stage 2's noise");
        assertFalse(Arrays.equals(prompts(same.ditBatch(2, 5)), prompts(other.ditBatch(2, 5))), "stage 2's samples");
    }

    @Test
    void zeroTakesTheRecipesSeed() {
        TrainingData zero = PhaseFixtures.data(shipped.withStage2Seed(0));
        TrainingData own = PhaseFixtures.data(shipped.withStage2Seed(shipped.seed()));
        assertArrayEquals(zero.noise(2, 5, 64), own.noise(2, 5, 64));
        assertArrayEquals(prompts(zero.ditBatch(2, 5)), prompts(own.ditBatch(2, 5)));
    }

    private static int[][] prompts(List<TrainingData.DitExample> batch) {
        return batch.stream().map(TrainingData.DitExample::promptIds).toArray(int[][]::new);
    }
}
