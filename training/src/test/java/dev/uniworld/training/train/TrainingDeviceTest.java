package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

/** The trainer's device option: the first GPU when there is one, the CPU otherwise, and clear refusals. */
class TrainingDeviceTest {

    @Test
    void autoTakesTheFirstGpuWhenTheEngineSeesOneAndTheCpuOtherwise() {
        assertEquals(Device.cpu(), TrainingDevice.resolve("auto", 0));
        assertEquals(Device.gpu(0), TrainingDevice.resolve("auto", 2));
        assertEquals(Device.cpu(), TrainingDevice.resolve("CPU", 2));
        assertEquals(Device.gpu(0), TrainingDevice.resolve("gpu", 1));
        assertEquals(Device.gpu(1), TrainingDevice.resolve(" gpu:1 ", 2));
    }

    @Test
    void aGpuThatIsNotThereOrAnUnknownNameIsRefusedSayingWhy() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TrainingDevice.resolve("gpu", 0));
        assertTrue(missing.getMessage().contains("sees 0 GPUs") && missing.getMessage().contains("CUDA"),
                missing.getMessage());
        IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class,
                () -> TrainingDevice.resolve("gpu:2", 2));
        assertTrue(beyond.getMessage().contains("sees 2 GPUs"), beyond.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> TrainingDevice.resolve("tpu", 1));
        assertTrue(unknown.getMessage().contains("auto, cpu, gpu or gpu:N"), unknown.getMessage());
    }
}
