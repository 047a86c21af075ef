package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a kill leaves at each moment of a save, and that the next run resumes from a whole resume point and keeps one
 * while it saves again. Resume points here are folders with a {@code state.json} and one weight file.
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
        assertEquals("step 400", Files.readString(out.resolve("state").resolve("weights.bin")));
        assertFalse(Files.exists(out.resolve("state.tmp")));
    }

    @Test
    void aHalfClearedStateIsNotTakenOverACompleteOne() throws Exception {
        // Given a state/ whose state.json was already deleted, as deleting a folder now starts there, and a complete
        // state.tmp/
        point("state", "step 200");
        Files.delete(out.resolve("state").resolve(RunFiles.STATE_FILE));
        point("state.tmp", "step 400");
        // When
        Path settled = RunCheckpoints.settle(out);
        // Then
        assertEquals("step 400", Files.readString(settled.resolve("weights.bin")));
    }

    @Test
    void replacingAFolderLeavesTheNewOneAndNoOldCopy() throws Exception {
        point("state", "step 200");
        Path fresh = point("state.tmp", "step 400");
        RunFiles.replaceDirectory(fresh, out.resolve("state"));
        assertEquals("step 400", Files.readString(out.resolve("state").resolve("weights.bin")));
        assertFalse(Files.exists(fresh));
        assertFalse(Files.exists(out.resolve("state.old")));
    }

    @Test
    void aStateFileIsWrittenWholeOrNotAtAll() throws Exception {
        // Given a resume point's folder with only a half-written state file beside it, as a kill leaves it
        Path dir = Files.createDirectories(out.resolve("state"));
        Files.writeString(dir.resolve(RunFiles.STATE_FILE + ".part"), "{\"phase\": 1, \"ste");
        // Then there is no resume point
        assertNull(RunCheckpoints.resumePoint(out));
        // And a write through the same path leaves the whole file and nothing beside it
        RunFiles.writeJsonWhole(dir.resolve(RunFiles.STATE_FILE), java.util.Map.of("phase", 1));
        assertEquals(List.of(RunFiles.STATE_FILE), names(dir));
        assertTrue(Files.readString(dir.resolve(RunFiles.STATE_FILE)).contains("\"phase\""));
    }

    @Test
    void aRunNotYetStartedHasNothingToSettle() throws Exception {
        assertNull(RunCheckpoints.settle(out));
        assertFalse(Files.exists(out.resolve("state")));
    }

    private Path point(String name, String weights) throws Exception {
        Path dir = Files.createDirectories(out.resolve(name));
        Files.writeString(dir.resolve("weights.bin"), weights);
        Files.writeString(dir.resolve(RunFiles.STATE_FILE), "{}");
        return dir;
    }

    private static List<String> names(Path dir) throws Exception {
        try (var list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
