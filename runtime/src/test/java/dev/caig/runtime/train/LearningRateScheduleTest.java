package dev.caig.runtime.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearningRateScheduleTest {
    @Test
    void warmsUpLinearlyThenDecaysWithEveryStepPositive() {
        LearningRateSchedule s = LearningRateSchedule.cosine(1.0, 2, 10);
        assertEquals(0.5, s.at(1), 1e-12);
        assertEquals(1.0, s.at(2), 1e-12);
        assertEquals(1.0, s.at(3), 1e-12);
        for (long step = 4; step <= 10; step++) {
            assertTrue(s.at(step) < s.at(step - 1), "decreasing at " + step);
            assertTrue(s.at(step) > 0, "positive at " + step);
        }
    }

    @Test
    void aOneStepRunStillLearns() {
        assertEquals(1e-3, LearningRateSchedule.cosine(1e-3, 0, 1).at(1), 1e-15);
    }
}
