package dev.uniworld.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.cli.CliException;
import dev.uniworld.cli.ExitCodes;
import dev.uniworld.pipeline.model.LoadedModel;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The stack commands' own failures map to the README's exit codes; the rest goes to the client's handler. */
class StackFailureTest {

    @Test
    void demoResultsThatDoNotArriveInTimeExitWithTheTimeoutCode() {
        CliException known = UniworldCli.stackFailure(new TimeoutException("3 of 36 keys not seen within PT1S"));
        assertEquals(ExitCodes.TIMEOUT, known.exitCode());
        assertTrue(known.getMessage().startsWith("3 of 36 keys not seen within PT1S"), known.getMessage());
        assertTrue(known.getMessage().contains("--timeout-s"), known.getMessage());
    }

    @Test
    void anUnloadableCheckpointExitsWithItsCode() {
        CliException known = UniworldCli.stackFailure(
                new LoadedModel.ModelLoadException("model checkpoint at x cannot be loaded: no config", null));
        assertEquals(ExitCodes.MODEL_UNLOADABLE, known.exitCode());
    }

    @Test
    void otherFailuresAreLeftToTheClientsHandler() {
        assertNull(UniworldCli.stackFailure(new IllegalStateException("a bug")));
    }
}
