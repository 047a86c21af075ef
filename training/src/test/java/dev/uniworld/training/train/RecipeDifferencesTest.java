package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.model.config.Presets;
import dev.uniworld.model.config.UniWorldConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeDifferencesTest {

    @Test
    void namesEachDifferingFieldByItsPath() {
        Recipe shipped = Recipe.tiny();
        UniWorldConfig model = shipped.model();
        Recipe older = shipped.withSeed(7).withModel(model.withVlm(model.vlm().withDescribesFirst(false)));
        assertEquals(List.of("model.vlm.describesFirst: true here, false asked", "seed: 10 here, 7 asked"),
                RecipeDifferences.between(shipped, older));
        assertEquals(List.of(), RecipeDifferences.between(shipped, Recipe.tiny()));
    }

    @Test
    void aRunResumedWithOtherOptionsIsRefusedWithTheFieldsThatDiffer(@TempDir Path dir) throws Exception {
        // one stage-1 step of a 16-token DiT leaves a resume point
        Recipe started = Recipe.tiny().withAnswers(0, 0).withModel(Recipe.withPatch(Presets.tiny(), 16))
                .withSteps(0, 0, 1, 0).withBatches(2, 2, 2);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        new TrainingRun(started, dir, quiet).run();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingRun(started.withSeed(started.seed() + 1), dir, quiet).run());
        assertTrue(e.getMessage().contains("seed: " + started.seed() + " here, " + (started.seed() + 1) + " asked"),
                e.getMessage());
    }
}
