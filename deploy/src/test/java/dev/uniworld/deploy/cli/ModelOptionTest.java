package dev.uniworld.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.uniworld.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken checkpoint stops {@code local} with its own exit code, before the pipeline runs without a model. */
class ModelOptionTest {

    @Test
    void localRefusesACheckpointThatCannotBeLoaded(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.json"), "{ not json");
        assertEquals(ExitCodes.MODEL_UNLOADABLE, UniworldCli.run("local", "--ephemeral", "--kafka-port", "0",
                "--registry-port", "0", "--gateway-port", "-1", "--ui-port", "0", "--model", dir.toString()));
    }
}
