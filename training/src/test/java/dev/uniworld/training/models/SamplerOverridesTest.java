package dev.uniworld.training.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.model.config.Presets;
import dev.uniworld.model.config.SamplerConfig;
import org.junit.jupiter.api.Test;

class SamplerOverridesTest {

    private final SamplerConfig own = Presets.tiny().sampler();

    @Test
    void replacesOnlyWhatIsGiven() {
        assertSame(own, SamplerOverrides.NONE.applyTo(own));
        SamplerConfig steps = new SamplerOverrides(16, null, null, null).applyTo(own);
        assertEquals(16, steps.steps());
        assertEquals(own.cfgScale(), steps.cfgScale());
        SamplerConfig cfg = new SamplerOverrides(null, 2.5, null, null).applyTo(own);
        assertEquals(own.steps(), cfg.steps());
        assertEquals(2.5, cfg.cfgScale());
        assertTrue(cfg.usesCfg());
        assertEquals("16 sampler steps, cfg scale 2.5", new SamplerOverrides(16, 2.5, null, null).describe());
        assertEquals("", SamplerOverrides.NONE.describe());
    }

    @Test
    void rejectsValuesTheSamplerCannotUse() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SamplerOverrides(0, null, null, null)).getMessage()
                .contains("steps"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SamplerOverrides(null, 0.5, null, null))
                .getMessage()
                .contains("cfg scale"));
    }
}
