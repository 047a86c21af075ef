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
        assertEquals(2.5, cfg.cfgScaleFor(true), "--cfg-scale sets the scale of samples with images too");
        assertEquals("16 sampler steps, cfg scale 2.5", new SamplerOverrides(16, 2.5, null, null).describe());
        assertEquals("", SamplerOverrides.NONE.describe());
    }

    @Test
    void rejectsValuesTheSamplerCannotUse() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SamplerOverrides(0, null, null, null))
                .getMessage()
                .contains("steps"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SamplerOverrides(null, 0.5, null, null))
                .getMessage()
                .contains("cfg scale"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SamplerOverrides(null, null, 1.5, null))
                .getMessage()
                .contains("fresh noise"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SamplerOverrides(null, null, null, -0.1))
                .getMessage()
                .contains("reference fresh noise"));
    }

    @Test
    void eachFreshNoiseShareReplacesOnlyItsOwn() {
        SamplerConfig mixed = own.withFreshNoise(0.25, 1); // neither share 0, so that a reset would show
        SamplerConfig prompts = new SamplerOverrides(null, null, 0.5, null).applyTo(mixed);
        assertEquals(0.5, prompts.freshNoise());
        assertEquals(1.0, prompts.referenceFreshNoise());
        SamplerConfig references = new SamplerOverrides(null, null, null, 0.0).applyTo(mixed);
        assertEquals(0.25, references.freshNoise());
        assertEquals(0.0, references.referenceFreshNoise());
        assertEquals(own.steps(), references.steps());
        assertEquals("fresh noise 0.5, reference fresh noise 0.0",
                new SamplerOverrides(null, null, 0.5, 0.0).describe());
    }
}
