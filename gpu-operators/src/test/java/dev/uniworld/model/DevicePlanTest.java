package dev.uniworld.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import dev.uniworld.model.device.DevicePlan;
import dev.uniworld.model.device.Stage;
import org.junit.jupiter.api.Test;

class DevicePlanTest {

    @Test
    void mapsStagesToExistingGpusAndFallsBackToCpu() {
        DevicePlan plan = new DevicePlan(DevicePlan.parse("vlm=0, siglip=0, dit=1"), 1);
        assertEquals(Device.gpu(0), plan.device(Stage.VLM));
        assertEquals(Device.cpu(), plan.device(Stage.DIT)); // gpu 1 does not exist
        assertEquals(Device.cpu(), plan.device(Stage.FUSION)); // not mapped
        assertEquals(Device.cpu(), new DevicePlan(DevicePlan.parse(""), 0).device(Stage.VLM));
    }

    @Test
    void rejectsUnknownStages() {
        assertThrows(IllegalArgumentException.class, () -> DevicePlan.parse("vae=0"));
    }
}
