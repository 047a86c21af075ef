package dev.uniworld.model.nn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // the pauses are held for their scope only
class GradientTapeTest {

    @Test
    void aPauseStopsRecordingAndItsCloseRestoresWhatWasThere() {
        boolean before = GradientTape.isRecording();
        try {
            JniUtils.setGradMode(true);
            try (GradientTape.Pause outer = GradientTape.pause()) {
                assertFalse(GradientTape.isRecording());
                try (GradientTape.Pause inner = GradientTape.pause()) {
                    assertFalse(GradientTape.isRecording());
                }
                assertFalse(GradientTape.isRecording(), "a nested pause restores the paused state");
            }
            assertTrue(GradientTape.isRecording());
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    /** Why serving must pause: the engine records by default on a thread it was not loaded on. */
    @Test
    void aNewThreadRecordsByTheEnginesDefault() throws InterruptedException {
        GradientTape.isRecording(); // loads the engine on this thread, not the new one
        AtomicBoolean recording = new AtomicBoolean();
        Thread thread = new Thread(() -> recording.set(GradientTape.isRecording()));
        thread.start();
        thread.join();
        assertTrue(recording.get());
    }
}
