package dev.uniworld.model.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Whether the engine records operations for a backward pass, per thread. DJL has no engine-neutral way to ask or to
 * switch it; the PyTorch engine, the only one this project loads, answers per thread. Its default is to record in
 * every thread except the one DJL loaded the engine on, so a serving thread (a Flink task) records unless told not
 * to: every operation on a parameter (which keeps DJL's requires-gradient flag after training) then builds a graph
 * that lives as long as its arrays, and {@code Conv2dLayer} takes its slower training path. DJL's requires-gradient
 * flags cannot tell either, for the same reason.
 */
public final class GradientTape {

    private GradientTape() {
    }

    /** True while the engine records on this thread (inside a {@code GradientCollector}, or by the thread default). */
    public static boolean isRecording() {
        loadEngine();
        return JniUtils.isGradMode();
    }

    /** Stops recording on this thread until the returned pause is closed, which restores the previous state. */
    public static Pause pause() {
        loadEngine();
        boolean wasRecording = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        return new Pause(wasRecording);
    }

    /** The engine's native library answers only once loaded; loading is done once per JVM, a lookup afterwards. */
    private static void loadEngine() {
        Engine.getEngine("PyTorch");
    }

    /** A stretch of inference on one thread; close it on the thread that opened it. */
    public static final class Pause implements AutoCloseable {
        private final boolean wasRecording;

        private Pause(boolean wasRecording) {
            this.wasRecording = wasRecording;
        }

        @Override
        public void close() {
            JniUtils.setGradMode(wasRecording);
        }
    }
}
