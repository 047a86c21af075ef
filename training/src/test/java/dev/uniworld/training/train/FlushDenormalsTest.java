package dev.uniworld.training.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import com.sun.jna.Platform;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Subnormal floats flush to zero on the thread that asks, in Java's arithmetic and in the engine's, its OpenMP workers
 * included; other threads keep them. Each case runs on a thread of its own, which starts its own OpenMP workers when it
 * first runs a parallel operation, so the test JVM's other threads keep the standard setting.
 */
class FlushDenormalsTest {

    /** Enough elements that the engine splits the product over its OpenMP workers. */
    private static final int PARALLEL_SIZE = 1 << 20;

    @Test
    void theAskingThreadAndItsEngineWorkersFlushAndOtherThreadsDoNot() throws Exception {
        assumeTrue(Platform.isLinux() && Platform.isIntel() && Platform.is64Bit(),
                "flushing is only set on x86-64 Linux; elsewhere onThisThread() returns false");
        // with one engine thread the asking thread computes everything, and the workers would go unchecked
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1 && !"1".equals(System.getenv("OMP_NUM_THREADS")),
                "the engine runs one thread here");
        assertFalse(FlushDenormals.active(), "the test's own thread keeps subnormals");
        boolean[] flushing = onOwnThread(() -> new boolean[] {FlushDenormals.onThisThread(), FlushDenormals.active(),
            zeroHalves() == PARALLEL_SIZE});
        assertTrue(flushing[0], "onThisThread() reports the bits set");
        assertTrue(flushing[1], "Java's arithmetic flushes on the asking thread");
        assertTrue(flushing[2], "every half the engine computes for the asking thread is zero");
        assertFalse(FlushDenormals.active(), "other threads keep subnormals");
        assertTrue(onOwnThread(() -> new boolean[] {zeroHalves() == 0})[0],
                "another thread's engine products stay subnormal");
    }

    /** How many of the engine's products of the smallest normal float and one half are zero (subnormal otherwise). */
    private static long zeroHalves() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] smallest = new float[PARALLEL_SIZE];
            Arrays.fill(smallest, Float.MIN_NORMAL);
            return manager.create(smallest).mul(0.5f).eq(0f).sum().getLong();
        }
    }

    private interface Check {
        boolean[] run() throws Exception;
    }

    private static boolean[] onOwnThread(Check check) throws InterruptedException {
        AtomicReference<boolean[]> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(check.run());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        return result.get();
    }
}
