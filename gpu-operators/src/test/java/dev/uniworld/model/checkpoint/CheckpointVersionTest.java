package dev.uniworld.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.model.tokenizer.WordTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A served version names the weights, the sampler's settings and the words, and changes with each. */
class CheckpointVersionTest {

    private static final String WEIGHTS_DIGEST = "01ab7b3dcbdee604b7a624d0ad33090a288494b93fb2ff8ebd80a45f3868fc12";

    @TempDir
    Path dir;

    @BeforeEach
    void writeACheckpointsSmallFiles() throws Exception {
        Files.writeString(dir.resolve(CheckpointIo.DIGEST_FILE), WEIGHTS_DIGEST + "  model.safetensors\n");
        Files.writeString(dir.resolve(CheckpointIo.CONFIG_FILE), "{\"sampler\": {\"referenceFreshNoise\": 1.0}}");
        Files.writeString(dir.resolve(WordTokenizer.CHECKPOINT_FILE), "red\ncircle\n");
    }

    @Test
    void theVersionIsTheWeightsDigestThenTheSetupsDigest() {
        String version = CheckpointVersion.of(dir);
        assertTrue(version.matches("01ab7b3dcbde-[0-9a-f]{6}"), version);
        assertEquals(version, CheckpointVersion.of(dir));
    }

    @Test
    void anotherSamplerSettingChangesOnlyTheSetupPart() throws Exception {
        String before = CheckpointVersion.of(dir);
        Files.writeString(dir.resolve(CheckpointIo.CONFIG_FILE), "{\"sampler\": {\"referenceFreshNoise\": 0.5}}");
        String after = CheckpointVersion.of(dir);
        assertEquals(before.substring(0, 13), after.substring(0, 13));
        assertNotEquals(before, after);
    }

    @Test
    void anotherVocabularyOrNoneChangesTheVersion() throws Exception {
        String before = CheckpointVersion.of(dir);
        Files.writeString(dir.resolve(WordTokenizer.CHECKPOINT_FILE), "red\nsquare\n");
        String otherWords = CheckpointVersion.of(dir);
        Files.delete(dir.resolve(WordTokenizer.CHECKPOINT_FILE));
        String builtInWords = CheckpointVersion.of(dir);
        assertNotEquals(before, otherWords);
        assertNotEquals(before, builtInWords);
        assertNotEquals(otherWords, builtInWords);
    }

    @Test
    void otherWeightsChangeOnlyTheWeightsPart() throws Exception {
        String before = CheckpointVersion.of(dir);
        Files.writeString(dir.resolve(CheckpointIo.DIGEST_FILE), "ff" + WEIGHTS_DIGEST.substring(2));
        String after = CheckpointVersion.of(dir);
        assertEquals("ffab7b3dcbde", after.substring(0, 12));
        assertEquals(before.substring(12), after.substring(12));
    }

    @Test
    void anEmptyVocabularyIsNotTheBuiltInOne() throws Exception {
        Files.writeString(dir.resolve(WordTokenizer.CHECKPOINT_FILE), "");
        String empty = CheckpointVersion.of(dir);
        Files.delete(dir.resolve(WordTokenizer.CHECKPOINT_FILE));
        assertNotEquals(empty, CheckpointVersion.of(dir));
    }

    @Test
    void anUpperCaseDigestNamesTheSameWeights() throws Exception {
        String lower = CheckpointVersion.of(dir);
        Files.writeString(dir.resolve(CheckpointIo.DIGEST_FILE), WEIGHTS_DIGEST.toUpperCase());
        assertEquals(lower, CheckpointVersion.of(dir));
    }

    @Test
    void aDigestThatIsNotASha256OrMissingFilesAreRefusedByName() throws Exception {
        Files.writeString(dir.resolve(CheckpointIo.DIGEST_FILE), "");
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> CheckpointVersion.of(dir));
        assertTrue(empty.getMessage().contains("model.safetensors.sha256"), empty.getMessage());
        Files.writeString(dir.resolve(CheckpointIo.DIGEST_FILE), "not-a-digest");
        IllegalArgumentException garbled = assertThrows(IllegalArgumentException.class,
                () -> CheckpointVersion.of(dir));
        assertTrue(garbled.getMessage().contains("'not-a-digest'"), garbled.getMessage());
        Files.writeString(dir.resolve(CheckpointIo.DIGEST_FILE), WEIGHTS_DIGEST);
        Files.delete(dir.resolve(CheckpointIo.CONFIG_FILE));
        IllegalArgumentException noConfig = assertThrows(IllegalArgumentException.class,
                () -> CheckpointVersion.of(dir));
        assertTrue(noConfig.getMessage().startsWith("missing config.json"), noConfig.getMessage());
    }
}
