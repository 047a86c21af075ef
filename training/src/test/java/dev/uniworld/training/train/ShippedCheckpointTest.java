package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.uniworld.model.checkpoint.CheckpointIo;
import dev.uniworld.model.checkpoint.CheckpointVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
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

    /** The README gives this version: it changes with the weights, config or vocabulary, and the README with it. */
    @Test
    void theShippedCheckpointServesTheVersionTheReadmeGives() throws Exception {
        String served = CheckpointVersion.of(Path.of("..", "models", "uniworld-tiny"));
        String readme = Files.readString(Path.of("..", "README.md"));
        List<String> given = Pattern.compile("version `([0-9a-f]{12}-[0-9a-f]+)`").matcher(readme).results()
                .map(match -> match.group(1)).toList();
        assertFalse(given.isEmpty(), "the README gives no model version");
        given.forEach(version -> assertEquals(served, version, "a model version the README gives"));
    }
}
