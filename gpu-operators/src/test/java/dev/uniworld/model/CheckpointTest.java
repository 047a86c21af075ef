package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.uniworld.model.checkpoint.CheckpointException;
import dev.uniworld.model.checkpoint.CheckpointIo;
import dev.uniworld.model.config.ConnectorConfig;
import dev.uniworld.model.config.DitConfig;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.device.Stage;
import dev.uniworld.model.tokenizer.SpecialTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    private final UniWorldConfig config = TestModels.micro();

    @TempDir
    Path dir;

    private HostTensor generate(UniWorldModel model) {
        int[][] ids = {TestModels.prompts(config).build("add a blue star", 1)};
        HostTensor image = TestModels.images(1, config.imageSize(), 4);
        FusedContext fused = model.fuse(model.encodeVlm(ids, image), model.encodeSiglip(image), null, null);
        return model.decode(model.denoise(fused, null, config.sampler(), new long[] {8}));
    }

    private UniWorldModel load(Set<Stage> stages) {
        return UniWorldModel.load(dir, Device.cpu(), stages, SpecialTokens.WORD_LEVEL);
    }

    @Test
    void saveThenLoadGivesIdenticalOutputs() throws IOException {
        try (UniWorldModel original = UniWorldModel.create(config, 21)) {
            original.save(dir);
            try (UniWorldModel loaded = load(EnumSet.allOf(Stage.class))) {
                assertArrayEquals(generate(original).data(), generate(loaded).data());
            }
            try (UniWorldModel ditOnly = load(EnumSet.of(Stage.DIT))) {
                ditOnly.parameters().forEach((name, p) -> assertArrayEquals(
                        original.parameters().get(name).getArray().toFloatArray(), p.getArray().toFloatArray()));
            }
        }
    }

    @Test
    void aCorruptedFileFailsListingTheProblem() throws IOException {
        try (UniWorldModel original = UniWorldModel.create(config, 21)) {
            original.save(dir);
        }
        Path weights = dir.resolve(CheckpointIo.WEIGHTS_FILE);
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length - 10] ^= 0x40; // a bit inside the last tensor's data
        Files.write(weights, bytes);
        CheckpointException e = assertThrows(CheckpointException.class, () -> load(EnumSet.allOf(Stage.class)));
        assertTrue(e.problems().get(0).contains("corrupted"), e.getMessage());
    }

    @Test
    void aMismatchedCheckpointListsEveryMissingUnexpectedAndMisShapedTensor() throws IOException {
        try (UniWorldModel original = UniWorldModel.create(config, 21)) {
            original.save(dir);
        }
        // a DiT with another width and one more double block than the checkpoint holds
        DitConfig d = config.dit();
        UniWorldConfig other = new UniWorldConfig(config.name(), config.imageSize(), config.vlm(), config.siglip(),
                new ConnectorConfig(48, 64, 0, false),
                new DitConfig(48, d.heads(), d.doubleBlocks() + 1, 0, d.mlpRatio(),
                        d.patchSize(), d.timeEmbedDim(), true, d.ropeTheta(), true, false, false, false),
                config.latent(), config.sampler());
        try (UniWorldModel wrong = UniWorldModel.create(other, 1)) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointIo.load(dir,
                    wrong.parameters(), Set.of(), wrong.manager()));
            String message = e.getMessage();
            assertTrue(e.problems().size() > 10, message);
            assertTrue(message.contains("missing tensor dit.double1."), message);
            assertTrue(message.contains("unexpected tensor dit.single0."), message);
            assertTrue(message.contains("model expects"), message);
        }
    }

    @Test
    void configRoundTripsThroughJson() throws IOException {
        try (UniWorldModel original = UniWorldModel.create(config, 21)) {
            original.save(dir);
        }
        assertTrue(CheckpointIo.readConfig(dir).equals(config));
    }

    @Test
    void aConfigWrittenBeforeAlignedReferencesImagePredictionTheShortcutAndPlacesReadsAsNone() throws IOException {
        // Given a config.json without the four fields, as checkpoints written before them have
        UniWorldConfig newer = config.withDit(config.dit().withPredictsImage(true).withReferenceShortcut(true)
                .withAbsolutePositions(true));
        try (UniWorldModel original = UniWorldModel.create(newer, 21)) {
            original.save(dir);
        }
        Path file = dir.resolve(CheckpointIo.CONFIG_FILE);
        String json = Files.readString(file);
        String fields = ",\n    \"alignedReferences\" : true,\n    \"predictsImage\" : true,\n"
                + "    \"referenceShortcut\" : true,\n    \"absolutePositions\" : true";
        assertTrue(json.contains(fields), json);
        Files.writeString(file, json.replace(fields, ""));
        // When, then
        UniWorldConfig read = CheckpointIo.readConfig(dir);
        assertFalse(read.dit().alignedReferences());
        assertFalse(read.dit().predictsImage());
        assertFalse(read.dit().referenceShortcut());
        assertFalse(read.dit().absolutePositions());
        assertEquals(config.dit().withAlignedReferences(false), read.dit());
    }

    @Test
    void aVisionStemRoundTripsAndAConfigWrittenBeforeItOrDescribingAnswersReadsAsNeither() throws IOException {
        // Given a model whose VLM vision tower has a stem, saved and loaded
        UniWorldConfig stemmed = config.withVlm(config.vlm().withVision(config.vlm().vision().withStemWidth(4)));
        try (UniWorldModel original = UniWorldModel.create(stemmed, 21)) {
            original.save(dir);
        }
        try (UniWorldModel loaded = load(EnumSet.allOf(Stage.class))) {
            assertEquals(stemmed, loaded.config());
            assertTrue(loaded.parameters().containsKey("vlm.visual.encoder.conv_stem.conv0.weight"));
        }
        // When a config.json of a model without a stem loses the field, as checkpoints written before it have
        try (UniWorldModel original = UniWorldModel.create(config, 21)) {
            original.save(dir);
        }
        Path file = dir.resolve(CheckpointIo.CONFIG_FILE);
        String json = Files.readString(file);
        String field = ",\n      \"stemWidth\" : 0";
        assertTrue(json.contains(field), json);
        String describes = ",\n    \"describesFirst\" : false";
        assertTrue(json.contains(describes), json);
        Files.writeString(file, json.replace(field, "").replace(",\n    \"stemWidth\" : 0", "")
                .replace(describes, ""));
        // Then it reads as the linear patch embedding and a VLM that answers directly
        assertEquals(config, CheckpointIo.readConfig(dir));
    }
}
