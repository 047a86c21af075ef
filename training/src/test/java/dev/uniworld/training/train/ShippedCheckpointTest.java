package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.uniworld.model.checkpoint.CheckpointIo;
import dev.uniworld.model.checkpoint.CheckpointVersion;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The checkpoint in the repository is what {@code ./uniworld train --preset tiny} trains, under the version given. */
class ShippedCheckpointTest {

    @Test
    void theShippedConfigIsTheRecipesModel() {
        Path shipped = Path.of("..", "models", "uniworld-tiny");
        assertEquals(Recipe.tiny().model(), CheckpointIo.readConfig(shipped));
    }

    /** Its recipe.json, which {@code --encoders-from models/uniworld-tiny} checks, is the recipe in the code. */
    @Test
    void theShippedRecipeIsTheCodesRecipe() throws Exception {
        Path shipped = Path.of("..", "models", "uniworld-tiny", RunCheckpoints.RECIPE_FILE);
        assertEquals(Recipe.tiny(), RunFiles.JSON.readValue(shipped.toFile(), Recipe.class));
    }

    /** The README and the demo's summary give this version: it changes with the weights, config or vocabulary. */
    @Test
    void theShippedCheckpointServesTheVersionTheReadmeGives() {
        assertEquals("07afed3a1d9f-238982", CheckpointVersion.of(Path.of("..", "models", "uniworld-tiny")));
    }
}
