package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    private final LearningRateSchedule schedule = new LearningRateSchedule(100);

    @Test
    void warmsUpLinearlyToThePeak() {
        assertEquals(0.02f, schedule.rate(2f, 0, 1000), 1e-6);
        assertEquals(1.0f, schedule.rate(2f, 49, 1000), 1e-6);
        assertEquals(2f, schedule.rate(2f, 99, 1000), 1e-6);
    }

    @Test
    void decaysByCosineToATenthOfThePeak() {
        assertEquals(2f, schedule.rate(2f, 100, 1000), 1e-6);
        assertEquals(1.1f, schedule.rate(2f, 550, 1000), 1e-5);
        assertEquals(0.2f, schedule.rate(2f, 999, 1000), 1e-4);
        assertEquals(0.2f, schedule.rate(2f, 1500, 1000), 1e-6);
    }

    @Test
    void shortPhasesWarmUpForATenthOfTheirSteps() {
        assertEquals(0.5f, schedule.rate(1f, 0, 20), 1e-6);
        assertEquals(1f, schedule.rate(1f, 1, 20), 1e-6);
        assertEquals(1f, schedule.rate(1f, 0, 5), 1e-6);
    }
}
