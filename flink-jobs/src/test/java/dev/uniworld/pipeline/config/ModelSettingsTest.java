package dev.uniworld.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.model.config.SamplerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** model.cfg-scale: 0 serves the model's own scale, a value >= 1 replaces it, anything else is refused by name. */
class ModelSettingsTest {

    private static final SamplerConfig MODEL_OWN = SamplerConfig.fluxDefaults().withCfgScale(2);

    @Test
    void zeroServesTheModelsOwnScaleAndAValueReplacesIt() {
        assertEquals(2, PipelineConfig.defaults().model().cfgScale(MODEL_OWN));
        ModelSettings set = PipelineConfig.fromMap(Map.of("model.cfg-scale", "3.5")).model();
        assertEquals(3.5, set.cfgScale(MODEL_OWN));
    }

    @Test
    void aScaleBelowOneOrNotANumberIsRefusedNamingTheKey() {
        var below = assertThrows(IllegalArgumentException.class,
                () -> PipelineConfig.fromMap(Map.of("model.cfg-scale", "0.5")));
        assertTrue(below.getMessage().contains("cfg-scale"), below.getMessage());
        var text = assertThrows(IllegalArgumentException.class,
                () -> PipelineConfig.fromMap(Map.of("model.cfg-scale", "strong")));
        assertTrue(text.getMessage().contains("model.cfg-scale"), text.getMessage());
    }
}
