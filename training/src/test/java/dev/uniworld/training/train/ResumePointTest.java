package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.model.checkpoint.CheckpointIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a kill leaves at each moment of a save, and that the next run resumes from a whole resume point and keeps one
 * while it saves again. Resume points here hold a {@code state.json} and weight files whose text names them.
 */
class ResumePointTest {

    @TempDir
    Path out;

    @Test
    void aKillBetweenTheSwapsRenamesLeavesTheNewPointWhichTheNextRunMovesIntoPlace() throws Exception {
        // Given state/ already renamed to state.old/ and the complete state.tmp/ not yet renamed to state/
        point("state.old", "step 200");
        point("state.tmp", "step 400");
        // When the next run settles its resume point
        Path settled = RunCheckpoints.settle(out);
        // Then the newer one is state/, so the next save may clear state.tmp/
        assertEquals(out.resolve("state"), settled);
        assertEquals("step 400", weightsOf(settled));
        assertFalse(Files.exists(out.resolve("state.tmp")));
    }

    @Test
    void aStateHalfDeletedByAnEarlierVersionIsPassedOverForAWholeOne() throws Exception {
        // Given a state/ whose weights went before its state.json (the order an earlier version deleted in), and a
        // complete state.tmp/
        Path half = point("state", "step 200");
        Files.delete(half.resolve("weights").resolve(CheckpointIo.DIGEST_FILE));
        Files.delete(half.resolve("weights").resolve(CheckpointIo.WEIGHTS_FILE));
        point("state.tmp", "step 400");
        // When
        Path settled = RunCheckpoints.settle(out);
        // Then
        assertEquals("step 400", weightsOf(settled));
    }

    @Test
    void replacingAFolderLeavesTheNewOneAndNoOldCopy() throws Exception {
        point("state", "step 200");
        Path fresh = point("state.tmp", "step 400");
        RunFiles.replaceDirectory(fresh, out.resolve("state"));
        assertEquals("step 400", weightsOf(out.resolve("state")));
        assertFalse(Files.exists(fresh));
        assertFalse(Files.exists(out.resolve("state.old")));
    }

    @Test
    void aStateFileWhoseWritingFailsLeavesTheOldOneWhole() throws Exception {
        Path file = out.resolve(RunFiles.STATE_FILE);
        Files.writeString(file, "{\"phase\" : 1}");
        assertThrows(IOException.class, () -> RunFiles.writeJsonWhole(file, new Unwritable()));
        assertEquals("{\"phase\" : 1}", Files.readString(file));
    }

    @Test
    void aRunResumingAtAPhasesStartGetsTheKeptCopyOfThePhasesEndWhereItIsMissing() throws Exception {
        // Given a run whose resume point is the start of phase 2, with no state-after of phase 1
        Recipe recipe = Recipe.tiny();
        Path state = point("state", "end of phase 1");
        RunState atStart = new RunState(2, 0, 100, 10, 5, recipe);
        Path kept = out.resolve("state-after-" + recipe.phaseNames().get(1));
        // When it starts
        RunCheckpoints.keepPhaseEnd(out, state, atStart, recipe);
        // Then the phase's end is kept, once
        assertEquals("end of phase 1", weightsOf(kept));
        Files.writeString(state.resolve("weights").resolve(CheckpointIo.WEIGHTS_FILE), "later");
        RunCheckpoints.keepPhaseEnd(out, state, atStart, recipe);
        assertEquals("end of phase 1", weightsOf(kept), "a whole copy stays as it is");
        // And a run inside a phase keeps nothing
        RunCheckpoints.keepPhaseEnd(out, state, new RunState(3, 40, 140, 50, 9, recipe), recipe);
        assertFalse(Files.exists(out.resolve("state-after-" + recipe.phaseNames().get(2))));
    }

    @Test
    void aRunNotYetStartedHasNothingToSettle() throws Exception {
        assertNull(RunCheckpoints.settle(out));
        assertFalse(Files.exists(out.resolve("state")));
        assertTrue(Files.isDirectory(out));
    }

    /** A folder that looks like a whole resume point; its weight file holds {@code label}. */
    private Path point(String name, String label) throws Exception {
        Path dir = Files.createDirectories(out.resolve(name));
        Path weights = Files.createDirectories(dir.resolve("weights"));
        Files.writeString(weights.resolve(CheckpointIo.CONFIG_FILE), "{}");
        Files.writeString(weights.resolve(CheckpointIo.WEIGHTS_FILE), label);
        Files.writeString(weights.resolve(CheckpointIo.DIGEST_FILE), "0");
        Files.writeString(dir.resolve(RunFiles.STATE_FILE), "{}");
        return dir;
    }

    private static String weightsOf(Path point) throws IOException {
        return Files.readString(point.resolve("weights").resolve(CheckpointIo.WEIGHTS_FILE));
    }

    /** Serializes as far as its one property, which fails. */
    static final class Unwritable {
        public String getProblem() {
            throw new IllegalStateException("cannot be written");
        }
    }
}
