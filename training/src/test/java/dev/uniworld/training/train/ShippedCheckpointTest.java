package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.uniworld.model.checkpoint.CheckpointIo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The checkpoint in the repository is what {@code ./uniworld train --preset tiny} trains: the same model config. */
class ShippedCheckpointTest {

    @Test
    void theShippedConfigIsTheRecipesModel() {
        Path shipped = Path.of("..", "models", "uniworld-tiny");
        assertEquals(Recipe.tiny().model(), CheckpointIo.readConfig(shipped));
    }
}
