package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.model.config.ParameterCounts;
import dev.uniworld.model.config.Presets;
import dev.uniworld.model.config.UniWorldConfig;
import dev.uniworld.model.device.Stage;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PresetsTest {

    @ParameterizedTest
    @ValueSource(strings = {"tiny", "small"})
    void analyticCountsMatchInstantiatedModels(String preset) {
        UniWorldConfig config = Presets.get(preset);
        try (UniWorldModel model = UniWorldModel.create(config, 1)) {
            Map<String, Long> actual = new java.util.HashMap<>();
            model.parameters().forEach((name, p) -> actual.merge(name.substring(0, name.indexOf('.')),
                    p.getShape().size(), Long::sum));
            assertEquals(ParameterCounts.vlm(config.vlm()), actual.get(Stage.VLM.key()));
            assertEquals(ParameterCounts.vit(config.siglip()), actual.get(Stage.SIGLIP.key()));
            assertEquals(ParameterCounts.connectors(config), actual.get(Stage.FUSION.key()));
            assertEquals(ParameterCounts.dit(config), actual.get(Stage.DIT.key()));
        }
    }

    @Test
    void analyticCountsMatchAVisionTowerWithAStem() {
        UniWorldConfig tiny = Presets.tiny();
        UniWorldConfig config = tiny.withVlm(tiny.vlm().withVision(tiny.vlm().vision().withStemWidth(32)));
        try (UniWorldModel model = UniWorldModel.create(config, 1)) {
            long vlm = model.parameters().entrySet().stream().filter(e -> e.getKey().startsWith("vlm."))
                    .mapToLong(e -> e.getValue().getShape().size()).sum();
            assertEquals(ParameterCounts.vlm(config.vlm()), vlm);
        }
    }

    @Test
    void analyticCountsMatchAVlmWithAnswerLayers() {
        UniWorldConfig tiny = Presets.tiny();
        UniWorldConfig config = tiny.withVlm(tiny.vlm().withAnswerLayers(2));
        try (UniWorldModel model = UniWorldModel.create(config, 1)) {
            long vlm = model.parameters().entrySet().stream().filter(e -> e.getKey().startsWith("vlm."))
                    .mapToLong(e -> e.getValue().getShape().size()).sum();
            assertEquals(ParameterCounts.vlm(config.vlm()), vlm);
            assertTrue(vlm > ParameterCounts.vlm(tiny.vlm()));
        }
    }

    @Test
    void tinyIsCpuSized() {
        UniWorldConfig tiny = Presets.tiny();
        long total = ParameterCounts.total(tiny);
        assertTrue(total > 1_000_000 && total < 10_000_000, "tiny has " + total + " parameters");
        assertEquals(64, tiny.imageSize());
        assertTrue(tiny.imageTokens() <= 256);
    }

    @Test
    void uniworldV1MatchesTheReferenceSizesWithinTenPercent() {
        UniWorldConfig v1 = Presets.get(Presets.UNIWORLD_V1);
        assertWithin(8.3e9, ParameterCounts.vlm(v1.vlm()), "VLM (Qwen2.5-VL-7B)");
        assertWithin(0.4e9, ParameterCounts.vit(v1.siglip()), "SigLIP so400m");
        assertWithin(12e9, ParameterCounts.dit(v1), "DiT (FLUX.1-dev)");
        assertEquals(3584, v1.vlm().hidden());
        assertEquals(1024, v1.siglip().tokens());
        assertEquals(4096, v1.connector().contextDim());
        assertEquals(12_288, v1.connector().hiddenDim());
    }

    @Test
    void unknownPresetListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Presets.get("huge"));
        assertTrue(e.getMessage().contains("uniworld-v1"));
    }

    private static void assertWithin(double reference, long actual, String what) {
        double ratio = actual / reference;
        assertTrue(Math.abs(ratio - 1) <= 0.10, what + ": " + actual + " vs reference " + reference);
    }
}
