package dev.uniworld.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.model.config.SamplerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** model.cfg-scale: 0 serves the model's own scales, a value >= 1 replaces both, anything else is refused by name. */
class ModelSettingsTest {

    private static final SamplerConfig MODEL_OWN = SamplerConfig.fluxDefaults().withCfgScales(6, 1);

    @Test
    void zeroServesTheModelsOwnScalesAndAValueReplacesBoth() {
        SamplerConfig own = PipelineConfig.defaults().model().servedGuidance(MODEL_OWN);
        assertEquals(6, own.cfgScaleFor(false));
        assertEquals(1, own.cfgScaleFor(true));
        ModelSettings set = PipelineConfig.fromMap(Map.of("model.cfg-scale", "3.5")).model();
        assertEquals(3.5, set.servedGuidance(MODEL_OWN).cfgScaleFor(false));
        assertEquals(3.5, set.servedGuidance(MODEL_OWN).cfgScaleFor(true));
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
